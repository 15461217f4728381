import { Alert } from 'antd';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { isYearNotLoaded } from './calendar.api.ts';
import { ApiError } from '../../api/client.ts';

/** The 422 "year not loaded" gets a plain sentence (it is an expected answer, not a fault); anything else as usual.
 * The sentence is built from the problem's `year` rather than its `detail`, which carries Chinese and English in one
 * string. */
export function CalculatorError({ error }: { error: unknown }) {
  const t = useT();
  if (error === undefined) return null;
  if (isYearNotLoaded(error)) {
    const year = error instanceof ApiError ? error.problem.year : undefined;
    return (
      <Alert
        type="warning"
        showIcon
        title={t('calendar.yearNotLoadedShort')}
        description={typeof year === 'number' ? t('calendar.yearNotLoaded', { year }) : undefined}
        data-testid="year-not-loaded"
      />
    );
  }
  return <ErrorAlert error={error} />;
}
