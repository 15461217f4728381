import { NotYetAvailable } from '../../components/not-yet-available.tsx';
import { useT } from '../../app/i18n.ts';

/** Stands in for a page of one-stop services (一网通办, 一件事) that is not built yet; carries the page's test id. */
export function ServicesPlaceholder({ testId }: { testId: string }) {
  const t = useT();
  return (
    <div data-testid={testId}>
      <NotYetAvailable feature={t('nav.groupServices')} />
    </div>
  );
}
