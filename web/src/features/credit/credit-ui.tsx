/** Small pieces the credit pages share: tags for classes and states, record contents, the class history chart. */
import { Descriptions, Flex, List, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { EChart, type ChartOption } from '../../components/echart.tsx';
import {
  CLASS_COLOURS,
  dataText,
  type Category,
  type ClassLetter,
  type ClassPart,
  type Publication,
  type RepairOptionStatus,
  type RepairStatus,
  type Severity,
} from './credit.api.ts';

export function ClassTag({ value, large = false }: { value: ClassLetter | null; large?: boolean }) {
  const t = useT();
  if (value === null) return <Tag data-testid="class-tag">{t('credit.class.none')}</Tag>;
  return (
    <Tag
      color={CLASS_COLOURS[value]}
      data-testid="class-tag"
      data-class={value}
      style={large ? { fontSize: 16, padding: '4px 10px', marginInlineEnd: 0 } : { marginInlineEnd: 0 }}
    >
      {t(`credit.class.${value}`)}
    </Tag>
  );
}

const PUBLICATION_COLOUR = {
  published: 'processing',
  not_published: 'default',
  ended_repaired: 'success',
  ended_expired: 'default',
  revoked: 'warning',
} as const satisfies Record<Publication, string>;

export function PublicationTag({ value }: { value: Publication }) {
  const t = useT();
  return (
    <Tag color={PUBLICATION_COLOUR[value]} data-testid="publication-tag" data-publication={value}>
      {t(`credit.publication.${value}`)}
    </Tag>
  );
}

const SEVERITY_COLOUR = { minor: 'default', ordinary: 'orange', serious: 'red' } as const;

export function SeverityTag({ value }: { value: Severity | null }) {
  const t = useT();
  if (value === null) return null;
  return <Tag color={SEVERITY_COLOUR[value]}>{t(`credit.severity.${value}`)}</Tag>;
}

const REPAIR_COLOUR = { pending: 'processing', approved: 'success', rejected: 'error' } as const;

export function RepairStatusTag({ value }: { value: RepairStatus }) {
  const t = useT();
  return (
    <Tag color={REPAIR_COLOUR[value]} data-testid="repair-status" data-status={value}>
      {t(`credit.repair.status.${value}`)}
    </Tag>
  );
}

const OPTION_COLOUR = {
  eligible: 'success',
  too_early: 'default',
  pending: 'processing',
  not_applicable: 'default',
} as const satisfies Record<RepairOptionStatus, string>;

export function RepairOptionTag({ value }: { value: RepairOptionStatus }) {
  const t = useT();
  return (
    <Tag color={OPTION_COLOUR[value]} data-testid="repair-option" data-status={value}>
      {t(`credit.repair.option.${value}`)}
    </Tag>
  );
}

export function TimelyTag({ timely, workdays }: { timely: boolean; workdays: number }) {
  const t = useT();
  return (
    <Tooltip title={t('credit.records.entryWorkdays', { days: workdays })}>
      <Tag color={timely ? 'success' : 'error'} data-testid="timely-tag" data-timely={String(timely)}>
        {timely ? t('credit.records.timely') : t('credit.records.late', { days: workdays })}
      </Tag>
    </Tooltip>
  );
}

/** The category catalogue, keyed by code (public endpoint, small). */
export function useCategories() {
  const { data, error, isLoading } = useApiQuery('/api/credit/categories');
  const byCode = useMemo(() => new Map((data?.items ?? []).map((c) => [c.code, c])), [data]);
  return { error, loading: isLoading, items: data?.items ?? [], byCode };
}

/** Department names by id (public endpoint). */
export function useDepartmentNames(): Map<string, string> {
  const { data } = useApiQuery('/api/departments');
  return useMemo(() => new Map((data ?? []).map((d) => [d.id, d.name])), [data]);
}

/** A record's category fields as a description list, labelled from the catalogue when it is known. */
export function RecordData({ data, category }: { data: Record<string, unknown>; category?: Category }) {
  const t = useT();
  const present = (v: unknown) => v !== null && v !== undefined && v !== '';
  // The category's fields in their catalogue order first, then anything else the record carries.
  const known = (category?.fields ?? []).filter((f) => present(data[f.key])).map((f) => f.key);
  const rest = Object.keys(data).filter((k) => !known.includes(k) && present(data[k]));
  const keys = [...known, ...rest];
  if (keys.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const label = (key: string) => category?.fields.find((f) => f.key === key)?.label ?? key;
  const severity = (v: unknown) =>
    v === 'minor' || v === 'ordinary' || v === 'serious' ? t(`credit.severity.${v}`) : dataText(v);
  const text = (key: string, value: unknown) =>
    key === 'severity'
      ? Array.isArray(value)
        ? value.map(severity).join('、')
        : severity(value)
      : dataText(value);
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={keys.map((k) => ({ key: k, label: label(k), children: text(k, data[k]) }))}
      data-testid="record-data"
    />
  );
}

/** A red or black list's name as a tag in the list's colour. */
export function ListTag({ type, name }: { type: 'red' | 'black'; name: string }) {
  return (
    <Tag color={type === 'red' ? 'red' : '#262626'} data-list-type={type} style={{ marginInlineEnd: 0 }}>
      {name}
    </Tag>
  );
}

/** The explained parts of a class score: "行政处罚（一般）2 条  −30". */
export function ScoreParts({ parts }: { parts: readonly ClassPart[] }) {
  return (
    <List
      size="small"
      dataSource={[...parts]}
      data-testid="score-parts"
      renderItem={(p) => (
        <List.Item key={p.code} data-testid="score-part">
          <Flex justify="space-between" style={{ width: '100%' }} gap={12}>
            <span>{p.label}</span>
            <Typography.Text type={p.points < 0 ? 'danger' : p.points > 0 ? 'success' : 'secondary'} strong>
              {p.points > 0 ? `+${p.points}` : p.points}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** Score per month with the class of each month in the tooltip; a line, since people compare months. */
export function ClassHistoryChart({
  history,
}: {
  history: readonly { period: string; score: number; class: ClassLetter }[];
}) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const sorted = [...history].sort((a, b) => a.period.localeCompare(b.period));
    return {
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const first = Array.isArray(params) ? (params[0] as { dataIndex?: number } | undefined) : undefined;
          const row = first?.dataIndex !== undefined ? sorted[first.dataIndex] : undefined;
          return row ? `${row.period}<br/>${t(`credit.class.${row.class}`)} · ${row.score}` : '';
        },
      },
      xAxis: { type: 'category', data: sorted.map((h) => h.period) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          type: 'line',
          name: t('credit.class.score'),
          data: sorted.map((h) => ({ value: h.score, itemStyle: { color: CLASS_COLOURS[h.class] } })),
          symbolSize: 8,
          lineStyle: { color: '#8c8c8c' },
        },
      ],
    };
  }, [history, t]);
  return (
    <EChart option={option} height={240} ariaLabel={t('credit.class.historyChart')} testId="class-history" />
  );
}
