/**
 * The one upload control: files go to `POST /api/files` as soon as they are picked, each with a progress bar;
 * type and size are checked here first (the server checks again by sniffing the bytes), and a refusal is shown in
 * words under the list. The stored files' ids travel with the form that owns them (a report, a repair, an
 * application's material), which claims them.
 *
 * `multiple` keeps a list (evidence, supporting documents); otherwise one controlled file with a remove button
 * (an application's material).
 */
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Progress, Typography, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, uploadFile, type ApiData } from '../api/client.ts';
import { useT } from '../app/i18n.ts';
import { ErrorAlert } from './error-alert.tsx';
import {
  SERVER_MAX_UPLOAD_BYTES,
  acceptAttribute,
  acceptsFile,
  formatBytes,
  typeList,
} from './file-types.ts';

export type StoredFile = ApiData<'post', '/api/files'>;

export interface FilesState {
  /** Ids of the files stored so far, in the order they were picked. */
  fileIds: string[];
  files: StoredFile[];
  /** Some files are still being sent: the owning form cannot go yet. */
  uploading: boolean;
}

interface CommonProps {
  /** Allowed extensions (`['pdf', 'jpg']`); empty allows every type the server accepts. */
  accept?: readonly string[];
  /** At most this many bytes per file (never more than the server's limit). */
  maxBytes?: number;
  /** `purpose` form field of the upload (attachment by default). */
  purpose?: 'attachment' | 'image' | 'document' | 'import';
  pickLabel?: string;
  /** Under the button; defaults to the allowed types and size. */
  hint?: string;
  /** Test ids: the control (`testId`) and its button (`${testId}-pick` unless `pickTestId`). */
  testId?: string;
  pickTestId?: string;
}

export interface MultiFileUploadProps extends CommonProps {
  multiple: true;
  /** Must be stable (a state setter): called whenever the list changes. */
  onChange: (state: FilesState) => void;
}

export interface SingleFileUploadProps extends CommonProps {
  multiple?: false;
  value: StoredFile | undefined;
  onChange: (file: StoredFile | undefined) => void;
  /** Link for the stored file, e.g. its content URL. */
  hrefOf?: (file: StoredFile) => string;
}

export type FileUploadProps = MultiFileUploadProps | SingleFileUploadProps;

function useChecks(props: CommonProps) {
  const t = useT();
  const accept = props.accept ?? [];
  const limit = Math.min(props.maxBytes || SERVER_MAX_UPLOAD_BYTES, SERVER_MAX_UPLOAD_BYTES);
  const refusal = (file: File): string | undefined => {
    if (!acceptsFile(accept, file.name)) {
      return t('kit.upload.wrongType', { name: file.name, types: typeList(accept) });
    }
    if (file.size > limit) {
      return t('kit.upload.tooLarge', {
        name: file.name,
        size: formatBytes(file.size),
        max: formatBytes(limit),
      });
    }
    return undefined;
  };
  const hint =
    props.hint ?? t('kit.upload.hint', { types: typeList(accept) || '—', size: formatBytes(limit) });
  return { accept, refusal, hint, t };
}

function send(file: Blob, purpose: CommonProps['purpose'], onProgress: (percent: number) => void) {
  return uploadFile('/api/files', file, { fields: { purpose: purpose ?? 'attachment' }, onProgress });
}

function MultiFileUpload(props: MultiFileUploadProps) {
  const { accept, refusal, hint, t } = useChecks(props);
  const { message } = App.useApp();
  const { onChange, testId = 'file-upload' } = props;
  const [files, setFiles] = useState<UploadFile<StoredFile>[]>([]);
  const [errors, setErrors] = useState<{ uid: string; name: string; error: unknown }[]>([]);

  useEffect(() => {
    const stored = files.flatMap((f) => (f.status === 'done' && f.response ? [f.response] : []));
    onChange({
      fileIds: stored.map((f) => f.id),
      files: stored,
      uploading: files.some((f) => f.status === 'uploading'),
    });
  }, [files, onChange]);

  return (
    <Flex vertical gap={8}>
      <Upload<StoredFile>
        multiple
        accept={acceptAttribute(accept)}
        fileList={files}
        beforeUpload={(file) => {
          const why = refusal(file);
          if (why) {
            void message.error(why);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          if (!(file instanceof Blob)) return;
          send(file, props.purpose, (percent) => onProgress?.({ percent })).then(
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
        data-testid={testId}
      >
        <Button icon={<UploadOutlined />} data-testid={props.pickTestId ?? `${testId}-pick`}>
          {props.pickLabel ?? t('kit.upload.pick')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
      {errors.map((e) => (
        <ErrorAlert key={e.uid} error={e.error} title={t('kit.upload.failed', { name: e.name })} />
      ))}
    </Flex>
  );
}

function SingleFileUpload(props: SingleFileUploadProps) {
  const { accept, refusal, hint, t } = useChecks(props);
  const { value, onChange, hrefOf, testId = 'file-upload' } = props;
  const [percent, setPercent] = useState<number | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [failedName, setFailedName] = useState('');

  return (
    <Flex vertical gap={6} data-testid={testId}>
      {value ? (
        <Flex gap={8} align="center" wrap data-testid={`${testId}-file`} data-file-id={value.id}>
          {hrefOf ? (
            <a href={hrefOf(value)} download={value.name}>
              <PaperClipOutlined /> {value.name}
            </a>
          ) : (
            <span>
              <PaperClipOutlined /> {value.name}
            </span>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBytes(value.sizeBytes)}
          </Typography.Text>
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={() => onChange(undefined)}
          >
            {t('kit.upload.remove')}
          </Button>
        </Flex>
      ) : (
        <Upload
          showUploadList={false}
          accept={acceptAttribute(accept)}
          beforeUpload={(picked) => {
            setError(undefined);
            const why = refusal(picked);
            if (why) {
              setFailedName(picked.name);
              setError(new Error(why));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file: picked }) => {
            if (!(picked instanceof Blob)) return;
            setPercent(0);
            setFailedName(picked instanceof File ? picked.name : '');
            send(picked, props.purpose, setPercent).then(
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
          <Button
            icon={<UploadOutlined />}
            loading={percent !== undefined}
            data-testid={props.pickTestId ?? `${testId}-pick`}
          >
            {props.pickLabel ?? t('kit.upload.pick')}
          </Button>
        </Upload>
      )}
      {percent !== undefined && (
        <Progress percent={Math.round(percent)} size="small" aria-label={t('kit.upload.pick')} />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
      {error !== undefined && (
        <ErrorAlert error={error} title={t('kit.upload.failed', { name: failedName })} />
      )}
    </Flex>
  );
}

export function FileUpload(props: FileUploadProps) {
  return props.multiple ? <MultiFileUpload {...props} /> : <SingleFileUpload {...props} />;
}
