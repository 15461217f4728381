/** One published policy with its clauses, their requirements in words and their benefits (signed-in and public). */
import { CalculatorOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { ModeTag, TopicTags, useTopics } from './policy-ui.tsx';

function PolicyDetailView({ base, calculator }: { base: string; calculator: string }) {
  const t = useT();
  const { id = '' } = useParams();
  const detail = useApiQuery(
    '/api/policies/{id}',
    { params: { path: { id } } },
    { placeholderData: undefined },
  );
  const { data, error } = detail;
  const loading = detail.isLoading;
  const { label } = useTopics();
  return (
    <Page
      title={data?.title ?? t('policy.detailTitle')}
      extra={
        <Link to={base}>
          <Button>{t('common.back')}</Button>
        </Link>
      }
    >
      {error && <ErrorAlert error={error} onRetry={() => void detail.refetch()} />}
      {loading && !data && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {data && (
        <div data-testid="policy-detail" data-code={data.code}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'dept', label: t('policy.department'), children: data.department.name },
                  {
                    key: 'doc',
                    label: t('policy.documentNo'),
                    children: (
                      <>
                        {data.documentNo}
                        {data.demo && <Tag style={{ marginInlineStart: 8 }}>{t('policy.demoDocument')}</Tag>}
                      </>
                    ),
                  },
                  { key: 'issued', label: t('policy.issuedOn'), children: formatDay(data.issuedOn) },
                  { key: 'code', label: t('policy.code'), children: data.code },
                  {
                    key: 'topics',
                    label: t('policy.topics'),
                    children: (
                      <Flex gap={4} wrap>
                        <TopicTags topics={data.topics} label={label} />
                      </Flex>
                    ),
                  },
                  {
                    key: 'measures',
                    label: t('policy.measures'),
                    children: data.measureNos.length > 0 ? data.measureNos.join('、') : '—',
                  },
                ]}
              />
              {data.summary && (
                <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {data.summary}
                </Typography.Paragraph>
              )}
            </Card>
            {data.clauses.length === 0 && <Empty description={t('policy.noClauses')} />}
            {data.clauses.map((c) => (
              <Card
                key={c.id}
                size="small"
                data-testid="clause-card"
                data-clause-no={c.no}
                title={
                  <Flex gap={8} wrap align="center">
                    <span>{t('policy.clauseNo', { no: c.no })}</span>
                    <span style={{ whiteSpace: 'normal' }}>{c.title}</span>
                    <ModeTag mode={c.mode} />
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`policy.subject.${c.subject}`)}</Tag>
                  </Flex>
                }
              >
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    {
                      key: 'citation',
                      label: t('policy.citation'),
                      children: <span data-testid="clause-citation">{c.citation}</span>,
                    },
                    {
                      key: 'effective',
                      label: t('policy.effective'),
                      children: c.effectiveTo
                        ? t('policy.effectiveRange', { from: c.effectiveFrom, to: c.effectiveTo })
                        : t('policy.effectiveFrom', { from: c.effectiveFrom }),
                    },
                    {
                      key: 'benefit',
                      label: t('policy.benefitLabel'),
                      children: c.benefitText ?? t('policy.benefit.none'),
                    },
                    {
                      key: 'conditions',
                      label: t('policy.conditions'),
                      children:
                        c.conditions.length === 0 ? (
                          t('policy.explain.noConditions')
                        ) : (
                          <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="clause-conditions">
                            {c.conditions.map((r, i) => (
                              <li key={`${r.fact ?? ''}-${i}`}>{r.label}</li>
                            ))}
                          </ul>
                        ),
                    },
                  ]}
                />
                <Link to={`${calculator}?subject=${c.subject}`}>
                  <Button size="small" icon={<CalculatorOutlined />} style={{ marginTop: 8 }}>
                    {t('policy.tryCalculator')}
                  </Button>
                </Link>
              </Card>
            ))}
          </Flex>
        </div>
      )}
    </Page>
  );
}

export function PolicyDetailPage() {
  return <PolicyDetailView base="/policies" calculator="/policies/calculator" />;
}

export function PublicPolicyDetailPage() {
  return <PolicyDetailView base="/public/policies" calculator="/public/policies/calculator" />;
}
