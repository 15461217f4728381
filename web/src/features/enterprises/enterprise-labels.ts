import type { MessageKey, Translate } from '../../app/i18n.ts';
import { ENTERPRISE_SIZES, type EnterpriseSize } from './enterprises.api.ts';

export function isEnterpriseSize(value: string): value is EnterpriseSize {
  return (ENTERPRISE_SIZES as readonly string[]).includes(value);
}

export function sizeLabel(size: string, t: Translate): string {
  return isEnterpriseSize(size) ? t(`size.${size}`) : size;
}

const entityTypes: Record<string, MessageKey> = {
  company: 'entityType.company',
  individual_business: 'entityType.individual_business',
  cooperative: 'entityType.cooperative',
};

const statuses: Record<string, MessageKey> = {
  active: 'enterpriseStatus.active',
  deregistered: 'enterpriseStatus.deregistered',
  revoked: 'enterpriseStatus.revoked',
};

/** Codes the UI knows get words; an unknown code is shown as sent rather than hidden. */
export function entityTypeLabel(code: string, t: Translate): string {
  const key = entityTypes[code];
  return key ? t(key) : code;
}

export function statusLabel(code: string, t: Translate): string {
  const key = statuses[code];
  return key ? t(key) : code;
}

export function industryLabel(e: {
  industrySection: string;
  industrySectionName?: string;
  industryDivision: string;
  industryName: string;
}): string {
  const section = [e.industrySection, e.industrySectionName].filter(Boolean).join(' ');
  const division = [e.industryDivision, e.industryName].filter(Boolean).join(' ');
  return [section, division].filter(Boolean).join(' / ');
}
