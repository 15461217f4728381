import { ArrowRightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { StatusTag } from './plan-ui.tsx';
import { SummaryTiles } from './summary-tiles.tsx';

/** The office home's view of the plan: measures by status and average progress, one click from the dashboard. */
export function PlanSummaryCard() {
  const t = useT();
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/action-plan');
  return (
    <Card
      title={data ? data.plan.title : t('home.measures')}
      extra={
        <Link to="/plan/dashboard" data-testid="plan-dashboard-link">
          {t('plan.home.openDashboard')} <ArrowRightOutlined />
        </Link>
      }
      data-testid="plan-summary-card"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : loading || !data ? (
        <CardSkeleton rows={2} />
      ) : (
        <SummaryTiles summary={data.summary} size="small" />
      )}
    </Card>
  );
}

const UPCOMING = 3;

/** The officer home's "本部门任务": how many measures, what is behind, the next milestones. */
export function MyPlanCard() {
  const t = useT();
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/action-plan/my');
  const open = data?.milestones.filter((m) => m.completedAt === null) ?? [];
  const upcoming = [...open].sort((a, b) => a.dueOn.localeCompare(b.dueOn)).slice(0, UPCOMING);
  const lagging = data?.measures.filter((m) => m.status === 'lagging').length ?? 0;
  const overdueReports = data?.measures.filter((m) => m.reportDue?.overdue).length ?? 0;
  return (
    <Card
      title={t('nav.planMy')}
      extra={
        <Link to="/plan/my" data-testid="my-plan-link">
          {t('home.viewAll')} <ArrowRightOutlined />
        </Link>
      }
      data-testid="my-plan-card"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : loading || !data ? (
        <CardSkeleton rows={3} />
      ) : data.measures.length === 0 ? (
        <Empty description={t('plan.my.noMeasures')} />
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={8} wrap>
            <Tag>{t('plan.my.measuresCount', { count: data.measures.length })}</Tag>
            <Tag color={lagging > 0 ? 'error' : 'default'}>
              {t('plan.my.laggingCount', { count: lagging })}
            </Tag>
            <Tag color="processing">{t('plan.my.openMilestones', { count: open.length })}</Tag>
            {overdueReports > 0 && (
              <Tag color="error">{t('plan.my.overdueReports', { count: overdueReports })}</Tag>
            )}
          </Flex>
          {upcoming.length === 0 ? (
            <Typography.Text type="secondary">{t('plan.home.noUpcoming')}</Typography.Text>
          ) : (
            <Flex vertical gap={6}>
              <Typography.Text type="secondary">{t('plan.home.upcoming')}</Typography.Text>
              {upcoming.map((m) => (
                <Flex key={m.id} gap={8} align="baseline" wrap>
                  <Typography.Text
                    type={m.status === 'lagging' ? 'danger' : undefined}
                    style={{ flex: 'none' }}
                  >
                    {formatDay(m.dueOn)}
                  </Typography.Text>
                  <Link to={`/plan/measures/${m.measureNo}`} style={{ flex: 1, minWidth: 0 }}>
                    {t('plan.measureNo', { no: m.measureNo })} · {m.title}
                  </Link>
                  <StatusTag status={m.status} />
                </Flex>
              ))}
            </Flex>
          )}
          <div>
            <Link to="/plan/my">
              <Button type="primary">{t('plan.report.goReport')}</Button>
            </Link>
          </div>
        </Flex>
      )}
    </Card>
  );
}
