import { Descriptions, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { CaseStatusTag } from './case-status-tag.tsx';
import type { TypicalCase } from './plan.api.ts';

/** A typical case as read: who, which measure, when, then the summary and the text. */
export function CaseBody({
  item,
  showStatus,
  publicView = false,
}: {
  item: TypicalCase;
  showStatus: boolean;
  publicView?: boolean;
}) {
  const t = useT();
  const measureBase = publicView ? '/public/plan' : '/plan/measures';
  return (
    <Flex vertical gap={12} data-testid="case-detail">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'department', label: t('plan.department'), children: item.department.name },
          {
            key: 'measure',
            label: t('plan.cases.measure'),
            children: item.measureNo ? (
              <Link to={`${measureBase}/${item.measureNo}`}>
                {t('plan.measureNo', { no: item.measureNo })}
              </Link>
            ) : (
              '—'
            ),
          },
          ...(showStatus
            ? [
                {
                  key: 'status',
                  label: t('plan.cases.statusLabel'),
                  children: <CaseStatusTag status={item.status} />,
                },
              ]
            : []),
          {
            key: 'date',
            label: item.publishedAt ? t('plan.cases.publishedAt') : t('plan.cases.submittedAt'),
            children: formatDateTime(item.publishedAt ?? item.submittedAt),
          },
          ...(item.reviewComment && !publicView
            ? [{ key: 'comment', label: t('plan.cases.reviewComment'), children: item.reviewComment }]
            : []),
        ]}
      />
      <Typography.Paragraph strong style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
        {item.summary}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 15 }}>
        {item.body}
      </Typography.Paragraph>
    </Flex>
  );
}
