/**
 * A repair application opened from the list: a pending one is decided in the kit's `ReviewDialog` (a rejection
 * needs a reason, the applicant reads it); a decided one is only shown.
 */
import { App, Button, Modal } from 'antd';
import { useApiMutation } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ReviewDialog } from '../../components/review-dialog.tsx';
import type { Repair } from './credit.api.ts';
import { RepairDetails } from './repair-details.tsx';

export function RepairReviewDialog({ repair, onClose }: { repair: Repair; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const review = useApiMutation('post', '/api/credit/repairs/{id}/review', { invalidates: ['/api/credit'] });
  const title = t('credit.repair.reviewTitle', { name: repair.entityName });
  const details = (
    <div data-testid="repair-review-modal">
      <RepairDetails repair={repair} />
    </div>
  );

  if (repair.status !== 'pending') {
    return (
      <Modal
        open
        width={680}
        title={title}
        onCancel={onClose}
        destroyOnHidden
        footer={[
          <Button key="close" onClick={onClose}>
            {t('common.back')}
          </Button>,
        ]}
      >
        {details}
      </Modal>
    );
  }
  return (
    <ReviewDialog
      open
      title={title}
      onClose={onClose}
      onDecide={async (decision, comment) => {
        await review.mutateAsync({
          params: { path: { id: repair.id } },
          body: { decision, ...(comment ? { comment } : {}) },
        });
        void message.success(
          decision === 'approve' ? t('credit.repair.approvedMsg') : t('credit.repair.rejectedMsg'),
        );
      }}
      approveLabel={t('credit.repair.approve')}
      rejectLabel={t('credit.repair.reject')}
      commentLabel={t('credit.repair.comment')}
      approveEffect={t('credit.repair.approveEffect')}
      testId="repair"
    >
      {details}
    </ReviewDialog>
  );
}
