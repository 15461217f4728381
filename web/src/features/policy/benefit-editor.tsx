/**
 * The benefit formula as form fields: none, a fixed amount, a rate of a fact (with a cap), tiers of a fact, or a
 * JsonLogic expression returning a number. Lives under the form's `benefit` name.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useLocale, useT } from '../../app/i18n.ts';
import type { BenefitFormula, Fact, JsonValue } from './policy.api.ts';
import { factName } from './policy-ui.tsx';

export interface BenefitFormValues {
  kind: 'none' | BenefitFormula['kind'];
  amount?: number | null;
  fact?: string;
  rate?: number | null;
  cap?: number | null;
  tiers?: { min?: number | null; amount?: number | null }[];
  expr?: string;
}

export function toBenefitForm(formula: BenefitFormula | null): BenefitFormValues {
  if (!formula) return { kind: 'none' };
  switch (formula.kind) {
    case 'fixed':
      return { kind: 'fixed', amount: formula.amount };
    case 'rate':
      return { kind: 'rate', fact: formula.fact, rate: formula.rate * 100, cap: formula.cap ?? null };
    case 'tiered':
      return { kind: 'tiered', fact: formula.fact, tiers: formula.tiers };
    case 'logic':
      return { kind: 'logic', expr: JSON.stringify(formula.expr, null, 2), cap: formula.cap ?? null };
  }
}

/** Form values → the stored formula; throws a sentence (for the form) when the JSON expression does not parse. */
export function fromBenefitForm(values: BenefitFormValues | undefined): BenefitFormula | null {
  if (!values) return null;
  const cap = typeof values.cap === 'number' ? values.cap : null;
  switch (values.kind) {
    case 'fixed':
      return { kind: 'fixed', amount: values.amount ?? 0 };
    case 'rate':
      return {
        kind: 'rate',
        fact: values.fact ?? '',
        rate: Number(((values.rate ?? 0) / 100).toFixed(6)),
        ...(cap === null ? {} : { cap }),
      };
    case 'tiered':
      return {
        kind: 'tiered',
        fact: values.fact ?? '',
        tiers: (values.tiers ?? []).map((tier) => ({ min: tier.min ?? 0, amount: tier.amount ?? 0 })),
      };
    case 'logic':
      return {
        kind: 'logic',
        expr: JSON.parse(values.expr ?? 'null') as JsonValue,
        ...(cap === null ? {} : { cap }),
      };
    default:
      return null;
  }
}

export function BenefitEditor({ facts }: { facts: readonly Fact[] }) {
  const t = useT();
  const { locale } = useLocale();
  const numberFacts = facts
    .filter((f) => f.type === 'number' || f.type === 'integer')
    .map((f) => ({ value: f.name, label: factName(f, f.name, locale) }));
  const kind = Form.useWatch<BenefitFormValues['kind'] | undefined>(['benefit', 'kind']);
  const wan = t('policy.unit.wan');

  return (
    <div data-testid="benefit-editor">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['benefit', 'kind']} label={t('policy.benefit.kind')} initialValue="none">
            <Select
              options={(['none', 'fixed', 'rate', 'tiered', 'logic'] as const).map((k) => ({
                value: k,
                label: t(`policy.benefit.kind.${k}`),
              }))}
              data-testid="benefit-kind"
            />
          </Form.Item>
        </Col>
        {kind === 'fixed' && (
          <Col xs={24} md={8}>
            <Form.Item
              name={['benefit', 'amount']}
              label={t('policy.benefit.amountLabel')}
              rules={[{ required: true, message: t('policy.benefit.amountRequired') }]}
            >
              <InputNumber
                min={0}
                suffix={wan}
                style={{ width: '100%' }}
                data-testid="benefit-amount-input"
              />
            </Form.Item>
          </Col>
        )}
        {(kind === 'rate' || kind === 'tiered') && (
          <Col xs={24} md={8}>
            <Form.Item
              name={['benefit', 'fact']}
              label={t('policy.benefit.fact')}
              rules={[{ required: true, message: t('policy.benefit.factRequired') }]}
            >
              <Select
                options={numberFacts}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="benefit-fact"
              />
            </Form.Item>
          </Col>
        )}
        {kind === 'rate' && (
          <>
            <Col xs={12} md={4}>
              <Form.Item
                name={['benefit', 'rate']}
                label={t('policy.benefit.rate')}
                rules={[{ required: true, message: t('policy.benefit.rateRequired') }]}
              >
                <InputNumber
                  min={0}
                  max={100}
                  suffix="%"
                  style={{ width: '100%' }}
                  data-testid="benefit-rate"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name={['benefit', 'cap']} label={t('policy.benefit.cap')}>
                <InputNumber min={0} suffix={wan} style={{ width: '100%' }} data-testid="benefit-cap" />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      {kind === 'tiered' && (
        <Form.List name={['benefit', 'tiers']} initialValue={[{ min: 0, amount: 0 }]}>
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline">
                  <Form.Item
                    name={[field.name, 'min']}
                    label={t('policy.benefit.tierMin')}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amount']}
                    label={t('policy.benefit.tierAmount')}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber min={0} suffix={wan} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ min: 0, amount: 0 })}>
                {t('policy.benefit.addTier')}
              </Button>
            </Space>
          )}
        </Form.List>
      )}
      {kind === 'logic' && (
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name={['benefit', 'expr']}
              label={t('policy.benefit.expr')}
              rules={[
                {
                  validator: async (_rule, value: string | undefined) => {
                    try {
                      JSON.parse(value ?? '');
                    } catch {
                      throw new Error(t('policy.benefit.exprInvalid'));
                    }
                  },
                },
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 10 }}
                style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['benefit', 'cap']} label={t('policy.benefit.cap')}>
              <InputNumber min={0} suffix={wan} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </div>
  );
}
