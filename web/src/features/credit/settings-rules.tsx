/**
 * 分类规则 tab of 信用规则配置: the base score, the class thresholds and, per rule, its label, points, cap and
 * look-back window. What a rule counts (its source, categories, severity, list type) is shown but not edited here.
 * The form repeats the server's checks (classification.rules.ts `checkClassificationRules`): thresholds A > B > C,
 * a cap has the sign of its points. Rules apply from the next classification; after saving, it can be run now.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { noWrap } from '../../components/table-columns.ts';
import {
  CLASS_LETTERS,
  type Category,
  type ClassificationRule,
  type ClassificationRules,
} from './credit.api.ts';
import { useCategories } from './credit-ui.tsx';

const PAGE_SIZE = 20;

interface RuleValues {
  label: string;
  points: number;
  cap: number | null;
  lookbackMonths?: number | null;
}

interface RulesValues {
  baseScore: number;
  thresholds: { A: number; B: number; C: number };
  rules: RuleValues[];
}

function toValues(r: ClassificationRules): RulesValues {
  return {
    baseScore: r.baseScore,
    thresholds: { ...r.thresholds },
    rules: r.rules.map((rule) => ({
      label: rule.label,
      points: rule.points,
      cap: rule.cap ?? null,
      ...(rule.source === 'record' ? { lookbackMonths: rule.lookbackMonths } : {}),
    })),
  };
}

/** The stored rule set with the edited values put in; members this page does not edit are kept as they were. */
function toBody(original: ClassificationRules, v: RulesValues): ClassificationRules {
  const rules = original.rules.map((rule, i): ClassificationRule => {
    const edit = v.rules[i];
    if (!edit) return rule;
    const { cap: _cap, ...rest } = rule;
    const cap = typeof edit.cap === 'number' ? { cap: edit.cap } : {};
    if (rest.source === 'record') {
      return {
        ...rest,
        label: edit.label.trim(),
        points: edit.points,
        lookbackMonths: typeof edit.lookbackMonths === 'number' ? edit.lookbackMonths : rest.lookbackMonths,
        ...cap,
      };
    }
    return { ...rest, label: edit.label.trim(), points: edit.points, ...cap };
  });
  return { ...original, baseScore: v.baseScore, thresholds: { ...v.thresholds }, rules };
}

function conditionText(
  rule: ClassificationRule,
  byCode: ReadonlyMap<string, Category>,
  t: Translate,
): string {
  if (rule.source === 'list')
    return t('credit.settings.rule.onList', { type: t(`credit.lists.type.${rule.listType}`) });
  const parts: string[] = [];
  if (rule.categoryCodes) parts.push(rule.categoryCodes.map((c) => byCode.get(c)?.name ?? c).join('、'));
  if (rule.categoryKind) parts.push(t(`credit.settings.kind.${rule.categoryKind}`));
  if (rule.severity) parts.push(t(`credit.severity.${rule.severity}`));
  if (rule.dataIn) parts.push(`${rule.dataIn.key} ∈ {${rule.dataIn.values.join('、')}}`);
  return parts.join(' · ');
}

function fieldLabelOf(t: Translate, rules: readonly ClassificationRule[]) {
  return (path: (string | number)[]): string | undefined => {
    const [head, index, member] = path;
    if (head === 'rules' && typeof index === 'number') {
      const name = rules[index]?.label ?? String(index + 1);
      return typeof member === 'string' ? `${name} · ${member}` : name;
    }
    if (head === 'thresholds') return t('credit.settings.thresholds');
    if (head === 'baseScore') return t('credit.settings.baseScore');
    // Problems with the whole rule set come as `/body` and say what is wrong themselves.
    return head === undefined ? '' : undefined;
  };
}

export function RuleSettings() {
  const t = useT();
  const { message } = App.useApp();
  const { data, error, isLoading, refetch } = useApiQuery('/api/credit/classification/rules');
  const save = useApiMutation('put', '/api/credit/classification/rules', { invalidates: ['/api/credit'] });
  const run = useApiMutation('post', '/api/credit/classification/run', { invalidates: ['/api/credit'] });
  const { byCode } = useCategories();
  const screens = Grid.useBreakpoint();
  const wide = screens.md === true;
  const [form] = Form.useForm<RulesValues>();
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);
  const [page, setPage] = useState(1);
  // What the server answered to the last save; the form restarts from it (and "reset" returns to it).
  const [savedRules, setSavedRules] = useState<ClassificationRules | null>(null);
  const [version, setVersion] = useState(0);

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (isLoading && !data) return <CardSkeleton rows={8} />;
  const current = savedRules ?? data;
  if (!current) return <Empty description={t('credit.settings.noRules')} />;

  const submit = async (v: RulesValues) => {
    setSaveError(undefined);
    setSaved(false);
    try {
      const result = await save.mutateAsync({ body: toBody(current, v) });
      setSavedRules(result);
      setVersion((n) => n + 1);
      setSaved(true);
      void message.success(t('credit.settings.rulesSaved'));
    } catch (cause) {
      setSaveError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };

  const runNow = async () => {
    try {
      await run.mutateAsync({});
      void message.success(t('credit.classes.started'));
    } catch (cause) {
      setSaveError(cause);
    }
  };

  const rows = current.rules.map((rule, index) => ({ rule, index }));
  type Row = (typeof rows)[number];
  const compact = { marginBottom: 0 };
  const labelInput = (index: number) => (
    <Form.Item
      name={['rules', index, 'label']}
      rules={[{ required: true, whitespace: true, max: 100 }]}
      style={compact}
    >
      <Input maxLength={100} data-testid="rule-label" />
    </Form.Item>
  );
  const condition = (rule: ClassificationRule) => (
    <Flex vertical gap={2} align="flex-start">
      <Tag>{t(`credit.settings.rule.source.${rule.source}`)}</Tag>
      <Typography.Text style={{ fontSize: 12 }}>{conditionText(rule, byCode, t)}</Typography.Text>
    </Flex>
  );
  const pointsInput = (index: number, label?: string) => (
    <Form.Item
      name={['rules', index, 'points']}
      label={label}
      rules={[{ required: true, type: 'integer', min: -100, max: 100 }]}
      style={compact}
    >
      <InputNumber min={-100} max={100} precision={0} style={{ width: 90 }} data-testid="rule-points" />
    </Form.Item>
  );
  const capInput = (index: number, label?: string) => (
    <Form.Item
      name={['rules', index, 'cap']}
      label={label}
      dependencies={[['rules', index, 'points']]}
      rules={[
        ({ getFieldValue }) => ({
          validator: async (_r: unknown, value: number | null | undefined) => {
            if (typeof value !== 'number') return;
            const points: unknown = getFieldValue(['rules', index, 'points']);
            if (typeof points === 'number' && Math.sign(value) !== Math.sign(points))
              throw new Error(t('credit.settings.rule.capSign'));
          },
        }),
      ]}
      style={{ ...compact, maxWidth: 220 }}
    >
      <InputNumber
        min={-100}
        max={100}
        precision={0}
        placeholder={t('credit.settings.rule.noCap')}
        style={{ width: 100 }}
        data-testid="rule-cap"
      />
    </Form.Item>
  );
  const lookbackInput = (rule: ClassificationRule, index: number, label?: string) =>
    rule.source === 'record' ? (
      <Form.Item
        name={['rules', index, 'lookbackMonths']}
        label={label}
        rules={[{ required: true, type: 'integer', min: 0, max: 120 }]}
        style={compact}
      >
        <InputNumber
          min={0}
          max={120}
          precision={0}
          suffix={t('credit.settings.rule.months')}
          style={{ width: 110 }}
          data-testid="rule-lookback"
        />
      </Form.Item>
    ) : (
      <Typography.Text type="secondary">{t('credit.settings.rule.whileListed')}</Typography.Text>
    );
  const columns: TableColumnsType<Row> = [
    {
      title: t('credit.settings.rule.label'),
      key: 'label',
      width: 220,
      render: (_: unknown, { rule, index }) => (
        <Flex vertical gap={2}>
          {labelInput(index)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {rule.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('credit.settings.rule.counts'),
      key: 'condition',
      render: (_: unknown, { rule }) => condition(rule),
    },
    {
      title: t('credit.settings.rule.points'),
      key: 'points',
      ...noWrap,
      render: (_: unknown, { index }) => pointsInput(index),
    },
    {
      title: t('credit.settings.rule.cap'),
      key: 'cap',
      ...noWrap,
      render: (_: unknown, { index }) => capInput(index),
    },
    {
      title: t('credit.settings.rule.lookback'),
      key: 'lookback',
      ...noWrap,
      render: (_: unknown, { rule, index }) => lookbackInput(rule, index),
    },
  ];
  const paging = {
    current: page,
    pageSize: PAGE_SIZE,
    total: rows.length,
    size: 'small' as const,
    hideOnSinglePage: true,
    showSizeChanger: false,
    onChange: setPage,
  };

  return (
    <Form<RulesValues>
      key={version}
      form={form}
      layout="vertical"
      initialValues={toValues(current)}
      onFinish={(v) => void submit(v)}
      onFinishFailed={() => void message.error(t('credit.settings.fixForm'))}
      onValuesChange={() => setSaved(false)}
      data-testid="rules-form"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('credit.settings.rulesIntro')}</Typography.Text>
        <Flex wrap gap={16} align="flex-start">
          <Form.Item
            name="baseScore"
            label={t('credit.settings.baseScore')}
            rules={[{ required: true, type: 'integer', min: 1, max: 1000 }]}
          >
            <InputNumber min={1} max={1000} precision={0} style={{ width: 120 }} data-testid="rules-base" />
          </Form.Item>
          {(['A', 'B', 'C'] as const).map((c, i, all) => (
            <Form.Item
              key={c}
              name={['thresholds', c]}
              label={t('credit.settings.threshold', { class: c })}
              dependencies={all.filter((o) => o !== c).map((o) => ['thresholds', o])}
              rules={[
                { required: true, type: 'integer', min: 0, max: 1000 },
                ({ getFieldValue }) => ({
                  validator: async (_r: unknown, value: number | null | undefined) => {
                    if (typeof value !== 'number') return;
                    const next = all[i + 1];
                    const below: unknown = next ? getFieldValue(['thresholds', next]) : undefined;
                    if (next && typeof below === 'number' && !(value > below))
                      throw new Error(t('credit.settings.thresholdOrder'));
                  },
                }),
              ]}
            >
              <InputNumber
                min={0}
                max={1000}
                precision={0}
                style={{ width: 120 }}
                data-testid={`rules-threshold-${c}`}
              />
            </Form.Item>
          ))}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('credit.settings.thresholdHint', { d: t(`credit.class.${CLASS_LETTERS[3]}`) })}
        </Typography.Text>
        {wide ? (
          <Table<Row>
            rowKey={(r) => r.rule.code}
            size="small"
            columns={columns}
            dataSource={rows}
            locale={{ emptyText: <Empty description={t('credit.settings.noRules')} /> }}
            pagination={paging}
            scroll={{ x: 'max-content' }}
            data-testid="rules-table"
          />
        ) : (
          <List<Row>
            dataSource={rows}
            rowKey={(r) => r.rule.code}
            locale={{ emptyText: <Empty description={t('credit.settings.noRules')} /> }}
            pagination={{ ...paging, align: 'center' }}
            split={false}
            data-testid="rules-table"
            renderItem={({ rule, index }) => (
              <List.Item style={{ padding: '6px 0' }} data-row-key={rule.code}>
                <Card size="small" style={{ width: '100%' }}>
                  <Flex vertical gap={8}>
                    {labelInput(index)}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {rule.code}
                    </Typography.Text>
                    {condition(rule)}
                    <Flex wrap gap={12} align="flex-end">
                      {pointsInput(index, t('credit.settings.rule.points'))}
                      {capInput(index, t('credit.settings.rule.cap'))}
                      {rule.source === 'record' ? (
                        lookbackInput(rule, index, t('credit.settings.rule.lookback'))
                      ) : (
                        <Flex vertical gap={4}>
                          <Typography.Text>{t('credit.settings.rule.lookback')}</Typography.Text>
                          {lookbackInput(rule, index)}
                        </Flex>
                      )}
                    </Flex>
                  </Flex>
                </Card>
              </List.Item>
            )}
          />
        )}
        {saveError !== undefined && (
          <ErrorAlert error={saveError} fieldLabel={fieldLabelOf(t, current.rules)} />
        )}
        {saved && (
          <Alert
            type="success"
            showIcon
            title={t('credit.settings.rulesSavedNext')}
            action={
              <Space wrap>
                <Button
                  size="small"
                  icon={<ReloadOutlined />}
                  loading={run.isPending}
                  onClick={() => void runNow()}
                  data-testid="rules-run"
                >
                  {t('credit.classes.runNow')}
                </Button>
                <Link to="/credit/classification" data-testid="rules-classes-link">
                  {t('credit.settings.openClasses')}
                </Link>
              </Space>
            }
            data-testid="rules-saved"
          />
        )}
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rules-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => form.resetFields()} disabled={save.isPending}>
            {t('common.reset')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
