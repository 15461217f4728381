import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { apiUpload } from '../../api/client.ts';
import type { StoredFile } from '../../api/types.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { acceptAttribute, acceptsFile, formatBytes, servicesPaths } from './services.api.ts';
import type { Material } from './services.types.ts';

/** The server's default upload limit (UPLOAD_MAX_BYTES); a material may allow less. */
const SERVER_MAX_BYTES = 20 * 1024 * 1024;

/**
 * One material's file: checked here for type and size (the server checks again by sniffing the bytes — archives
 * are refused there), sent to `POST /api/files` with a progress bar, and shown with its name and size once stored.
 */
export function MaterialUpload({
  material,
  file,
  onChange,
  testId,
}: {
  material: Pick<Material, 'code' | 'name' | 'accept' | 'maxBytes'>;
  file: StoredFile | undefined;
  onChange: (file: StoredFile | undefined) => void;
  testId?: string;
}) {
  const t = useT();
  const [percent, setPercent] = useState<number | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const limit = Math.min(material.maxBytes || SERVER_MAX_BYTES, SERVER_MAX_BYTES);

  return (
    <Flex vertical gap={6} data-testid={testId ?? 'material-upload'} data-code={material.code}>
      {file ? (
        <Flex gap={8} align="center" wrap data-testid="material-file" data-file-id={file.id}>
          <a href={servicesPaths.fileContent(file.id)} download={file.name}>
            <PaperClipOutlined /> {file.name}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBytes(file.sizeBytes)}
          </Typography.Text>
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={() => onChange(undefined)}
            aria-label={t('services.material.removeFile')}
          >
            {t('services.material.removeFile')}
          </Button>
        </Flex>
      ) : (
        <Upload
          showUploadList={false}
          accept={acceptAttribute(material.accept)}
          beforeUpload={(picked) => {
            setError(undefined);
            if (!acceptsFile(material.accept, picked.name)) {
              setError(
                new Error(
                  t('services.material.wrongType', {
                    name: picked.name,
                    types: material.accept.join('/').toUpperCase(),
                  }),
                ),
              );
              return Upload.LIST_IGNORE;
            }
            if (picked.size > limit) {
              setError(
                new Error(
                  t('services.material.tooLarge', {
                    name: picked.name,
                    size: formatBytes(picked.size),
                    max: formatBytes(limit),
                  }),
                ),
              );
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file: picked }) => {
            if (!(picked instanceof Blob)) return;
            setPercent(0);
            apiUpload<StoredFile>(servicesPaths.files, picked, {
              fields: { purpose: 'attachment' },
              onProgress: (p) => setPercent(p),
            }).then(
              (stored) => {
                setPercent(undefined);
                onChange(stored);
              },
              (cause: unknown) => {
                setPercent(undefined);
                setError(cause);
              },
            );
          }}
        >
          <Button icon={<UploadOutlined />} loading={percent !== undefined} data-testid="material-pick">
            {t('services.material.pick')}
          </Button>
        </Upload>
      )}
      {percent !== undefined && (
        <Progress aria-label={t('a11y.progress')} percent={Math.round(percent)} size="small" />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('services.material.typeSize', {
          types: material.accept.join('/').toUpperCase() || '—',
          size: formatBytes(limit),
        })}
      </Typography.Text>
      {error !== undefined && (
        <ErrorAlert error={error} title={t('services.material.uploadFailed', { name: material.name })} />
      )}
    </Flex>
  );
}
