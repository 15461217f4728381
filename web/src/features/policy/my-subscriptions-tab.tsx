/** The topics whose new policies the enterprise is told about (none chosen: every topic). */
import { SaveOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useTopics } from './policy-ui.tsx';

export function MySubscriptionsTab() {
  const t = useT();
  const { message } = App.useApp();
  const { topics, label } = useTopics();
  const query = useApiQuery('/api/policies/my/subscriptions');
  const { data, error } = query;
  const update = useApiMutation('put', '/api/policies/my/subscriptions', {
    invalidates: ['/api/policies/my/subscriptions'],
  });
  const [chosen, setChosen] = useState<string[] | undefined>(undefined);
  const value = chosen ?? data?.topics ?? [];

  const save = async () => {
    try {
      await update.mutateAsync({ body: { topics: value } });
      message.success(t('policy.mine.subscriptionsSaved'));
      setChosen(undefined);
    } catch {
      // Shown from `update.error` above the buttons.
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={() => void query.refetch()} />;
  if (!data) return <Skeleton active />;
  return (
    <Flex vertical gap={12} data-testid="my-subscriptions">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {value.length === 0
          ? t('policy.mine.subscribedAll')
          : t('policy.mine.subscribedSome', { count: value.length })}
      </Typography.Paragraph>
      <Checkbox.Group
        value={value}
        onChange={(v) => setChosen(v.map(String))}
        options={topics.map((topic) => ({ value: topic.code, label: label(topic.code) }))}
      />
      {update.error && <ErrorAlert error={update.error} />}
      <Flex gap={8}>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={update.isPending}
          onClick={() => void save()}
          data-testid="subscriptions-save"
        >
          {t('common.save')}
        </Button>
        {value.length > 0 && <Button onClick={() => setChosen([])}>{t('policy.mine.subscribeAll')}</Button>}
      </Flex>
    </Flex>
  );
}
