import { EditOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import {
  currentMonth,
  isMonth,
  isYearNotLoaded,
  shiftMonth,
  type CalendarYearSummary,
} from './calendar.api.ts';
import { DeadlineCalculator } from './deadline-calculator.tsx';
import { Legend, MonthGrid } from './month-grid.tsx';

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

function YearNotice({ year, years }: { year: number; years: readonly CalendarYearSummary[] | undefined }) {
  const t = useT();
  const entry = years?.find((y) => y.year === year);
  if (!entry) return null;
  return (
    <Typography.Text type="secondary" data-testid="year-notice">
      {t('calendar.noticeLine', { notice: entry.notice, version: entry.version, count: entry.workdays })}
    </Typography.Text>
  );
}

export function CalendarPage() {
  const t = useT();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const raw = params.get('month');
  const month = isMonth(raw) ? raw : currentMonth();
  const year = Number(month.slice(0, 4));
  const years = useApiQuery('/api/calendar/years');
  // No placeholder: the grid must never show one month's days under another month's heading.
  const days = useApiQuery(
    '/api/calendar/months/{month}',
    { params: { path: { month } } },
    { placeholderData: undefined },
  );
  const today = dayjs().format('YYYY-MM-DD');
  const canManage = me?.permissions.includes('calendar.manage') ?? false;

  const go = (next: string) => setParams({ month: next }, { replace: true });

  const yearOptions = [...(years.data ?? [])]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({ value: y.year, label: `${y.year} · ${y.notice}` }));
  if (!yearOptions.some((o) => o.value === year)) yearOptions.push({ value: year, label: String(year) });

  return (
    <Page
      title={t('calendar.title')}
      extra={
        canManage && (
          <Link to={`/admin/calendar/${year}`}>
            <Button icon={<EditOutlined />}>{t('calendar.manage')}</Button>
          </Link>
        )
      }
    >
      <Card>
        <Flex vertical gap={12}>
          <Flex wrap gap={8} align="center" justify="space-between">
            <Space wrap>
              <Button
                icon={<LeftOutlined />}
                aria-label={t('calendar.prevMonth')}
                onClick={() => go(shiftMonth(month, -1))}
              />
              <Select
                aria-label={t('calendar.year')}
                data-testid="year-select"
                value={year}
                options={yearOptions}
                loading={years.isLoading}
                style={{ minWidth: 220, maxWidth: '100%' }}
                onChange={(y: number) => go(`${y}-${month.slice(5)}`)}
              />
              <Select
                aria-label={t('calendar.month')}
                value={month.slice(5)}
                options={MONTHS.map((m) => ({ value: m, label: dayjs(`${year}-${m}-01`).format('MMMM') }))}
                style={{ width: 96 }}
                onChange={(m: string) => go(`${year}-${m}`)}
              />
              <Button
                icon={<RightOutlined />}
                aria-label={t('calendar.nextMonth')}
                onClick={() => go(shiftMonth(month, 1))}
              />
              <Button onClick={() => go(currentMonth())}>{t('calendar.today')}</Button>
            </Space>
            <Legend />
          </Flex>
          <YearNotice year={year} years={years.data} />
          {years.data?.length === 0 && <Alert type="warning" showIcon title={t('calendar.noYears')} />}
          {years.error && <ErrorAlert error={years.error} onRetry={() => void years.refetch()} />}
          {days.error ? (
            isYearNotLoaded(days.error) ? (
              <Alert
                type="warning"
                showIcon
                title={t('calendar.yearNotLoaded', { year })}
                action={
                  canManage && (
                    <Link to={`/admin/calendar/${year}`}>
                      <Button size="small">{t('calendarAdmin.loadYear', { year })}</Button>
                    </Link>
                  )
                }
                data-testid="year-not-loaded"
              />
            ) : (
              <ErrorAlert error={days.error} onRetry={() => void days.refetch()} />
            )
          ) : !days.data ? (
            <CardSkeleton rows={8} />
          ) : (
            <MonthGrid days={days.data.days} today={today} />
          )}
        </Flex>
      </Card>
      <DeadlineCalculator />
    </Page>
  );
}
