import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, apiUpload } from '../../api/client.ts';
import type { StoredFile } from './plan.api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatBytes, MAX_UPLOAD_BYTES, planPaths } from './plan.api.ts';

export interface EvidenceState {
  /** Ids of the files uploaded successfully, in the order they were added. */
  fileIds: string[];
  /** Some files are still being sent; the report cannot go yet. */
  uploading: boolean;
}

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.ofd,.docx,.xlsx,.txt,.csv';

/**
 * Evidence files for a report: each is sent to `POST /api/files` as soon as it is picked, with a progress bar. Files
 * over 20 MB are refused here; a type the server does not accept (it sniffs the bytes) comes back as 415 and its
 * detail is shown under the list.
 */
/** `onChange` must be stable (a state setter): it is called whenever the list changes. */
export function EvidenceUpload({ onChange }: { onChange: (state: EvidenceState) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<StoredFile>[]>([]);
  const [errors, setErrors] = useState<{ uid: string; name: string; error: unknown }[]>([]);

  useEffect(() => {
    const fileIds = files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
    onChange({ fileIds, uploading: files.some((f) => f.status === 'uploading') });
  }, [files, onChange]);

  return (
    <Flex vertical gap={8}>
      <Upload<StoredFile>
        multiple
        accept={ACCEPT}
        fileList={files}
        beforeUpload={(file) => {
          if (file.size > MAX_UPLOAD_BYTES) {
            void message.error(
              t('plan.report.fileTooLarge', { name: file.name, size: formatBytes(file.size) }),
            );
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          if (!(file instanceof Blob)) return;
          apiUpload<StoredFile>(planPaths.files, file, {
            onProgress: (percent) => onProgress?.({ percent }),
          }).then(
            (stored) => onSuccess?.(stored),
            (cause: unknown) => {
              const uid = typeof file === 'object' && 'uid' in file ? String(file.uid) : '';
              const name = file instanceof File ? file.name : '';
              setErrors((list) => [...list.filter((e) => e.uid !== uid), { uid, name, error: cause }]);
              onError?.(cause instanceof ApiError ? cause : new Error(String(cause)));
            },
          );
        }}
        onChange={({ fileList }) => setFiles(fileList)}
        onRemove={(file) => setErrors((list) => list.filter((e) => e.uid !== file.uid))}
        data-testid="evidence-upload"
      >
        <Button icon={<UploadOutlined />} data-testid="evidence-pick">
          {t('plan.report.pickEvidence')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('plan.report.evidenceHint')}
      </Typography.Text>
      {errors.map((e) => (
        <ErrorAlert key={e.uid} error={e.error} title={t('plan.report.uploadFailed', { name: e.name })} />
      ))}
    </Flex>
  );
}
