/** The facts the enterprise declares (department data shown with its source and not editable). */
import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Skeleton, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { ApiError } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FactFields, fromFormFacts, toFormFacts, type FormFactValue } from './facts-form.tsx';
import type { Fact } from './policy.api.ts';
import { factName, SourceTag } from './policy-ui.tsx';

interface FactsFormValues {
  facts?: Record<string, FormFactValue>;
}

export function MyFactsTab() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const query = useApiQuery('/api/policies/my/facts');
  const { data, error } = query;
  // New facts can change every match and explanation of the enterprise.
  const declare = useApiMutation('put', '/api/policies/my/facts', { invalidates: ['/api/policies/my'] });
  const [form] = Form.useForm<FactsFormValues>();
  const facts = useMemo(() => (data?.facts ?? []).filter((f) => f.subject === 'enterprise'), [data]);
  const byName = useMemo(() => new Map(facts.map((f) => [f.name, f])), [facts]);
  const editable = (f: Fact) => f.source !== 'platform' && !f.derived;

  useEffect(() => {
    if (data) form.setFieldsValue({ facts: toFormFacts(data.values, facts) });
  }, [data, facts, form]);

  const save = async (values: FactsFormValues) => {
    const editableFacts = facts.filter(editable);
    const sent = fromFormFacts(values.facts, editableFacts);
    // Only what changed is declared, so untouched department data keeps its source.
    const changed = Object.fromEntries(
      Object.entries(sent).filter(([name, v]) => JSON.stringify(v) !== JSON.stringify(data?.values[name])),
    );
    try {
      await declare.mutateAsync({ body: { facts: changed } });
      message.success(t('policy.mine.factsSaved'));
    } catch (cause) {
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={() => void query.refetch()} />;
  if (!data) return <Skeleton active />;
  return (
    <Form<FactsFormValues> form={form} layout="vertical" onFinish={save} data-testid="my-facts-form">
      <Typography.Paragraph type="secondary">{t('policy.mine.factsIntro')}</Typography.Paragraph>
      <FactFields
        facts={facts}
        columns={3}
        disabled={(f) => !editable(f)}
        extra={(f) => (
          <Flex gap={6} align="center" wrap style={{ marginTop: 2 }}>
            {data?.sources[f.name] && data.values[f.name] !== undefined && data.values[f.name] !== null ? (
              <SourceTag source={data.sources[f.name]} />
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policy.mine.noValue')}
              </Typography.Text>
            )}
            {!editable(f) && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policy.mine.platformFact', { source: f.sourceLabel })}
              </Typography.Text>
            )}
          </Flex>
        )}
      />
      {declare.error && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert
            error={declare.error}
            fieldLabel={(path) =>
              path[0] === 'facts' ? factName(byName.get(String(path[1])), String(path[1]), locale) : undefined
            }
          />
        </div>
      )}
      <Button
        type="primary"
        htmlType="submit"
        icon={<SaveOutlined />}
        loading={declare.isPending}
        data-testid="my-facts-save"
      >
        {t('policy.mine.saveFacts')}
      </Button>
    </Form>
  );
}
