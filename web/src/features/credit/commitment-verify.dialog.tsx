/**
 * A department verifies a commitment in the kit's `ReviewDialog`: fulfilled, or broken — which needs a note,
 * since a broken commitment becomes a credit record the enterprise reads.
 */
import { App, Typography } from 'antd';
import { useApiMutation } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ReviewDialog } from '../../components/review-dialog.tsx';
import type { Commitment } from './credit.api.ts';

export function CommitmentVerifyDialog({
  commitment,
  onClose,
}: {
  commitment: Commitment;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const verify = useApiMutation('post', '/api/credit/commitments/{id}/verify', {
    invalidates: ['/api/credit'],
  });
  return (
    <ReviewDialog
      open
      title={t('credit.commitments.verifyTitle', { subject: commitment.subject })}
      onClose={onClose}
      onDecide={async (decision, note) => {
        await verify.mutateAsync({
          params: { path: { id: commitment.id } },
          body: { outcome: decision === 'approve' ? 'fulfilled' : 'broken', ...(note ? { note } : {}) },
        });
        void message.success(t('credit.commitments.verified'));
      }}
      approveLabel={t('credit.commitments.status.fulfilled')}
      rejectLabel={t('credit.commitments.status.broken')}
      commentLabel={t('credit.commitments.note')}
      testId="commitment-verify"
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{commitment.content}</Typography.Paragraph>
      <Typography.Text type="secondary">{t('credit.commitments.brokenHint')}</Typography.Text>
    </ReviewDialog>
  );
}
