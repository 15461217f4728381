/** What a reviewer reads about a repair application: the record, the deadline, the statement and the materials. */
import { Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import type { Repair } from './credit.api.ts';
import { RepairStatusTag } from './credit-ui.tsx';
import { chinaDate } from '../../app/china-time.ts';

export function DueCell({ repair }: { repair: Repair }) {
  const t = useT();
  return (
    <Flex vertical gap={2} align="start" data-testid="review-due" data-overdue={String(repair.overdue)}>
      <span>{repair.reviewDueOn}</span>
      {repair.status === 'pending' && repair.overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('credit.repair.overdue')}
        </Tag>
      )}
    </Flex>
  );
}

/** Working days from today to the deadline (official calendar, holidays and make-up days included). */
function WorkdaysLeft({ dueOn }: { dueOn: string }) {
  const t = useT();
  const today = chinaDate();
  const { data } = useApiQuery(
    '/api/calendar/workdays-between',
    { params: { query: { from: today, to: dueOn } } },
    { enabled: today < dueOn },
  );
  if (today === dueOn) return <Tag color="warning">{t('credit.repair.dueToday')}</Tag>;
  if (!data || today > dueOn) return null;
  return (
    <Typography.Text type="secondary" data-testid="review-workdays-left">
      {t('credit.repair.workdaysLeft', { days: data.workdays })}
    </Typography.Text>
  );
}

export function RepairDetails({ repair }: { repair: Repair }) {
  const t = useT();
  const pending = repair.status === 'pending';
  const materials = repair.materials ?? [];
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'e', label: t('credit.entityName'), children: `${repair.entityName}（${repair.uscc}）` },
        { key: 'c', label: t('credit.records.category'), children: repair.category },
        { key: 'n', label: t('credit.records.decisionNo'), children: repair.decisionNo },
        { key: 'a', label: t('credit.repair.appliedAtLabel'), children: formatDateTime(repair.appliedAt) },
        {
          key: 'd',
          label: t('credit.repair.reviewDueOn'),
          children: (
            <Space wrap>
              <DueCell repair={repair} />
              {pending && !repair.overdue && <WorkdaysLeft dueOn={repair.reviewDueOn} />}
            </Space>
          ),
        },
        {
          key: 's',
          label: t('credit.repair.statement'),
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{repair.statement}</span>,
        },
        {
          key: 'm',
          label: t('credit.materials.title'),
          children:
            materials.length === 0 ? (
              <Typography.Text type="secondary">{t('credit.materials.none')}</Typography.Text>
            ) : (
              <Flex wrap gap={4}>
                {materials.map((m) => (
                  <Tag key={m.id}>
                    <a
                      href={`/api/files/${encodeURIComponent(m.id)}/content`}
                      target="_blank"
                      rel="noreferrer"
                      data-testid="repair-material"
                    >
                      {m.name}
                    </a>
                  </Tag>
                ))}
              </Flex>
            ),
        },
        ...(pending
          ? []
          : [
              {
                key: 'st',
                label: t('credit.repair.statusLabel'),
                children: <RepairStatusTag value={repair.status} />,
              },
              { key: 'rc', label: t('credit.repair.comment'), children: repair.reviewComment ?? '—' },
            ]),
      ]}
    />
  );
}
