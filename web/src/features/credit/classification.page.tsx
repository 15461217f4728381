/**
 * 分类监管: the monthly A–D risk classification — the distribution of one month as a chart, and for one enterprise
 * its class with the score explained part by part and its history. The classification runs monthly as a job;
 * whoever maintains the rules (`credit.manage`) can run it now.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime, formatNumber } from '../../app/format.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import { useMe } from '../../app/session.tsx';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { CLASS_COLOURS, CLASS_LETTERS } from './credit.api.ts';
import { ClassHistoryChart, ClassTag, ScoreParts } from './credit-ui.tsx';

function Distribution({
  period,
  onPeriod,
}: {
  period: string | undefined;
  onPeriod: (p: string | undefined) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const me = useMe();
  const { message } = App.useApp();
  const { data, error, isLoading, refetch } = useApiQuery('/api/credit/classes/summary', {
    params: { query: { period } },
  });
  const run = useApiMutation('post', '/api/credit/classification/run', { invalidates: ['/api/credit'] });
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: [...CLASS_LETTERS] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('credit.classes.enterprises'),
          barMaxWidth: 56,
          label: { show: true, position: 'top' },
          data: CLASS_LETTERS.map((c) => ({
            value: data?.counts[c] ?? 0,
            itemStyle: { color: CLASS_COLOURS[c] },
          })),
        },
      ],
    }),
    [data, t],
  );
  const runNow = async () => {
    try {
      await run.mutateAsync({});
      void message.success(t('credit.classes.started'));
      // The run is a background job: look again once it has had time to store the month's classes.
      window.setTimeout(() => void refetch(), 3000);
    } catch (cause) {
      void message.error(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <Card
      title={t('credit.classes.distribution')}
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            value={period ? dayjs(`${period}-01`) : data?.period ? dayjs(`${data.period}-01`) : null}
            onChange={(d) => onPeriod(d ? d.format('YYYY-MM') : undefined)}
            placeholder={t('credit.classes.latest')}
            data-testid="classes-period"
          />
          {me.permissions.includes('credit.manage') && (
            <Button
              icon={<ReloadOutlined />}
              loading={run.isPending}
              onClick={() => void runNow()}
              data-testid="classes-run"
            >
              {t('credit.classes.runNow')}
            </Button>
          )}
        </Space>
      }
      data-testid="class-distribution"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isLoading && !data ? (
        <CardSkeleton rows={5} />
      ) : data && data.classified === 0 ? (
        <Empty
          description={
            data.period === null
              ? t('credit.classes.noRunYet')
              : t('credit.classes.noneInPeriod', { period: data.period })
          }
        />
      ) : data ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={16}>
            <EChart
              option={option}
              height={260}
              ariaLabel={t('credit.classes.distribution')}
              testId="class-chart"
            />
          </Col>
          <Col xs={24} md={8}>
            <Flex vertical gap={12}>
              <Statistic title={t('credit.classes.period')} value={data.period ?? '—'} />
              <Statistic
                title={t('credit.classes.classified')}
                value={data.classified}
                suffix={`/ ${formatNumber(data.registered, locale)}`}
                data-testid="classes-classified"
              />
              {CLASS_LETTERS.map((c) => (
                <Flex key={c} justify="space-between" data-testid={`class-count-${c}`}>
                  <ClassTag value={c} />
                  <Typography.Text strong>{data.counts[c]}</Typography.Text>
                </Flex>
              ))}
            </Flex>
          </Col>
        </Row>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
        {t('credit.classes.schedule')}
      </Typography.Paragraph>
    </Card>
  );
}

function EnterprisePicker({
  value,
  onPick,
}: {
  value: string | undefined;
  onPick: (id: string | undefined) => void;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const term = q.trim();
  const { data, isFetching: loading } = useApiQuery(
    '/api/enterprises',
    { params: { query: { q: term, page: 1, pageSize: 20 } } },
    { enabled: term.length >= 2 },
  );
  // Opened from a link (?enterprise=id): name the chosen enterprise even before anything is searched.
  const chosen = useApiQuery(
    '/api/enterprises/{id}',
    { params: { path: { id: value ?? '' } } },
    { enabled: value !== undefined },
  );
  const found = data?.items ?? [];
  const items = chosen.data && !found.some((e) => e.id === chosen.data?.id) ? [chosen.data, ...found] : found;
  return (
    <Select
      aria-label={t('credit.classes.pickEnterprise')}
      showSearch
      allowClear
      value={value}
      filterOption={false}
      onSearch={setQ}
      onChange={(v: string | undefined) => onPick(v)}
      loading={loading}
      placeholder={t('credit.classes.pickEnterprise')}
      notFoundContent={
        q.trim().length < 2 ? (
          t('credit.classes.typeToSearch')
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )
      }
      options={items.map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }))}
      style={{ width: '100%', maxWidth: 560 }}
      data-testid="class-enterprise"
    />
  );
}

function EnterpriseClassView({ id }: { id: string }) {
  const t = useT();
  // Another enterprise's class must not stay on screen while this one loads.
  const { data, error, refetch } = useApiQuery(
    '/api/credit/enterprises/{id}/class',
    { params: { path: { id } } },
    { placeholderData: undefined },
  );
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <CardSkeleton rows={5} />;
  const c = data.current;
  return (
    <Row gutter={[24, 16]} data-testid="enterprise-class" data-class={c.class}>
      <Col xs={24} md={10}>
        <Flex vertical gap={12}>
          <Space size="large" align="center" wrap>
            <ClassTag value={c.class} large />
            <Statistic title={t('credit.class.score')} value={c.score} suffix="/ 100" />
          </Space>
          <Typography.Text type="secondary">
            {c.stored && c.period
              ? t('credit.class.storedAt', { period: c.period, at: formatDateTime(c.computedAt) })
              : t('credit.class.provisional')}
          </Typography.Text>
          <ScoreParts parts={c.parts} />
        </Flex>
      </Col>
      <Col xs={24} md={14}>
        <Typography.Text strong>{t('credit.class.history')}</Typography.Text>
        {data.history.length === 0 ? (
          <Empty description={t('credit.class.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <ClassHistoryChart history={data.history} />
        )}
      </Col>
    </Row>
  );
}

export function CreditClassesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const enterprise = params.get('enterprise') ?? undefined;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <div data-testid="credit-classes">
      <Page title={t('credit.classes.title')}>
        <Alert type="info" showIcon title={t('credit.classes.rulesNote')} />
        <Distribution period={period} onPeriod={(p) => set('period', p)} />
        <Card title={t('credit.classes.enterprise')}>
          <Flex vertical gap={16}>
            <EnterprisePicker value={enterprise} onPick={(id) => set('enterprise', id)} />
            {enterprise ? (
              <EnterpriseClassView id={enterprise} />
            ) : (
              <Empty description={t('credit.classes.pickHint')} />
            )}
          </Flex>
        </Card>
      </Page>
    </div>
  );
}
