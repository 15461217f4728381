import { Descriptions, Tag } from 'antd';
import { formatDay } from '../../app/format.ts';
import { useLocale, useT } from '../../app/i18n.ts';
import type { Enterprise } from './enterprises.api.ts';
import { entityTypeLabel, industryLabel, sizeLabel, statusLabel } from './enterprise-labels.ts';

function capital(value: number | string, locale: string): string {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n)
    ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n)
    : String(value);
}

/** The registry facts of one enterprise, used on its home page and in the officers' detail drawer. */
export function EnterpriseDescriptions({
  enterprise: e,
  columns = 2,
}: {
  enterprise: Enterprise;
  columns?: number;
}) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <Descriptions
      column={{ xs: 1, sm: 1, md: columns }}
      bordered
      size="small"
      data-testid="enterprise-descriptions"
    >
      <Descriptions.Item label={t('enterprise.name')} span={columns}>
        {e.name}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.uscc')}>
        <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{e.uscc}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.legalRepresentative')}>
        {e.legalRepresentative}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.entityType')}>
        {entityTypeLabel(e.entityType, t)}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.status')}>{statusLabel(e.status, t)}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.industry')}>{industryLabel(e)}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.size')}>{sizeLabel(e.size, t)}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.registeredCapital')}>
        {capital(e.registeredCapital, locale)}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.employees')}>{e.employees}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.foundedOn')}>{formatDay(e.foundedOn)}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.town')}>{e.town}</Descriptions.Item>
      <Descriptions.Item label={t('enterprise.address')} span={columns}>
        {e.address}
      </Descriptions.Item>
      <Descriptions.Item label={t('enterprise.tags')} span={columns}>
        {!e.highTech && !e.specialisedSme && t('common.none')}
        {e.highTech && <Tag color="blue">{t('enterprise.highTech')}</Tag>}
        {e.specialisedSme && <Tag color="purple">{t('enterprise.specialisedSme')}</Tag>}
      </Descriptions.Item>
    </Descriptions>
  );
}
