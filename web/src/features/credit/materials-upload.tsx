import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, apiUpload } from '../../api/client.ts';
import type { StoredFile } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { creditPaths } from './credit.api.ts';

/** The server's default upload limit (UPLOAD_MAX_BYTES), checked here so nobody waits for a refusal. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.ofd,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp';

export interface MaterialsState {
  fileIds: string[];
  uploading: boolean;
}

/**
 * Supporting documents (履行证明、整改报告…) sent to `POST /api/files` as soon as they are picked; the ids go with the
 * application, which claims them. `onChange` must be stable (a state setter).
 */
export function MaterialsUpload({ onChange }: { onChange: (state: MaterialsState) => void }) {
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
            void message.error(t('credit.materials.tooLarge', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          if (!(file instanceof Blob)) return;
          apiUpload<StoredFile>(creditPaths.files, file, {
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
        data-testid="materials-upload"
      >
        <Button icon={<UploadOutlined />} data-testid="materials-pick">
          {t('credit.materials.pick')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('credit.materials.hint')}
      </Typography.Text>
      {errors.map((e) => (
        <ErrorAlert key={e.uid} error={e.error} title={t('credit.materials.failed', { name: e.name })} />
      ))}
    </Flex>
  );
}
