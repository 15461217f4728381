/**
 * The visual rule editor (@react-awesome-query-builder/antd) with the JsonLogic beside it, kept in sync both ways:
 * a change in the builder rewrites the JSON; valid JSON typed on the right is loaded into the builder. A rule the
 * builder cannot show (an operator outside its vocabulary) stays editable as JSON — the server validates it.
 *
 * antd 6 notes: the library's `Conjs` and `ButtonGroup` widgets use `Button.Group`, which antd 6 removed (they
 * would render `undefined` and crash), and its date widget is built on moment through rc-picker 4 instead of
 * antd 6's dayjs picker. Those three are replaced here; its `Provider` is a pass-through so the app's
 * ConfigProvider (theme, locale) applies inside the builder.
 */
import '@react-awesome-query-builder/antd/css/styles.css';
import './rule-editor.css';
import {
  AntdConfig,
  Builder,
  Query,
  Utils,
  type BuilderProps,
  type ButtonGroupProps,
  type Config,
  type ConjsProps,
  type DateTimeWidgetProps,
  type ImmutableTree,
  type ProviderProps,
} from '@react-awesome-query-builder/antd';
import { Alert, Card, Col, DatePicker, Flex, Input, Radio, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, apiCall } from '../../api/client.ts';
import { useLocale, useT, type Translate } from '../../app/i18n.ts';
import type { Fact, JsonValue, RuleCheck, Subject } from './policy.api.ts';
import { RULE_OPERATORS, ruleConfig, type RuleWords } from './rule-config.ts';

function RuleConjs({ conjunctionOptions, selectedConjunction, setConjunction, readonly }: ConjsProps) {
  const options = Object.values(conjunctionOptions ?? {});
  return (
    <Radio.Group
      optionType="button"
      buttonStyle="solid"
      size="small"
      value={selectedConjunction}
      disabled={readonly}
      onChange={(e) => setConjunction(String(e.target.value))}
      options={options.map((o) => ({ value: o.key, label: o.label }))}
      data-testid="rule-conjunction"
    />
  );
}

function RuleButtonGroup({ children }: ButtonGroupProps) {
  return <Space.Compact size="small">{children}</Space.Compact>;
}

function RuleProvider({ children }: ProviderProps) {
  return children;
}

function RuleDate(props: DateTimeWidgetProps) {
  const { value, readonly, placeholder } = props;
  const setValue = (next: string | undefined) => props.setValue(next);
  const day = typeof value === 'string' && value ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      size="small"
      value={day && day.isValid() ? day : null}
      disabled={readonly}
      placeholder={placeholder}
      format="YYYY-MM-DD"
      onChange={(d) => setValue(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}

function ruleWords(t: Translate, locale: RuleWords['locale']): RuleWords {
  return {
    locale,
    and: t('policy.rule.and'),
    or: t('policy.rule.or'),
    yes: t('common.yes'),
    no: t('common.no'),
    addRule: t('policy.rule.addRule'),
    addGroup: t('policy.rule.addGroup'),
    remove: t('common.remove'),
    fieldPlaceholder: t('policy.rule.fieldPlaceholder'),
    operatorPlaceholder: t('policy.rule.operatorPlaceholder'),
    valuePlaceholder: t('policy.rule.valuePlaceholder'),
    notFound: t('policy.rule.notFound'),
    operators: Object.fromEntries(RULE_OPERATORS.map((op) => [op, t(`policy.rule.op.${op}`)])) as Record<
      (typeof RULE_OPERATORS)[number],
      string
    >,
  };
}

/** The antd configuration with the antd-6 replacements, for one subject's facts. */
export function useRuleConfig(facts: readonly Fact[]): Config {
  const t = useT();
  const { locale } = useLocale();
  return useMemo(() => {
    const config = ruleConfig(AntdConfig, facts, ruleWords(t, locale));
    return {
      ...config,
      widgets: {
        ...config.widgets,
        date: { ...config.widgets.date, factory: (props: DateTimeWidgetProps) => <RuleDate {...props} /> },
        // A value select has no visible label either (WCAG 4.1.2).
        select: {
          ...config.widgets.select,
          customProps: {
            ...config.widgets.select?.customProps,
            'aria-label': t('policy.rule.valuePlaceholder'),
          },
        },
        multiselect: {
          ...config.widgets.multiselect,
          customProps: {
            ...config.widgets.multiselect?.customProps,
            'aria-label': t('policy.rule.valuePlaceholder'),
          },
        },
      },
      settings: {
        ...config.settings,
        renderSize: 'small',
        renderConjs: (props: ConjsProps) => <RuleConjs {...props} />,
        renderButtonGroup: (props: ButtonGroupProps) => <RuleButtonGroup {...props} />,
        renderProvider: (props: ProviderProps) => <RuleProvider {...props} />,
        // The field and operator selects have no visible label: name them (WCAG 4.1.2).
        renderField: named(config.settings.renderField, t('policy.rule.fieldPlaceholder')),
        renderOperator: named(config.settings.renderOperator, t('policy.rule.operatorPlaceholder')),
      },
    };
  }, [facts, t, locale]);
}

type FieldFactory = Config['settings']['renderField'];

function named(render: FieldFactory, label: string): FieldFactory {
  if (typeof render !== 'function') return render;
  return (props, ctx) =>
    render({ ...props, customProps: { ...props.customProps, 'aria-label': label } }, ctx);
}

const emptyTree = (): ImmutableTree => Utils.loadTree({ id: Utils.uuid(), type: 'group' });

/** Messages the importer gives for rules it loads fine (two operators share the `in` shape). */
const harmless = (message: string) => message.startsWith('Operator matched against');

interface Loaded {
  tree: ImmutableTree | undefined;
  errors: string[];
}

function load(rule: JsonValue | null, config: Config): Loaded {
  if (rule === null || (typeof rule === 'object' && !Array.isArray(rule) && Object.keys(rule).length === 0))
    return { tree: emptyTree(), errors: [] };
  const [tree, errors] = Utils._loadFromJsonLogic(rule, config);
  const real = errors.filter((e) => !harmless(e));
  return { tree: real.length === 0 ? tree : undefined, errors: real };
}

function exportLogic(tree: ImmutableTree, config: Config): JsonValue | null {
  const { logic } = Utils.jsonLogicFormat(tree, config);
  return logic === undefined ? null : (logic as JsonValue);
}

const pretty = (rule: JsonValue | null) => (rule === null ? '' : JSON.stringify(rule, null, 2));

export interface RuleEditorProps {
  subject: Subject;
  facts: readonly Fact[];
  value: JsonValue | null;
  onChange: (rule: JsonValue | null) => void;
  /** Field errors the server gave for the rule (`/body/rule…`), in words. */
  serverErrors?: string[];
}

export function RuleEditor({ subject, facts, value, onChange, serverErrors = [] }: RuleEditorProps) {
  const t = useT();
  const config = useRuleConfig(facts);
  const initial = useMemo(() => load(value, config), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [tree, setTree] = useState<ImmutableTree>(() => initial.tree ?? emptyTree());
  const [text, setText] = useState(() => pretty(value));
  const [jsonError, setJsonError] = useState<string | undefined>(undefined);
  const [builderErrors, setBuilderErrors] = useState<string[]>(initial.errors);
  // What this editor last handed to the parent, so a value coming back down is not reloaded over the builder.
  const lastEmitted = useRef<string>(JSON.stringify(value));

  useEffect(() => {
    const incoming = JSON.stringify(value);
    if (incoming === lastEmitted.current) return;
    lastEmitted.current = incoming;
    const loaded = load(value, config);
    if (loaded.tree) setTree(loaded.tree);
    setBuilderErrors(loaded.errors);
    setText(pretty(value));
    setJsonError(undefined);
  }, [value, config]);

  const emit = useCallback(
    (rule: JsonValue | null) => {
      lastEmitted.current = JSON.stringify(rule);
      onChange(rule);
    },
    [onChange],
  );

  const onBuilderChange = useCallback(
    (next: ImmutableTree, cfg: Config) => {
      setTree(next);
      const logic = exportLogic(next, cfg);
      const serialised = JSON.stringify(logic);
      if (serialised === lastEmitted.current) return;
      setText(pretty(logic));
      setJsonError(undefined);
      setBuilderErrors([]);
      emit(logic);
    },
    [emit],
  );

  const onTextChange = (nextText: string) => {
    setText(nextText);
    if (nextText.trim() === '') {
      setJsonError(undefined);
      setBuilderErrors([]);
      setTree(emptyTree());
      emit(null);
      return;
    }
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(nextText) as JsonValue;
    } catch (cause) {
      setJsonError(cause instanceof Error ? cause.message : String(cause));
      return;
    }
    setJsonError(undefined);
    const loaded = load(parsed, config);
    setBuilderErrors(loaded.errors);
    if (loaded.tree) setTree(loaded.tree);
    emit(parsed);
  };

  const renderBuilder = useCallback(
    (props: BuilderProps) => (
      <div className="query-builder-container policy-rule-builder" data-testid="rule-builder">
        <div className="query-builder">
          <Builder {...props} />
        </div>
      </div>
    ),
    [],
  );

  return (
    <Row gutter={[16, 16]} data-testid="rule-editor">
      <Col xs={24} xl={14}>
        <Card size="small" title={t('policy.rule.visual')} styles={{ body: { overflowX: 'auto' } }}>
          {facts.length === 0 ? (
            <Alert type="warning" showIcon title={t('policy.rule.noFacts')} />
          ) : (
            <Query {...config} value={tree} onChange={onBuilderChange} renderBuilder={renderBuilder} />
          )}
          {builderErrors.length > 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="warning"
              showIcon
              title={t('policy.rule.notShowable')}
              description={builderErrors.join('；')}
              data-testid="rule-not-showable"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('policy.rule.json')}>
          <Input.TextArea
            value={text}
            onChange={(e) => onTextChange(e.target.value)}
            autoSize={{ minRows: 6, maxRows: 24 }}
            spellCheck={false}
            style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
            placeholder={t('policy.rule.jsonPlaceholder')}
            aria-label={t('policy.rule.json')}
            status={jsonError ? 'error' : undefined}
            data-testid="rule-json"
          />
          {jsonError && (
            <Typography.Text type="danger" data-testid="rule-json-error">
              {t('policy.rule.jsonInvalid', { error: jsonError })}
            </Typography.Text>
          )}
          <RuleCheckView subject={subject} rule={jsonError ? undefined : lastRule(text)} />
        </Card>
        {serverErrors.length > 0 && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            title={t('policy.rule.serverRefused')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {serverErrors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            }
            data-testid="rule-server-errors"
          />
        )}
      </Col>
    </Row>
  );
}

function lastRule(text: string): JsonValue | null | undefined {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * The engine's own reading of the rule (`POST /api/policies/validate-rule`): the requirements in plain words, or why
 * it is refused. Hidden while the server does not offer the check.
 */
function RuleCheckView({ subject, rule }: { subject: Subject; rule: JsonValue | null | undefined }) {
  const t = useT();
  const [check, setCheck] = useState<RuleCheck | undefined>(undefined);
  const [unavailable, setUnavailable] = useState(false);
  const key = rule === undefined || rule === null ? undefined : JSON.stringify(rule);

  useEffect(() => {
    if (key === undefined || unavailable) {
      setCheck(undefined);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      apiCall('post', '/api/policies/validate-rule', {
        body: { subject, rule: JSON.parse(key) as JsonValue },
      }).then(
        (result) => {
          if (!cancelled) setCheck(result);
        },
        (cause: unknown) => {
          if (cancelled) return;
          if (cause instanceof ApiError && (cause.status === 404 || cause.status === 405))
            setUnavailable(true);
          else if (cause instanceof ApiError && cause.status === 400)
            setCheck({
              ok: false,
              errors: cause.errors.map((e) => ({ path: e.field, rule: e.rule, message: e.message })),
              conditions: [],
            });
          else setCheck(undefined);
        },
      );
    }, 400);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [key, subject, unavailable]);

  if (!check) return null;
  if (!check.ok)
    return (
      <Alert
        style={{ marginTop: 8 }}
        type="error"
        showIcon
        title={t('policy.rule.invalid')}
        description={check.errors.map((e) => e.message).join('；')}
        data-testid="rule-check-invalid"
      />
    );
  return (
    <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="rule-check-ok">
      <Typography.Text type="secondary">{t('policy.rule.reads')}</Typography.Text>
      <Flex wrap gap={4}>
        {check.conditions.map((c, i) => (
          <Tag key={`${c.fact}-${i}`} color="blue" style={{ marginInlineEnd: 0 }}>
            {c.label}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}
