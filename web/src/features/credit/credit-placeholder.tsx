import { NotYetAvailable } from '../../components/not-yet-available.tsx';
import { useT } from '../../app/i18n.ts';

/** Stands in for a page of public credit (信用) that is not built yet; carries the page's test id. */
export function CreditPlaceholder({ testId }: { testId: string }) {
  const t = useT();
  return (
    <div data-testid={testId}>
      <NotYetAvailable feature={t('nav.groupCredit')} />
    </div>
  );
}
