/** A clause's test cases: the dialog that writes one, and a test's facts and failure in words. */
import { Col, Divider, Form, Input, InputNumber, Modal, Radio, Row } from 'antd';
import { useT } from '../../app/i18n.ts';
import { FactFields, fromFormFacts, toFormFacts, type FormFactValue } from './facts-form.tsx';
import type { Fact, PolicyTest, TestResult } from './policy.api.ts';
import { factName, formatAmount, formatFactValue } from './policy-ui.tsx';

interface TestFormValues {
  name: string;
  expectEligible: boolean;
  expectAmount?: number | null;
  facts?: Record<string, FormFactValue>;
}

export function factsText(
  facts: Record<string, unknown>,
  byName: ReadonlyMap<string, Fact>,
  locale: string,
  t: ReturnType<typeof useT>,
) {
  const parts = Object.entries(facts).map(
    ([name, v]) => `${factName(byName.get(name), name, locale)} ${formatFactValue(v, byName.get(name), t)}`,
  );
  return parts.length === 0 ? t('policy.tests.noFacts') : parts.join('；');
}

/** Why a test failed, in words: expected vs actual eligibility and amount, and the conditions that missed. */
export function testFailureText(r: TestResult, t: ReturnType<typeof useT>): string {
  // The server words the reason itself (with the conditions that missed); compose one only when it does not.
  if (r.message) return r.message;
  const parts: string[] = [];
  if (r.eligible !== r.expectEligible)
    parts.push(
      t('policy.tests.eligibilityMismatch', {
        expected: r.expectEligible ? t('policy.tests.eligible') : t('policy.tests.notEligible'),
        actual: r.eligible ? t('policy.tests.eligible') : t('policy.tests.notEligible'),
      }),
    );
  if (r.eligible && r.expectAmount !== null && r.amount !== r.expectAmount)
    parts.push(
      t('policy.tests.amountMismatch', {
        expected: formatAmount(r.expectAmount, t),
        actual: r.amount === null ? t('policy.value.unknown') : formatAmount(r.amount, t),
      }),
    );
  const failed = r.conditions.filter((c) => !c.passed).map((c) => c.label);
  if (failed.length > 0) parts.push(t('policy.tests.failedConditions', { conditions: failed.join('、') }));
  return parts.join('；');
}

export function TestModal({
  open,
  test,
  facts,
  onOk,
  onCancel,
}: {
  open: boolean;
  test: PolicyTest | undefined;
  facts: readonly Fact[];
  onOk: (test: PolicyTest) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<TestFormValues>();
  const inputs = facts.filter((f) => !f.derived);
  return (
    <Modal
      open={open}
      title={test ? t('policy.tests.edit') : t('policy.tests.add')}
      width={900}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'test-save' }}
    >
      <Form<TestFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: test?.name ?? '',
          expectEligible: test?.expectEligible ?? true,
          expectAmount: test?.expectAmount ?? null,
          facts: toFormFacts(test?.facts ?? {}, inputs),
        }}
        onFinish={(v) =>
          onOk({
            name: v.name.trim(),
            expectEligible: v.expectEligible,
            expectAmount: typeof v.expectAmount === 'number' ? v.expectAmount : null,
            facts: fromFormFacts(v.facts, inputs),
          })
        }
        data-testid="test-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="name"
              label={t('policy.tests.name')}
              rules={[{ required: true, whitespace: true, message: t('policy.tests.nameRequired') }]}
            >
              <Input data-testid="test-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="expectEligible" label={t('policy.tests.expectEligible')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('policy.tests.eligible') },
                  { value: false, label: t('policy.tests.notEligible') },
                ]}
                data-testid="test-expect"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name="expectAmount" label={t('policy.tests.expectAmount')}>
              <InputNumber
                style={{ width: '100%' }}
                suffix={t('policy.unit.wan')}
                data-testid="test-amount"
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('policy.tests.factsTitle')}
        </Divider>
        <FactFields facts={inputs} columns={3} />
      </Form>
    </Modal>
  );
}
