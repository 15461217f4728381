/** The enterprise's repair applications with their status, materials and the reviewer's comment. */
import { Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import type { MyCredit } from './credit.api.ts';
import { RepairStatusTag } from './credit-ui.tsx';

export function RepairsCard({ repairs }: { repairs: MyCredit['repairs'] }) {
  const t = useT();
  if (repairs.length === 0)
    return (
      <Card title={t('credit.mine.repairs')}>
        <Empty description={t('credit.mine.noRepairs')} />
      </Card>
    );
  return (
    <Card title={t('credit.mine.repairs')} data-testid="my-repairs">
      <Flex vertical gap={16}>
        {repairs.map((r) => (
          <Card
            key={r.id}
            size="small"
            type="inner"
            title={`${r.category} · ${r.decisionNo}`}
            extra={<RepairStatusTag value={r.status} />}
            data-testid="my-repair"
            data-id={r.id}
            data-status={r.status}
          >
            <Timeline
              items={[
                {
                  color: 'blue',
                  children: (
                    <>
                      <div>{t('credit.repair.appliedOn', { day: r.appliedOn })}</div>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                        {r.statement}
                      </Typography.Text>
                      {(r.materials ?? []).length > 0 && (
                        <div>
                          {(r.materials ?? []).map((m) => (
                            <Tag key={m.id}>
                              <a
                                href={`/api/files/${encodeURIComponent(m.id)}/content`}
                                target="_blank"
                                rel="noreferrer"
                              >
                                {m.name}
                              </a>
                            </Tag>
                          ))}
                        </div>
                      )}
                    </>
                  ),
                },
                r.status === 'pending'
                  ? {
                      color: r.overdue ? 'red' : 'gray',
                      children: r.overdue
                        ? t('credit.repair.overdueSince', { day: r.reviewDueOn })
                        : t('credit.repair.dueBy', { day: r.reviewDueOn }),
                    }
                  : {
                      color: r.status === 'approved' ? 'green' : 'red',
                      children: (
                        <>
                          <div>
                            {r.status === 'approved'
                              ? t('credit.repair.approvedAt')
                              : t('credit.repair.rejectedAt')}{' '}
                            {formatDateTime(r.reviewedAt)}
                          </div>
                          {r.reviewComment && (
                            <Typography.Text type="secondary">{r.reviewComment}</Typography.Text>
                          )}
                        </>
                      ),
                    },
              ]}
            />
          </Card>
        ))}
      </Flex>
    </Card>
  );
}
