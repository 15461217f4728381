import { Tag } from 'antd';
import { useT } from '../../app/i18n.ts';
import type { CaseStatus } from './plan.api.ts';

const CASE_TAG = {
  submitted: 'processing',
  published: 'success',
  rejected: 'default',
} as const satisfies Record<CaseStatus, string>;

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const t = useT();
  return (
    <Tag
      color={CASE_TAG[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="case-status"
      data-status={status}
    >
      {t(`plan.cases.status.${status}`)}
    </Tag>
  );
}
