/**
 * 政策计算器: a visitor (or a signed-in user) picks who is asking — 企业 / 人才 / 用电报装 — types the facts they know
 * and sees every effective clause with a condition-by-condition checklist and the estimated benefit.
 */
import { CalculatorOutlined, CheckCircleFilled, CloseCircleFilled, ImportOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Form, List, Segmented, Skeleton, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, apiCall } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { FactFields, fromFormFacts, toFormFacts, type FormFactValue } from './facts-form.tsx';
import { SUBJECTS, type CalculateResult, type Fact, type Subject } from './policy.api.ts';
import { BenefitView, ConditionChecklist, factName, ModeTag, useFacts } from './policy-ui.tsx';

interface CalcForm {
  facts?: Record<string, FormFactValue>;
}

function isSubject(v: string | null): v is Subject {
  return v !== null && (SUBJECTS as readonly string[]).includes(v);
}

function ResultCard({ result, facts }: { result: CalculateResult; facts: ReadonlyMap<string, Fact> }) {
  const t = useT();
  return (
    <Card
      size="small"
      style={{ width: '100%', borderColor: result.eligible ? '#b7eb8f' : undefined }}
      data-testid="calc-result"
      data-eligible={result.eligible}
      data-clause={result.clauseId}
      data-policy-code={result.policyCode}
      title={
        <Flex gap={8} wrap align="center" style={{ whiteSpace: 'normal' }}>
          {result.eligible ? (
            <CheckCircleFilled style={{ color: '#389e0d' }} />
          ) : (
            <CloseCircleFilled style={{ color: '#d9363e' }} />
          )}
          <span>{result.title}</span>
          <ModeTag mode={result.mode} />
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text
          type={result.eligible ? 'success' : 'danger'}
          strong
          data-testid="calc-result-summary"
        >
          {result.eligible ? t('policy.explain.eligible') : result.summary}
        </Typography.Text>
        <ConditionChecklist conditions={result.conditions} facts={facts} />
        <BenefitView benefit={result.benefit} eligible={result.eligible} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('policy.citationShort', { citation: result.citation })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function Calculator({ subject }: { subject: Subject }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<CalcForm>();
  const catalogue = useFacts(subject);
  const inputs = useMemo(() => (catalogue.data ?? []).filter((f) => !f.derived), [catalogue.data]);
  const [results, setResults] = useState<CalculateResult[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [onlyEligible, setOnlyEligible] = useState(false);
  const [page, setPage] = useState(1);
  const canPrefill = subject === 'enterprise' && (me?.permissions.includes('policy.own') ?? false);

  const calculate = async (values: CalcForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const facts = fromFormFacts(values.facts, inputs);
      const answer = await apiCall('post', '/api/policies/calculate', { body: { subject, facts } });
      setResults(answer);
      setPage(1);
    } catch (cause) {
      setError(cause);
      setResults(undefined);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setBusy(false);
    }
  };

  const prefill = async () => {
    try {
      const mine = await apiCall('get', '/api/policies/my/facts');
      form.setFieldsValue({ facts: toFormFacts(mine.values, inputs) });
      message.success(t('policy.calc.prefilled'));
    } catch (cause) {
      setError(cause);
    }
  };

  const fieldLabel = (path: (string | number)[]) => {
    const name = path[0] === 'facts' ? String(path[1] ?? '') : undefined;
    return name ? factName(catalogue.byName.get(name), name, locale) : undefined;
  };

  const shown = (results ?? []).filter((r) => !onlyEligible || r.eligible);
  const eligibleCount = (results ?? []).filter((r) => r.eligible).length;
  const nearCount = (results ?? []).filter((r) => !r.eligible && r.missing <= 2).length;

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('policy.calc.factsTitle')}>
        {catalogue.error !== undefined && <ErrorAlert error={catalogue.error} onRetry={catalogue.reload} />}
        {catalogue.loading && !catalogue.data && <Skeleton active />}
        {catalogue.data && (
          <Form<CalcForm>
            form={form}
            layout="vertical"
            onFinish={calculate}
            onValuesChange={() => setError(undefined)}
            data-testid="calc-form"
          >
            <Typography.Paragraph type="secondary">{t('policy.calc.factsHint')}</Typography.Paragraph>
            {inputs.length === 0 ? (
              <Empty description={t('policy.calc.noFacts')} />
            ) : (
              <FactFields facts={inputs} columns={3} />
            )}
            <Flex gap={8} wrap>
              <Button
                type="primary"
                htmlType="submit"
                icon={<CalculatorOutlined />}
                loading={busy}
                disabled={inputs.length === 0}
                data-testid="calc-submit"
              >
                {t('policy.calc.submit')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setResults(undefined);
                  setError(undefined);
                }}
              >
                {t('common.reset')}
              </Button>
              {canPrefill && (
                <Button icon={<ImportOutlined />} onClick={prefill} data-testid="calc-prefill">
                  {t('policy.calc.prefill')}
                </Button>
              )}
            </Flex>
          </Form>
        )}
      </Card>
      {error !== undefined && <ErrorAlert error={error} fieldLabel={fieldLabel} />}
      {results && (
        <Card
          size="small"
          title={t('policy.calc.resultsTitle')}
          extra={
            <Flex gap={8} align="center">
              <Switch
                size="small"
                checked={onlyEligible}
                onChange={setOnlyEligible}
                data-testid="calc-only-eligible"
              />
              <Typography.Text>{t('policy.calc.onlyEligible')}</Typography.Text>
            </Flex>
          }
          data-testid="calc-results"
        >
          <Typography.Paragraph data-testid="calc-summary" data-eligible={eligibleCount}>
            {t('policy.calc.summary', { total: results.length, eligible: eligibleCount, near: nearCount })}
          </Typography.Paragraph>
          <List<CalculateResult>
            dataSource={shown}
            locale={{ emptyText: <Empty description={t('policy.calc.noResults')} /> }}
            renderItem={(r) => (
              <List.Item style={{ padding: '6px 0', border: 'none' }}>
                <ResultCard result={r} facts={catalogue.byName} />
              </List.Item>
            )}
            pagination={
              shown.length > 10
                ? { current: page, pageSize: 10, total: shown.length, size: 'small', onChange: setPage }
                : false
            }
          />
        </Card>
      )}
    </Flex>
  );
}

function CalculatorView({ testId }: { testId: string }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('subject');
  const subject: Subject = isSubject(raw) ? raw : 'enterprise';
  return (
    <div data-testid={testId}>
      <Page title={t('policy.calc.title')}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('policy.calc.intro')}
        </Typography.Paragraph>
        <Segmented<Subject>
          value={subject}
          onChange={(s) => setParams(new URLSearchParams({ subject: s }), { replace: true })}
          options={SUBJECTS.map((s) => ({ value: s, label: t(`policy.calc.subject.${s}`) }))}
          data-testid="calc-subject"
        />
        {/* A new form per subject: the facts differ entirely. */}
        <Calculator key={subject} subject={subject} />
      </Page>
    </div>
  );
}

export function CalculatorPage() {
  return <CalculatorView testId="policy-calculator" />;
}

export function PublicCalculatorPage() {
  return <CalculatorView testId="public-policy-calculator" />;
}
