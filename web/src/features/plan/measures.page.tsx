import { Button, Card, Empty, Flex, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MEASURE_STATUSES, type MeasureStatus, type MeasureSummary } from './plan.api.ts';
import { useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { ProgressCell, StatusTag, usePhone } from './plan-ui.tsx';
import { SummaryTiles } from './summary-tiles.tsx';

const FILTERS = ['partNo', 'sectionNo', 'status', 'department'] as const;
type Filter = (typeof FILTERS)[number];

interface Option {
  value: string;
  label: string;
}

/** Filter choices from the measures themselves, so the public list needs no other (protected) endpoint. */
function useOptions(measures: readonly MeasureSummary[] | undefined, partNo: string) {
  return useMemo(() => {
    const parts = new Map<number, string>();
    const sections = new Map<number, { label: string; partNo: number }>();
    const departments = new Map<string, string>();
    for (const m of measures ?? []) {
      parts.set(m.partNo, m.part);
      sections.set(m.sectionNo, { label: m.section, partNo: m.partNo });
      for (const u of m.units)
        if (u.departmentCode && u.role !== 'scope') departments.set(u.departmentCode, u.name);
    }
    const byNumber = (a: [number, unknown], b: [number, unknown]) => a[0] - b[0];
    const partOptions: Option[] = [...parts]
      .sort(byNumber)
      .map(([no, label]) => ({ value: String(no), label }));
    const sectionOptions: Option[] = [...sections]
      .sort(byNumber)
      .filter(([, s]) => partNo === '' || String(s.partNo) === partNo)
      .map(([no, s]) => ({ value: String(no), label: s.label }));
    const departmentOptions: Option[] = [...departments]
      .sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'))
      .map(([code, name]) => ({ value: code, label: name }));
    return { partOptions, sectionOptions, departmentOptions };
  }, [measures, partNo]);
}

function matches(m: MeasureSummary, f: Record<Filter, string>): boolean {
  if (f.partNo && String(m.partNo) !== f.partNo) return false;
  if (f.sectionNo && String(m.sectionNo) !== f.sectionNo) return false;
  if (f.status && m.status !== f.status) return false;
  if (f.department && !m.units.some((u) => u.departmentCode === f.department && u.role !== 'scope'))
    return false;
  return true;
}

/**
 * The plan's measures with their status and progress. The server answers all of them at once (58), so filtering and
 * paging happen here; the filters live in the URL so a filtered list can be shared. `base` is where a measure
 * opens: `/plan/measures` inside the workspace, `/public/plan` for visitors.
 */
export function MeasuresList({ base }: { base: string }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const filters = useMemo(
    () => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>,
    [params],
  );
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/action-plan/measures');
  const { partOptions, sectionOptions, departmentOptions } = useOptions(data, filters.partNo);
  const rows = useMemo(() => (data ?? []).filter((m) => matches(m, filters)), [data, filters]);
  const anyFilter = FILTERS.some((f) => filters[f] !== '');
  const phone = usePhone();

  const update = (changes: Partial<Record<Filter | 'page' | 'pageSize', string | number>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<MeasureSummary> = [
    { title: t('plan.no'), dataIndex: 'no', width: 64, align: 'right', ...noWrap },
    {
      title: t('plan.measureTitle'),
      dataIndex: 'title',
      width: 300,
      render: (title: string, m) => (
        <Flex vertical gap={2}>
          <Link to={`${base}/${m.no}`} data-testid="measure-link">
            {title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.section}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('plan.units'),
      key: 'units',
      responsive: ['lg'],
      render: (_: unknown, m) =>
        m.units
          .filter((u) => u.role !== 'scope')
          .map((u) => u.name)
          .join('、') || '—',
    },
    {
      title: t('plan.status'),
      dataIndex: 'status',
      ...noWrap,
      render: (s: MeasureStatus) => <StatusTag status={s} />,
    },
    {
      title: t('plan.progress'),
      dataIndex: 'progress',
      ...noWrap,
      render: (p: number, m) => <ProgressCell percent={p} status={m.status} width={110} />,
    },
    {
      title: t('plan.nextDueOn'),
      dataIndex: 'nextDueOn',
      ...noWrap,
      responsive: ['md'],
      render: (v: string | null, m) =>
        v ? <Typography.Text type={m.overdue ? 'danger' : undefined}>{formatDay(v)}</Typography.Text> : '—',
    },
  ];

  const phoneColumns: TableColumnsType<MeasureSummary> = [
    {
      title: t('plan.measure'),
      key: 'measure',
      render: (_: unknown, m) => (
        <Flex vertical gap={4}>
          <Link to={`${base}/${m.no}`} data-testid="measure-link">
            {m.no}. {m.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.section}
          </Typography.Text>
          <Flex gap={8} align="center" wrap>
            <StatusTag status={m.status} />
            <ProgressCell percent={m.progress} status={m.status} width={120} />
            {m.nextDueOn && (
              <Typography.Text type={m.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {t('plan.dueOnShort', { date: formatDay(m.nextDueOn) })}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      ),
    },
  ];

  const filterStyle = (width: number) =>
    phone ? { flex: '1 1 150px', minWidth: 0 } : { width, maxWidth: '100%' };

  return (
    <Card size={phone ? 'small' : undefined}>
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('plan.anyPart')}
          allowClear
          placeholder={t('plan.anyPart')}
          value={filters.partNo || undefined}
          options={partOptions}
          onChange={(v: string | undefined) => update({ partNo: v ?? '', sectionNo: '' })}
          style={filterStyle(260)}
          popupMatchSelectWidth={false}
          loading={loading}
          data-testid="filter-part"
        />
        <Select
          aria-label={t('plan.anySection')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('plan.anySection')}
          value={filters.sectionNo || undefined}
          options={sectionOptions}
          onChange={(v: string | undefined) => update({ sectionNo: v ?? '' })}
          style={filterStyle(240)}
          popupMatchSelectWidth={false}
          loading={loading}
          data-testid="filter-section"
        />
        <Select
          aria-label={t('plan.anyStatus')}
          allowClear
          placeholder={t('plan.anyStatus')}
          value={filters.status || undefined}
          options={MEASURE_STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))}
          onChange={(v: string | undefined) => update({ status: v ?? '' })}
          style={filterStyle(130)}
          data-testid="filter-status"
        />
        <Select
          aria-label={t('plan.anyDepartment')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('plan.anyDepartment')}
          value={filters.department || undefined}
          options={departmentOptions}
          onChange={(v: string | undefined) => update({ department: v ?? '' })}
          style={filterStyle(220)}
          loading={loading}
          data-testid="filter-department"
        />
        {anyFilter && (
          <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('common.reset')}
          </Button>
        )}
      </Flex>
      {error !== undefined && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        </div>
      )}
      <Table<MeasureSummary>
        rowKey="no"
        columns={phone ? phoneColumns : columns}
        dataSource={rows}
        loading={loading}
        locale={{ emptyText: <Empty description={anyFilter ? t('plan.noMatch') : t('plan.noMeasures')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: rows.length,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => (
            <span data-testid="measure-total" data-total={total}>
              {t('plan.measureTotal', { total })}
            </span>
          ),
          onChange: (p, s) => update({ page: p, pageSize: s }),
        }}
        scroll={phone ? undefined : { x: 760 }}
        data-testid="measure-table"
      />
    </Card>
  );
}

export function MeasuresPage() {
  const t = useT();
  return (
    <Page title={t('plan.measuresTitle')}>
      <MeasuresList base="/plan/measures" />
    </Page>
  );
}

function PlanHeader() {
  const { data, error, isLoading: loading, refetch } = useApiQuery('/api/action-plan');
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (loading || !data)
    return (
      <Card>
        <CardSkeleton rows={3} />
      </Card>
    );
  const { plan } = data;
  return (
    <Card data-testid="plan-header">
      <Flex vertical gap={12}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {plan.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {[plan.issuer, plan.documentNo, plan.issuedOn].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
        <SummaryTiles summary={data.summary} size="small" />
      </Flex>
    </Card>
  );
}

export function PublicMeasuresPage() {
  const t = useT();
  return (
    <Page
      title={t('plan.publicTitle')}
      extra={
        <Link to="/public/plan/cases">
          <Button>{t('plan.cases.publicTitle')}</Button>
        </Link>
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('plan.publicIntro')}
      </Typography.Paragraph>
      <PlanHeader />
      <MeasuresList base="/public/plan" />
    </Page>
  );
}
