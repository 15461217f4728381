/** One material of the apply wizard: upload a file, or replace it by the promise (告知承诺) or paper where allowed. */
import { Card, Flex, Input, Radio, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import { FileUpload } from '../../components/file-upload.tsx';
import { fileContentUrl } from './services.api.ts';
import { replaceLabel } from './services-ui.tsx';
import type { BundleMaterial } from './services.api.ts';
import type { Choice } from './apply-materials.ts';

export function MaterialRow({
  material,
  choice,
  needed,
  onChange,
  serverError,
  itemNames,
}: {
  material: BundleMaterial;
  choice: Choice | undefined;
  needed: boolean;
  onChange: (c: Choice | undefined) => void;
  serverError: string | undefined;
  itemNames: string;
}) {
  const t = useT();
  const mode = choice?.kind === 'replaced' ? 'replaced' : choice?.kind === 'paper' ? 'paper' : 'file';
  return (
    <Card
      size="small"
      data-testid="material-row"
      data-code={material.code}
      title={
        <Flex gap={8} wrap align="center" style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <span>{material.name}</span>
          {needed ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('services.material.required')}
            </Tag>
          ) : material.required ? (
            <Tag color="green" style={{ marginInlineEnd: 0 }}>
              {t('services.material.coveredByPromise')}
            </Tag>
          ) : (
            <Tag style={{ marginInlineEnd: 0 }}>{t('services.material.optional')}</Tag>
          )}
          {choice && (
            <Tag color="success" style={{ marginInlineEnd: 0 }} data-testid="material-done">
              {t('services.material.provided')}
            </Tag>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('services.material.forItems', { items: itemNames })}
        </Typography.Text>
        <Radio.Group
          value={mode}
          onChange={(e) => {
            const v = e.target.value as string;
            if (v === 'file') onChange(undefined);
            else if (v === 'paper') onChange({ kind: 'paper' });
            else if (material.replaceableBy)
              onChange({ kind: 'replaced', by: material.replaceableBy, ref: '' });
          }}
          data-testid="material-mode"
          options={[
            { value: 'file', label: t('services.material.modeFile') },
            ...(material.replaceableBy
              ? [{ value: 'replaced', label: replaceLabel(material.replaceableBy, t) }]
              : []),
            { value: 'paper', label: t('services.material.modePaper') },
          ]}
        />
        {mode === 'file' && (
          <FileUpload
            accept={material.accept}
            maxBytes={material.maxBytes}
            hrefOf={fileContentUrl}
            value={choice?.kind === 'file' ? choice.file : undefined}
            onChange={(f) => onChange(f ? { kind: 'file', file: f } : undefined)}
            testId="material"
          />
        )}
        {choice?.kind === 'replaced' && (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">
              {t(
                choice.by === 'elicence' ? 'services.material.elicenceHint' : 'services.material.earlierHint',
              )}
            </Typography.Text>
            <Input
              value={choice.ref}
              onChange={(e) => onChange({ ...choice, ref: e.target.value })}
              placeholder={t('services.material.refPlaceholder')}
              maxLength={100}
              style={{ maxWidth: 360 }}
              data-testid="material-ref"
            />
          </Flex>
        )}
        {choice?.kind === 'paper' && (
          <Typography.Text type="warning">{t('services.material.paperHint')}</Typography.Text>
        )}
        {serverError && <Typography.Text type="danger">{serverError}</Typography.Text>}
      </Flex>
    </Card>
  );
}
