import { Alert, Card, Col, Empty, Flex, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';

function UsersCard() {
  const t = useT();
  const {
    data,
    error,
    isLoading: loading,
    refetch,
  } = useApiQuery('/api/admin/users', { params: { query: { page: 1, pageSize: 1 } } });
  const reload = () => void refetch();
  return (
    <Card
      title={t('home.usersTotal')}
      extra={<Link to="/admin/users">{t('home.viewAll')}</Link>}
      data-testid="users-card"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading || !data ? (
        <CardSkeleton rows={1} />
      ) : (
        <Statistic value={data.total} />
      )}
    </Card>
  );
}

function CalendarYearsCard() {
  const t = useT();
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/calendar/years');
  const reload = () => void refetch();
  return (
    <Card
      title={t('home.calendarYears')}
      extra={<Link to="/admin/calendar">{t('nav.adminCalendar')}</Link>}
      data-testid="calendar-years-card"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading || !data ? (
        <CardSkeleton rows={3} />
      ) : data.length === 0 ? (
        <Empty description={t('home.noCalendarYears')} />
      ) : (
        <Flex vertical gap={6}>
          {[...data]
            .sort((a, b) => b.year - a.year)
            .map((y) => (
              // The year and the day count never wrap or shrink; only the (sometimes long) notice gives way.
              <Flex key={y.year} align="baseline" gap={12}>
                <Link to={`/admin/calendar/${y.year}`} style={{ flex: 'none' }}>
                  <Typography.Text strong>{y.year}</Typography.Text>
                </Link>
                <Typography.Text
                  type="secondary"
                  ellipsis={{ tooltip: y.notice }}
                  style={{ flex: 1, minWidth: 0 }}
                >
                  {y.notice}
                </Typography.Text>
                <Typography.Text style={{ flex: 'none', whiteSpace: 'nowrap' }}>
                  {t('home.workdaysShort', { count: y.workdays })}
                </Typography.Text>
              </Flex>
            ))}
        </Flex>
      )}
    </Card>
  );
}

function JobsCard() {
  const t = useT();
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/system/jobs');
  const reload = () => void refetch();
  const failing = data?.queues.filter((q) => q.failed > 0) ?? [];
  return (
    <Card
      title={t('home.jobs')}
      extra={<Link to="/admin/jobs">{t('home.viewAll')}</Link>}
      data-testid="jobs-card"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading || !data ? (
        <CardSkeleton rows={2} />
      ) : data.queues.length === 0 ? (
        <Empty description={t('home.noJobs')} />
      ) : (
        <Flex vertical gap={8}>
          <Alert
            type={failing.length > 0 ? 'warning' : 'success'}
            showIcon
            title={
              failing.length > 0 ? t('home.jobsFailed', { count: failing.length }) : t('home.jobsHealthy')
            }
          />
          <Flex wrap gap={4}>
            {data.queues.map((q) => (
              <Tooltip key={q.name} title={q.description}>
                <Tag color={q.failed > 0 ? 'red' : q.active > 0 ? 'blue' : 'default'}>{q.name}</Tag>
              </Tooltip>
            ))}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}

export function SysadminHome() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <UsersCard />
      </Col>
      <Col xs={24} md={16}>
        <CalendarYearsCard />
      </Col>
      <Col xs={24}>
        <JobsCard />
      </Col>
    </Row>
  );
}
