/**
 * The approve/reject decision every review shares (credit repair, typical cases, grant lists, binding requests…):
 * what is being decided above, a comment that a rejection must give (the applicant reads it), both buttons busy
 * while the decision is sent, and the server's refusal shown in words inside the dialog.
 */
import { Alert, Button, Flex, Input, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../app/i18n.ts';
import { ErrorAlert } from './error-alert.tsx';

export type ReviewDecision = 'approve' | 'reject';

export interface ReviewDialogProps {
  open: boolean;
  title: ReactNode;
  /** What is under review: details, documents. */
  children?: ReactNode;
  /** Sends the decision; a rejected promise keeps the dialog open with the error shown. */
  onDecide: (decision: ReviewDecision, comment: string) => Promise<unknown>;
  onClose: () => void;
  approveLabel?: string;
  rejectLabel?: string;
  commentLabel?: string;
  /** Shown under the buttons' intent, e.g. what an approval changes. */
  approveEffect?: ReactNode;
  /** A rejection without a comment is refused here (default), since the applicant must learn why. */
  reasonRequiredOnReject?: boolean;
  /** Prefix of the test ids: `${testId}-approve`, `${testId}-reject`, `${testId}-comment`. */
  testId?: string;
}

export function ReviewDialog({
  open,
  title,
  children,
  onDecide,
  onClose,
  approveLabel,
  rejectLabel,
  commentLabel,
  approveEffect,
  reasonRequiredOnReject = true,
  testId = 'review',
}: ReviewDialogProps) {
  const t = useT();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<ReviewDecision | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [missingReason, setMissingReason] = useState(false);
  const label = commentLabel ?? t('kit.review.comment');

  const close = () => {
    setComment('');
    setError(undefined);
    setMissingReason(false);
    onClose();
  };

  const decide = async (decision: ReviewDecision) => {
    if (decision === 'reject' && reasonRequiredOnReject && comment.trim() === '') {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    setBusy(decision);
    setError(undefined);
    try {
      await onDecide(decision, comment.trim());
      close();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close} disabled={busy !== null}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="reject"
          danger
          loading={busy === 'reject'}
          disabled={busy === 'approve'}
          onClick={() => void decide('reject')}
          data-testid={`${testId}-reject`}
        >
          {rejectLabel ?? t('kit.review.reject')}
        </Button>,
        <Button
          key="approve"
          type="primary"
          loading={busy === 'approve'}
          disabled={busy === 'reject'}
          onClick={() => void decide('approve')}
          data-testid={`${testId}-approve`}
        >
          {approveLabel ?? t('kit.review.approve')}
        </Button>,
      ]}
    >
      <Flex vertical gap={12}>
        {children}
        <label>
          <Typography.Text>{label}</Typography.Text>
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            aria-label={label}
            aria-invalid={missingReason}
            data-testid={`${testId}-comment`}
          />
        </label>
        {missingReason && (
          <Typography.Text type="danger" role="alert" data-testid={`${testId}-reason-required`}>
            {t('kit.review.reasonRequired')}
          </Typography.Text>
        )}
        {approveEffect !== undefined && <Alert type="info" showIcon title={approveEffect} />}
        {error !== undefined && <ErrorAlert error={error} />}
      </Flex>
    </Modal>
  );
}
