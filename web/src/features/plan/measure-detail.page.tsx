import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  FormOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Row,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { MeasureDetail, Milestone } from './plan.api.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { noWrap } from '../../components/table-columns.ts';
import { MeasureTimeline } from './measure-timeline.tsx';
import { MilestoneModal } from './milestone-modal.tsx';
import { parseMeasureNo } from './plan.api.ts';
import { ProgressCell, StatusTag, UnitsList, usePhone } from './plan-ui.tsx';
import { ReportDrawer } from './report-drawer.tsx';

function MilestoneTable({ measure, canEdit }: { measure: MeasureDetail; canEdit: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Milestone | 'new' | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const phone = usePhone();
  const deleteMilestone = useApiMutation('delete', '/api/action-plan/milestones/{id}', {
    invalidates: ['/api/action-plan'],
  });

  const remove = async (m: Milestone) => {
    setError(undefined);
    try {
      await deleteMilestone.mutateAsync({ params: { path: { id: m.id } } });
      void message.success(t('plan.milestone.deleted'));
    } catch (cause) {
      setError(cause);
    }
  };

  const columns: TableColumnsType<Milestone> = [
    {
      title: t('plan.milestone.title'),
      dataIndex: 'title',
      render: (title: string, m) => (
        <Flex vertical gap={2}>
          <Typography.Text>{title}</Typography.Text>
          {m.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
              {m.description}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('plan.milestone.owner'),
      key: 'owner',
      ...noWrap,
      render: (_: unknown, m) => m.ownerDepartment.name,
    },
    {
      title: t('plan.milestone.dueOn'),
      dataIndex: 'dueOn',
      ...noWrap,
      render: (v: string, m) => (
        <Flex vertical>
          <span>{formatDay(v)}</span>
          {m.overdueWorkdays > 0 && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('plan.overdueBy', { count: m.overdueWorkdays })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('plan.status'),
      dataIndex: 'status',
      ...noWrap,
      render: (_: unknown, m) => <StatusTag status={m.status} />,
    },
  ];
  const actions = (m: Milestone) => (
    <Flex gap={4}>
      <Button
        size="small"
        type="text"
        icon={<EditOutlined />}
        aria-label={t('plan.milestone.edit')}
        onClick={() => setEditing(m)}
        data-testid="milestone-edit"
      />
      <Popconfirm
        title={t('plan.milestone.deleteConfirm', { title: m.title })}
        okText={t('common.remove')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => remove(m)}
      >
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('common.remove')}
          data-testid="milestone-delete"
        />
      </Popconfirm>
    </Flex>
  );
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      ...noWrap,
      render: (_: unknown, m) => actions(m),
    });
  }
  const phoneColumns: TableColumnsType<Milestone> = [
    {
      title: t('plan.milestone.title'),
      key: 'milestone',
      render: (_: unknown, m) => (
        <Flex justify="space-between" align="start" gap={8}>
          <Flex vertical gap={2}>
            <Typography.Text>{m.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.ownerDepartment.name} · {t('plan.dueOnShort', { date: formatDay(m.dueOn) })}
            </Typography.Text>
            {m.overdueWorkdays > 0 && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('plan.overdueBy', { count: m.overdueWorkdays })}
              </Typography.Text>
            )}
            <div>
              <StatusTag status={m.status} />
            </div>
          </Flex>
          {canEdit && actions(m)}
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={t('plan.milestones')}
      extra={
        canEdit ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="milestone-add"
          >
            {t('plan.milestone.add')}
          </Button>
        ) : undefined
      }
      data-testid="milestones-card"
    >
      {error !== undefined && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Table<Milestone>
        rowKey="id"
        size="small"
        columns={phone ? phoneColumns : columns}
        dataSource={measure.milestones}
        pagination={measure.milestones.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: <Empty description={t('plan.milestone.none')} /> }}
        scroll={phone ? undefined : { x: 640 }}
        data-testid="milestone-table"
      />
      {editing !== null && (
        <MilestoneModal
          measureNo={measure.no}
          units={measure.units}
          editing={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

/**
 * One measure: its text, units, status and progress, milestones and a timeline of everything that happened. Shared
 * by the workspace (`/plan/measures/:no`) and the public site (`/public/plan/:no`); reports and notices are
 * internal and the server leaves them out for visitors.
 */
function MeasureDetailView({ publicView }: { publicView: boolean }) {
  const t = useT();
  const { me } = useSession();
  const params = useParams();
  const no = parseMeasureNo(params.no);
  const {
    data,
    error,
    isLoading: loading,
    refetch,
  } = useApiQuery(
    '/api/action-plan/measures/{no}',
    { params: { path: { no: no ?? 0 } } },
    { enabled: no !== undefined, placeholderData: undefined },
  );
  const [reporting, setReporting] = useState(false);
  const listPath = publicView ? '/public/plan' : '/plan/measures';

  const back = (
    <Link to={listPath}>
      <Button icon={<ArrowLeftOutlined />}>{t('plan.backToList')}</Button>
    </Link>
  );

  if (no === undefined || (error instanceof ApiError && error.status === 404)) {
    return <Result status="404" title={t('plan.measureNotFound')} extra={back} />;
  }

  const canSupervise = !publicView && (me?.permissions.includes('plan.supervise') ?? false);
  const seesInternal = !publicView && (me?.permissions.includes('plan.read') ?? false);
  const myDepartment = me?.department?.id;
  const canReport =
    !publicView &&
    (me?.permissions.includes('plan.report') ?? false) &&
    data !== undefined &&
    data.units.some((u) => u.departmentId === myDepartment && u.role !== 'scope');

  return (
    <Page
      title={
        data ? t('plan.measureHeading', { no: data.no, title: data.title }) : t('plan.measureNo', { no })
      }
      extra={
        <Flex gap={8} wrap>
          {canReport && (
            <Button
              type="primary"
              icon={<FormOutlined />}
              onClick={() => setReporting(true)}
              data-testid="report-open"
            >
              {t('plan.report.open')}
            </Button>
          )}
          {back}
        </Flex>
      }
    >
      {error !== null && <ErrorAlert error={error} onRetry={() => void refetch()} />}
      {loading && !data && (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      )}
      {data && (
        <div data-testid="measure-detail" data-no={data.no} style={{ display: 'contents' }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Card title={t('plan.measureText')} style={{ height: '100%' }}>
                <Typography.Text type="secondary">
                  {data.part} · {data.section}
                </Typography.Text>
                <Typography.Paragraph
                  style={{ marginTop: 12, whiteSpace: 'pre-wrap', fontSize: 15 }}
                  data-testid="measure-body"
                >
                  {data.body}
                </Typography.Paragraph>
                <UnitsList units={data.units} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('plan.progressTitle')} style={{ height: '100%' }}>
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { key: 'status', label: t('plan.status'), children: <StatusTag status={data.status} /> },
                    {
                      key: 'progress',
                      label: t('plan.progress'),
                      children: <ProgressCell percent={data.progress} status={data.status} width={180} />,
                    },
                    {
                      key: 'next',
                      label: t('plan.nextDueOn'),
                      children: data.nextDueOn ? (
                        <Typography.Text type={data.overdue ? 'danger' : undefined}>
                          {formatDay(data.nextDueOn)}
                        </Typography.Text>
                      ) : (
                        '—'
                      ),
                    },
                  ]}
                />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
                  {t('plan.progressRule')}
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
          <MilestoneTable measure={data} canEdit={canSupervise} />
          <Card title={t('plan.timeline.title')} data-testid="timeline-card">
            {!seesInternal && (
              <Alert
                type="info"
                showIcon
                title={t('plan.timeline.publicNote')}
                style={{ marginBottom: 16 }}
              />
            )}
            <MeasureTimeline measure={data} />
          </Card>
          {reporting && myDepartment && (
            <ReportDrawer
              target={{
                no: data.no,
                title: data.title,
                milestones: data.milestones.filter(
                  (m) => m.ownerDepartment.id === myDepartment && m.completedAt === null,
                ),
                lastPercent: latestPercent(data, myDepartment),
              }}
              onClose={() => setReporting(false)}
              onSubmitted={() => setReporting(false)}
            />
          )}
        </div>
      )}
    </Page>
  );
}

/** The department's latest reported percent on this measure (latest period, then latest submitted). */
function latestPercent(m: MeasureDetail, departmentId: string): number | undefined {
  const own = m.reports.filter((r) => r.department.id === departmentId);
  own.sort((a, b) =>
    a.period === b.period ? a.submittedAt.localeCompare(b.submittedAt) : a.period.localeCompare(b.period),
  );
  return own.at(-1)?.percent;
}

export function MeasureDetailPage() {
  return <MeasureDetailView publicView={false} />;
}

export function PublicMeasureDetailPage() {
  return <MeasureDetailView publicView />;
}
