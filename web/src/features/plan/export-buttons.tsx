import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Flex } from 'antd';
import { useState } from 'react';
import { ApiError, downloadFile } from '../../api/client.ts';
import { useT } from '../../app/i18n.ts';

type Format = 'xlsx' | 'pdf';

/** Excel and PDF exports of the whole plan's progress (plan.read). */
export function ExportButtons() {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Format | null>(null);

  const download = async (format: Format) => {
    setBusy(format);
    try {
      if (format === 'xlsx') await downloadFile('/api/action-plan/export.xlsx', {}, 'action-plan.xlsx');
      else await downloadFile('/api/action-plan/export.pdf', {}, 'action-plan.pdf');
    } catch (cause) {
      const detail = cause instanceof ApiError ? cause.detail : cause instanceof Error ? cause.message : '';
      void message.error(t('plan.exportFailed', { detail }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex gap={8} wrap>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy === 'xlsx'}
        disabled={busy !== null && busy !== 'xlsx'}
        onClick={() => void download('xlsx')}
        data-testid="export-xlsx"
      >
        {t('plan.exportXlsx')}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy === 'pdf'}
        disabled={busy !== null && busy !== 'pdf'}
        onClick={() => void download('pdf')}
        data-testid="export-pdf"
      >
        {t('plan.exportPdf')}
      </Button>
    </Flex>
  );
}
