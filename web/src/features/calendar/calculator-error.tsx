import { Alert } from 'antd';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { isYearNotLoaded } from './calendar.api.ts';
import { ApiError } from '../../api/client.ts';

/** The 422 "year not loaded" gets a plain sentence (it is an expected answer, not a fault); anything else as usual. */
export function CalculatorError({ error }: { error: unknown }) {
  const t = useT();
  if (error === undefined) return null;
  if (isYearNotLoaded(error)) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('calendar.yearNotLoadedShort')}
        description={error instanceof ApiError ? error.detail : undefined}
        data-testid="year-not-loaded"
      />
    );
  }
  return <ErrorAlert error={error} />;
}
