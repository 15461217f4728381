/** One clause explained for the enterprise (conditions, where each value came from, the benefit), and a list of them. */
import { Card, Empty, Flex, List, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import type { Explanation, Fact } from './policy.api.ts';
import {
  BenefitView,
  ConditionChecklist,
  GrantStatusTag,
  ModeTag,
  TopicTags,
  useTopics,
} from './policy-ui.tsx';

export function ExplanationCard({
  item,
  facts,
  label,
}: {
  item: Explanation;
  facts: ReadonlyMap<string, Fact>;
  label: (code: string) => string;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      style={{ width: '100%' }}
      data-testid="explanation"
      data-clause={item.clauseId}
      data-policy-code={item.policyCode}
      data-eligible={item.eligible}
      title={
        <Flex gap={8} wrap align="center" style={{ whiteSpace: 'normal' }}>
          <span>
            {item.policyTitle} · {item.clauseTitle}
          </span>
          <ModeTag mode={item.mode} />
        </Flex>
      }
      extra={
        item.grant ? (
          <Link to="/policies/mine?tab=grants">
            <GrantStatusTag status={item.grant.status} />
          </Link>
        ) : undefined
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type={item.eligible ? 'success' : 'danger'} strong data-testid="explanation-summary">
          {item.eligible ? t('policy.explain.eligible') : item.summary}
        </Typography.Text>
        <ConditionChecklist conditions={item.conditions} facts={facts} showSources />
        <BenefitView benefit={item.benefit} eligible={item.eligible} />
        <Flex gap={4} wrap align="center">
          <TopicTags topics={item.topics} label={label} />
          {item.firstMatchedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('policy.mine.firstMatched', { at: formatDateTime(item.firstMatchedAt) })}
            </Typography.Text>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('policy.citationShort', { citation: item.citation })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

export function ExplanationList({
  items,
  empty,
  facts,
  testId,
}: {
  items: readonly Explanation[];
  empty: string;
  facts: ReadonlyMap<string, Fact>;
  testId: string;
}) {
  const { label } = useTopics();
  const [page, setPage] = useState(1);
  return (
    <List<Explanation>
      dataSource={[...items]}
      locale={{ emptyText: <Empty description={empty} /> }}
      renderItem={(item) => (
        <List.Item style={{ padding: '6px 0', border: 'none' }}>
          <ExplanationCard item={item} facts={facts} label={label} />
        </List.Item>
      )}
      pagination={
        items.length > 10
          ? { current: page, pageSize: 10, total: items.length, size: 'small', onChange: setPage }
          : false
      }
      data-testid={testId}
    />
  );
}
