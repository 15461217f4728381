/** The sanctions check for one entity and purpose: allowed, flagged or blocked, and why. */
import { Alert, Button, Card, Flex, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useApiMutation } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PURPOSES, type Purpose } from './credit.api.ts';

interface CheckValues {
  uscc: string;
  purpose: Purpose;
}

const DECISION_TYPE = { allow: 'success', flag: 'warning', block: 'error' } as const;

export function SanctionCheck() {
  const t = useT();
  const [form] = Form.useForm<CheckValues>();
  // A check reads, it changes nothing: there is nothing to invalidate.
  const check = useApiMutation('post', '/api/credit/sanctions/check');
  const result = check.data;
  return (
    <Flex vertical gap={12}>
      <Form<CheckValues>
        form={form}
        layout="inline"
        initialValues={{ purpose: 'application' }}
        onFinish={(v) => check.mutate({ body: { uscc: v.uscc.trim(), purpose: v.purpose } })}
        style={{ rowGap: 8 }}
        data-testid="sanction-check-form"
      >
        <Form.Item
          name="uscc"
          rules={[{ required: true, whitespace: true, message: t('credit.sanctions.usccRequired') }]}
          normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
        >
          <Input
            placeholder={t('credit.uscc')}
            maxLength={18}
            style={{ width: 240 }}
            data-testid="sanction-uscc"
          />
        </Form.Item>
        <Form.Item name="purpose">
          <Select
            style={{ width: 200 }}
            options={PURPOSES.map((p) => ({ value: p, label: t(`credit.purpose.${p}`) }))}
            data-testid="sanction-purpose"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={check.isPending} data-testid="sanction-check">
            {t('credit.sanctions.check')}
          </Button>
        </Form.Item>
      </Form>
      {check.error && <ErrorAlert error={check.error} />}
      {result && !check.isPending && (
        <Card size="small" data-testid="sanction-result" data-decision={result.decision}>
          <Alert
            type={DECISION_TYPE[result.decision]}
            showIcon
            title={t(`credit.sanctions.result.${result.decision}`, {
              purpose: t(`credit.purpose.${result.purpose}`),
            })}
            description={t('credit.sanctions.checkedOn', { day: result.checkedOn, uscc: result.uscc })}
          />
          {result.reasons.length > 0 && (
            <List
              size="small"
              style={{ marginTop: 8 }}
              dataSource={result.reasons}
              renderItem={(r) => (
                <List.Item key={`${r.code}-${r.list?.entryId ?? r.record?.id ?? ''}`}>
                  <Flex vertical gap={2}>
                    <Space wrap>
                      <Tag
                        color={
                          r.decision === 'block' ? 'error' : r.effect === 'incentive' ? 'success' : 'warning'
                        }
                      >
                        {t(`credit.sanctions.decision.${r.decision}`)}
                      </Tag>
                      <span>{r.message}</span>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[r.list?.name, r.record?.decisionNo, r.class ? t(`credit.class.${r.class}`) : null]
                        .filter(Boolean)
                        .join(' · ')}
                      {r.basis ? ` — ${r.basis}` : ''}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}
