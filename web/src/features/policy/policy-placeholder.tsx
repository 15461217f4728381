import { NotYetAvailable } from '../../components/not-yet-available.tsx';
import { useT } from '../../app/i18n.ts';

/** Stands in for a page of the policy engine (惠企政策直达) that is not built yet; carries the page's test id. */
export function PolicyPlaceholder({ testId }: { testId: string }) {
  const t = useT();
  return (
    <div data-testid={testId}>
      <NotYetAvailable feature={t('nav.groupPolicy')} />
    </div>
  );
}
