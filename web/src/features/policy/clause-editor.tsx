/**
 * One clause being written: its words, who it is for, its mode and dates, the eligibility rule (visual editor and
 * JsonLogic side by side), the benefit formula, and its test cases with the last run's results.
 */
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DeleteOutlined,
  EditOutlined,
  ExperimentOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useApiMutation } from '../../api/query.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { BenefitEditor, fromBenefitForm, toBenefitForm, type BenefitFormValues } from './benefit-editor.tsx';
import { factsText, testFailureText, TestModal } from './clause-tests.tsx';
import {
  MODES,
  SUBJECTS,
  type ClauseInput,
  type JsonValue,
  type ManagedClause,
  type Mode,
  type PolicyDetail,
  type PolicyTest,
  type Subject,
  type TestResult,
} from './policy.api.ts';
import { formatAmount, readFormula, readRule, useFacts } from './policy-ui.tsx';

// The query builder is large; only officers editing a rule download it.
const RuleEditor = lazy(async () => ({ default: (await import('./rule-editor.tsx')).RuleEditor }));

interface ClauseFormValues {
  title: string;
  citation: string;
  subject: Subject;
  mode: Mode;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  benefit?: BenefitFormValues;
}

export function ClauseEditor({
  policy,
  clause,
  onClose,
}: {
  policy: PolicyDetail;
  clause: ManagedClause | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClauseFormValues>();
  const subject = Form.useWatch<Subject | undefined>('subject', form) ?? clause?.subject ?? 'enterprise';
  const catalogue = useFacts(subject);
  const [rule, setRule] = useState<JsonValue | null>(() => readRule(clause?.rule));
  const [tests, setTests] = useState<PolicyTest[]>(() => clause?.tests ?? []);
  const [results, setResults] = useState<TestResult[] | undefined>(undefined);
  const [editing, setEditing] = useState<number | 'new' | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const [running, setRunning] = useState(false);
  const [clauseId, setClauseId] = useState<string | undefined>(clause?.id);
  const updateClause = useApiMutation('put', '/api/policies/clauses/{clauseId}', {
    invalidates: ['/api/policies'],
  });
  const addClause = useApiMutation('post', '/api/policies/{id}/clauses', { invalidates: ['/api/policies'] });
  const runTests = useApiMutation('post', '/api/policies/clauses/{clauseId}/run-tests');

  const ruleErrors = useMemo(
    () =>
      error instanceof ApiError
        ? error.errors
            .filter((e) => e.field.replace(/^\/?body\/?/, '').startsWith('rule'))
            .map((e) => e.message)
        : [],
    [error],
  );

  const initialValues: Partial<ClauseFormValues> = {
    title: clause?.title ?? '',
    citation: clause?.citation ?? '',
    subject: clause?.subject ?? 'enterprise',
    mode: clause?.mode ?? 'apply',
    effectiveFrom: dayjs(clause?.effectiveFrom ?? policy.issuedOn, 'YYYY-MM-DD'),
    effectiveTo: clause?.effectiveTo ? dayjs(clause.effectiveTo, 'YYYY-MM-DD') : null,
    benefit: toBenefitForm(readFormula(clause?.benefit)),
  };

  /** Saves the clause; answers its id (new clauses get theirs from the server) or undefined when refused. */
  const save = async (): Promise<string | undefined> => {
    let values: ClauseFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return undefined;
    }
    let benefit;
    try {
      benefit = fromBenefitForm(values.benefit);
    } catch {
      form.setFields([{ name: ['benefit', 'expr'], errors: [t('policy.benefit.exprInvalid')] }]);
      return undefined;
    }
    const body: ClauseInput = {
      title: values.title.trim(),
      citation: values.citation.trim(),
      subject: values.subject,
      mode: values.mode,
      rule: rule ?? { and: [] },
      benefit,
      effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
      effectiveTo: values.effectiveTo ? values.effectiveTo.format('YYYY-MM-DD') : null,
      tests: tests.map((x) => ({ ...x, expectAmount: x.expectAmount ?? null })),
      ...(clause ? { no: clause.no } : {}),
    };
    setSaving(true);
    setError(undefined);
    try {
      const detail = clauseId
        ? await updateClause.mutateAsync({ params: { path: { clauseId } }, body })
        : await addClause.mutateAsync({ params: { path: { id: policy.id } }, body });
      const saved =
        detail.clauses.find((c) => c.id === clauseId) ??
        [...detail.clauses].sort((a, b) => b.no - a.no).find((c) => c.title === body.title);
      const id = saved?.id ?? clauseId;
      if (id) setClauseId(id);
      message.success(t('policy.clause.saved'));
      return id;
    } catch (cause) {
      setError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  const saveAndRun = async () => {
    const id = await save();
    if (!id) return;
    setRunning(true);
    try {
      setResults(await runTests.mutateAsync({ params: { path: { clauseId: id } } }));
    } catch (cause) {
      setError(cause);
    } finally {
      setRunning(false);
    }
  };

  const resultOf = (name: string) => results?.find((r) => r.name === name);
  const passedCount = results?.filter((r) => r.passed).length ?? 0;

  const testColumns: TableColumnsType<PolicyTest & { index: number }> = [
    { title: t('policy.tests.name'), dataIndex: 'name', width: 180 },
    {
      title: t('policy.tests.facts'),
      key: 'facts',
      render: (_: unknown, x) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {factsText(x.facts, catalogue.byName, locale, t)}
        </Typography.Text>
      ),
    },
    {
      title: t('policy.tests.expected'),
      key: 'expected',
      width: 140,
      render: (_: unknown, x) => (
        <Flex vertical>
          <span>{x.expectEligible ? t('policy.tests.eligible') : t('policy.tests.notEligible')}</span>
          {typeof x.expectAmount === 'number' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatAmount(x.expectAmount, t)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('policy.tests.result'),
      key: 'result',
      width: 220,
      render: (_: unknown, x) => {
        const r = resultOf(x.name);
        if (!r) return <Typography.Text type="secondary">{t('policy.tests.notRun')}</Typography.Text>;
        return (
          <Flex vertical gap={2} data-testid="test-result" data-passed={r.passed}>
            <span>
              {r.passed ? (
                <CheckCircleFilled style={{ color: '#389e0d' }} />
              ) : (
                <CloseCircleFilled style={{ color: '#d9363e' }} />
              )}{' '}
              {r.passed ? t('policy.tests.pass') : t('policy.tests.fail')}
            </span>
            {!r.passed && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {testFailureText(r, t)}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, x) => (
        <Flex gap={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(x.index)}
            aria-label={t('policy.tests.edit')}
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('common.remove')}
            onClick={() => setTests((all) => all.filter((_, i) => i !== x.index))}
          />
        </Flex>
      ),
    },
  ];

  return (
    <Card
      title={clause ? t('policy.clause.editTitle', { no: clause.no }) : t('policy.clause.newTitle')}
      extra={<Button onClick={onClose}>{t('policy.clause.close')}</Button>}
      data-testid="clause-editor"
    >
      <Form<ClauseFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        data-testid="clause-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="title"
              label={t('policy.clause.title')}
              rules={[{ required: true, whitespace: true, message: t('policy.clause.titleRequired') }]}
            >
              <Input maxLength={200} data-testid="clause-title" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="subject" label={t('policy.clause.subject')}>
              <Select
                options={SUBJECTS.map((s) => ({ value: s, label: t(`policy.subject.${s}`) }))}
                onChange={() => {
                  setRule(null);
                  setTests([]);
                  setResults(undefined);
                }}
                data-testid="clause-subject"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="mode" label={t('policy.clause.mode')}>
              <Select
                options={MODES.map((m) => ({ value: m, label: t(`policy.mode.${m}`) }))}
                data-testid="clause-mode"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="citation"
              label={t('policy.citation')}
              rules={[{ required: true, whitespace: true, message: t('policy.clause.citationRequired') }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={1000}
                data-testid="clause-citation-input"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="effectiveFrom"
              label={t('policy.clause.effectiveFrom')}
              rules={[{ required: true, message: t('policy.clause.effectiveFromRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="effectiveTo" label={t('policy.clause.effectiveTo')}>
              <DatePicker style={{ width: '100%' }} placeholder={t('policy.clause.openEnded')} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('policy.clause.ruleTitle')}</Divider>
        {catalogue.error !== undefined && <ErrorAlert error={catalogue.error} onRetry={catalogue.reload} />}
        {catalogue.data ? (
          <Suspense fallback={<Skeleton active />}>
            <RuleEditor
              key={subject}
              subject={subject}
              facts={catalogue.data}
              value={rule}
              onChange={setRule}
              serverErrors={ruleErrors}
            />
          </Suspense>
        ) : (
          <Skeleton active />
        )}
        <Divider titlePlacement="start">{t('policy.clause.benefitTitle')}</Divider>
        <BenefitEditor facts={catalogue.data ?? []} />
      </Form>
      <Divider titlePlacement="start">{t('policy.tests.title')}</Divider>
      <Flex vertical gap={8}>
        {tests.length === 0 && <Alert type="warning" showIcon title={t('policy.tests.noneWarning')} />}
        {results && (
          <Alert
            type={passedCount === results.length ? 'success' : 'error'}
            showIcon
            title={t('policy.tests.summary', { passed: passedCount, total: results.length })}
            data-testid="tests-summary"
            data-passed={passedCount}
            data-total={results.length}
          />
        )}
        <Table<PolicyTest & { index: number }>
          rowKey="index"
          size="small"
          columns={testColumns}
          dataSource={tests.map((x, index) => ({ ...x, index }))}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty description={t('policy.tests.empty')} /> }}
          data-testid="tests-table"
        />
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="test-add">
            {t('policy.tests.add')}
          </Button>
        </div>
      </Flex>
      {error !== undefined && (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          onClick={() => void save()}
          data-testid="clause-save"
        >
          {t('policy.clause.save')}
        </Button>
        <Button
          icon={<ExperimentOutlined />}
          loading={running}
          disabled={saving}
          onClick={() => void saveAndRun()}
          data-testid="clause-run-tests"
        >
          {t('policy.tests.saveAndRun')}
        </Button>
      </Flex>
      <TestModal
        open={editing !== undefined}
        test={typeof editing === 'number' ? tests[editing] : undefined}
        facts={catalogue.data ?? []}
        onCancel={() => setEditing(undefined)}
        onOk={(x) => {
          setTests((all) =>
            typeof editing === 'number' ? all.map((old, i) => (i === editing ? x : old)) : [...all, x],
          );
          setResults(undefined);
          setEditing(undefined);
        }}
      />
    </Card>
  );
}
