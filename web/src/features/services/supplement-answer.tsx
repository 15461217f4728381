/** The applicant's answer to a supplement request (补正): the asked-for materials and a note. */
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api/client.ts';
import { useApiMutation } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FileUpload, type StoredFile } from '../../components/file-upload.tsx';
import { fileContentUrl } from './services.api.ts';
import { type Application, type Bundle, type Supplement } from './services.api.ts';

/** The applicant answers one 补正 request: the requested materials again, and a note. */
export function SupplementAnswer({
  application,
  supplement,
  bundle,
}: {
  application: Application;
  supplement: Supplement;
  bundle: Bundle | undefined;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Partial<Record<string, StoredFile>>>({});
  // The answered application replaces the cached one, so the page shows it without a manual reload.
  const answer = useApiMutation('post', '/api/services/applications/{id}/supplements/{supplementId}', {
    invalidates: ['/api/services/applications', '/api/services/tasks', '/api/services/overview'],
  });
  const sending = answer.isPending;
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined);
  const taskName = application.tasks.find((x) => x.id === supplement.taskId)?.name ?? '';
  const materialOf = (code: string) =>
    bundle?.materials.find((m) => m.code === code) ?? {
      code,
      name: code,
      accept: ['pdf', 'jpg', 'png'],
      maxBytes: 20 * 1024 * 1024,
    };
  const missing = supplement.materials.filter((c) => !files[c]);

  const send = () => {
    if (sending) return;
    const body = {
      note: note.trim(),
      materials: supplement.materials.flatMap((code) => {
        const f = files[code];
        return f ? [{ code, fileId: f.id }] : [];
      }),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    answer.mutate(
      {
        params: { path: { id: application.id, supplementId: supplement.id } },
        body,
        // One key per attempt: a retry of the same answer is done once by the server.
        headers: { 'Idempotency-Key': attempt.current.key },
      },
      { onSuccess: () => void message.success(t('services.supplement.sent')) },
    );
  };

  return (
    <Card
      size="small"
      title={t('services.supplement.requestTitle', { task: taskName })}
      data-testid="supplement-request"
      data-id={supplement.id}
      style={{ borderColor: '#faad14' }}
    >
      <Flex vertical gap={12}>
        <Typography.Text>{t('services.supplement.reasonIs', { reason: supplement.reason })}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('services.supplement.requestedAt', { time: formatDateTime(supplement.requestedAt) })} ·{' '}
          {t('services.supplement.clockPaused')}
        </Typography.Text>
        {supplement.materials.map((code) => {
          const m = materialOf(code);
          return (
            <Flex key={code} vertical gap={4}>
              <Typography.Text strong>{m.name}</Typography.Text>
              <FileUpload
                accept={m.accept}
                maxBytes={m.maxBytes}
                hrefOf={fileContentUrl}
                value={files[code]}
                onChange={(f) => setFiles((all) => ({ ...all, [code]: f }))}
                testId="supplement-upload"
              />
            </Flex>
          );
        })}
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('services.supplement.notePlaceholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          showCount
          data-testid="supplement-note"
        />
        {answer.error && <ErrorAlert error={answer.error} />}
        <Flex justify="flex-end">
          <Button
            type="primary"
            loading={sending}
            disabled={missing.length > 0 || (supplement.materials.length === 0 && note.trim() === '')}
            onClick={send}
            data-testid="supplement-submit"
          >
            {t('services.supplement.send')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
