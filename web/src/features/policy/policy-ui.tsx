/** Small pieces the policy pages share: tags, fact values in words, the condition checklist, the benefit. */
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Flex, Grid, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { isMessageKey, useLocale, useT, type Translate } from '../../app/i18n.ts';
import type {
  Benefit,
  BenefitFormula,
  Condition,
  Fact,
  FactSource,
  JsonValue,
  Mode,
  PolicyStatus,
  Subject,
} from './policy.api.ts';

/** Phones get stacked cards instead of wide tables (the breakpoint the layout uses for its drawer menu). */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

const MODE_COLOUR = { apply: 'blue', auto: 'green', fast: 'gold' } as const satisfies Record<Mode, string>;

export function ModeTag({ mode }: { mode: Mode }) {
  const t = useT();
  return (
    <Tag color={MODE_COLOUR[mode]} style={{ marginInlineEnd: 0 }} data-testid="mode-tag" data-mode={mode}>
      {t(`policy.mode.${mode}`)}
    </Tag>
  );
}

const STATUS_COLOUR = {
  draft: 'default',
  published: 'success',
  withdrawn: 'error',
} as const satisfies Record<PolicyStatus, string>;

export function PolicyStatusTag({ status }: { status: PolicyStatus }) {
  const t = useT();
  return (
    <Tag
      color={STATUS_COLOUR[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="policy-status"
      data-status={status}
    >
      {t(`policy.status.${status}`)}
    </Tag>
  );
}

const GRANT_COLOUR: Record<string, string> = {
  excluded: 'error',
  pending: 'default',
  awaiting_confirmation: 'processing',
  confirmed: 'blue',
  disbursed: 'success',
};

export function GrantStatusTag({ status }: { status: string }) {
  const t = useT();
  const key = `policy.grantStatus.${status}`;
  return (
    <Tag
      color={GRANT_COLOUR[status] ?? 'default'}
      style={{ marginInlineEnd: 0 }}
      data-testid="grant-status"
      data-status={status}
    >
      {isMessageKey(key) ? t(key) : status}
    </Tag>
  );
}

export function useTopics() {
  const { data } = useApiQuery('/api/policies/topics');
  const { locale } = useLocale();
  return useMemo(() => {
    const byCode = new Map((data ?? []).map((topic) => [topic.code, topic]));
    const label = (code: string) => {
      const topic = byCode.get(code);
      if (!topic) return code;
      return locale === 'zh-CN' ? topic.label : topic.labelEn || topic.label;
    };
    return { topics: data ?? [], label };
  }, [data, locale]);
}

export function TopicTags({ topics, label }: { topics: readonly string[]; label: (code: string) => string }) {
  return (
    <>
      {topics.map((code) => (
        <Tag key={code} style={{ marginInlineEnd: 0 }}>
          {label(code)}
        </Tag>
      ))}
    </>
  );
}

/** The fact catalogue of one subject (or all), keyed by name for labels and options. */
export function useFacts(subject?: Subject) {
  const query = useApiQuery('/api/policies/facts', { params: { query: { subject } } });
  const { data, refetch } = query;
  const byName = useMemo(() => new Map((data ?? []).map((f) => [f.name, f])), [data]);
  return {
    data,
    error: query.error ?? undefined,
    loading: query.isLoading,
    reload: () => void refetch(),
    byName,
  };
}

export function factName(fact: Fact | undefined, name: string, locale: string): string {
  if (!fact) return name;
  return locale === 'zh-CN' ? fact.label : fact.labelEn || fact.label;
}

/** A fact's value in words: units, 是/否, option labels; null/undefined means nobody has said. */
export function formatFactValue(value: unknown, fact: Fact | undefined, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('policy.value.unknown');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  const optionLabel = (v: unknown) => fact?.options?.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(value))
    return value.length === 0 ? t('policy.value.none') : value.map(optionLabel).join('、');
  if (typeof value === 'number') {
    const text = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
    return fact?.unit ? `${text} ${fact.unit}` : text;
  }
  if (typeof value === 'string') return fact?.options ? optionLabel(value) : value;
  return JSON.stringify(value);
}

export function SourceTag({ source }: { source: FactSource | null | undefined }) {
  const t = useT();
  if (!source) return null;
  const colour = source.kind === 'feed' ? 'geekblue' : source.kind === 'platform' ? 'purple' : 'orange';
  const kindKey = `policy.source.${source.kind}`;
  const kind = isMessageKey(kindKey) ? t(kindKey) : source.kind;
  const pending = source.kind === 'declared' && !source.verified;
  return (
    <Tooltip title={[source.label, source.at ? formatDateTime(source.at) : ''].filter(Boolean).join(' · ')}>
      <Tag
        color={colour}
        style={{ marginInlineEnd: 0 }}
        data-testid="fact-source"
        data-kind={source.kind}
        data-verified={source.verified}
      >
        {pending ? t('policy.source.declaredPending') : kind}
      </Tag>
    </Tooltip>
  );
}

/**
 * The explanation as a checklist: ✓/✗, the condition in plain words, the value used and (when it failed) what
 * was required, and where the value came from.
 */
export function ConditionChecklist({
  conditions,
  facts,
  showSources = false,
}: {
  conditions: readonly Condition[];
  facts: ReadonlyMap<string, Fact>;
  showSources?: boolean;
}) {
  const t = useT();
  if (conditions.length === 0)
    return <Typography.Text type="secondary">{t('policy.explain.noConditions')}</Typography.Text>;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="condition-checklist">
      {conditions.map((c, i) => {
        const fact = c.fact ? facts.get(c.fact) : undefined;
        return (
          <li
            key={`${c.fact ?? ''}-${i}`}
            style={{ padding: '4px 0' }}
            data-testid="condition"
            data-passed={c.passed}
            data-fact={c.fact ?? ''}
          >
            <Flex gap={8} align="baseline" wrap>
              {c.passed ? (
                <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('policy.explain.passed')} />
              ) : (
                <CloseCircleFilled style={{ color: '#d9363e' }} aria-label={t('policy.explain.failed')} />
              )}
              <Typography.Text strong={!c.passed}>{c.label}</Typography.Text>
              <Typography.Text type={c.passed ? 'secondary' : 'danger'}>
                {c.passed
                  ? t('policy.explain.actual', { value: c.actualText ?? formatFactValue(c.actual, fact, t) })
                  : t('policy.explain.actualRequired', {
                      value: c.actualText ?? formatFactValue(c.actual, fact, t),
                      required: c.required,
                    })}
              </Typography.Text>
              {showSources && <SourceTag source={c.source} />}
            </Flex>
          </li>
        );
      })}
    </ul>
  );
}

export function formatAmount(amount: number, t: Translate): string {
  return t('policy.amount', { amount: Number.isInteger(amount) ? amount : Number(amount.toFixed(2)) });
}

/** The estimated benefit; for a clause not (yet) met, what meeting it would bring (no amount is computed then). */
export function BenefitView({ benefit, eligible = true }: { benefit: Benefit | null; eligible?: boolean }) {
  const t = useT();
  if (!benefit) return <Typography.Text type="secondary">{t('policy.benefit.none')}</Typography.Text>;
  if (!eligible && benefit.amount === null)
    return (
      <Typography.Text type="secondary" data-testid="benefit">
        {t('policy.benefit.ifEligible', { formula: benefit.formula })}
      </Typography.Text>
    );
  return (
    <Flex vertical gap={2} data-testid="benefit">
      <Typography.Text strong data-testid="benefit-amount" data-amount={benefit.amount ?? ''}>
        {benefit.amount === null ? t('policy.benefit.amountUnknown') : formatAmount(benefit.amount, t)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('policy.benefit.formula', { formula: benefit.formula })}
      </Typography.Text>
    </Flex>
  );
}

/** A stored benefit formula (unknown JSON from the server), when it has one of the shapes the editor knows. */
export function readFormula(value: unknown): BenefitFormula | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === 'number' ? x : undefined);
  const cap = num(v.cap) ?? null;
  switch (v.kind) {
    case 'fixed': {
      const amount = num(v.amount);
      return amount === undefined ? null : { kind: 'fixed', amount };
    }
    case 'rate': {
      const rate = num(v.rate);
      return typeof v.fact === 'string' && rate !== undefined
        ? { kind: 'rate', fact: v.fact, rate, cap }
        : null;
    }
    case 'tiered': {
      if (typeof v.fact !== 'string' || !Array.isArray(v.tiers)) return null;
      const tiers: { min: number; amount: number }[] = [];
      for (const tier of v.tiers as unknown[]) {
        if (typeof tier !== 'object' || tier === null) return null;
        const row = tier as Record<string, unknown>;
        const min = num(row.min);
        const amount = num(row.amount);
        if (min === undefined || amount === undefined) return null;
        tiers.push({ min, amount });
      }
      return { kind: 'tiered', fact: v.fact, tiers };
    }
    case 'logic':
      return v.expr === undefined ? null : { kind: 'logic', expr: v.expr as JsonValue, cap };
    default:
      return null;
  }
}

/** JsonLogic from the server (unknown JSON) as the editor's value type. */
export function readRule(value: unknown): JsonValue | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
