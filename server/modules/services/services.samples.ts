/**
 * A valid sample form for any catalogue form schema — used by the demo data, the scripted run of every bundle in
 * the tests and the benchmark. Known field names get realistic values; anything else is derived from the schema
 * (enum → first value, minimum, format, length), so a district's new item works without touching this file.
 */
import type { JsonSchemaObject } from './services.tables.ts';

const KNOWN: Record<string, unknown> = {
  companyName: '苏州相城示例科技有限公司',
  uscc: '91320507MA1XXXXX0X',
  legalRepresentative: '张三',
  legalRepIdCard: '11010519491231002X',
  personIdCard: '11010519491231002X',
  personName: '李四',
  phone: '13800000000',
  contactName: '王五',
  address: '苏州市相城区元和街道示例路1号',
  projectAddress: '苏州市相城区高铁新城示例地块',
  businessScope: '软件开发；信息技术咨询服务',
  projectCode: '2022-320507-65-03-123456',
  customsCode: '3205961234',
  passportNo: 'E12345678',
  bankAccount: '6222020200112233445',
  signboardSize: '6x1.2',
  branchUsccs: [],
  taxOfficerName: '赵六',
  bankName: '中国银行苏州相城支行',
  changeDescription: '住所由元和街道示例路1号变更为元和街道示例路2号',
};

function sampleOf(name: string, spec: Record<string, unknown>, date: string): unknown {
  if (name in KNOWN) return KNOWN[name];
  if ('const' in spec) return spec.const;
  if (Array.isArray(spec.enum)) return spec.enum[0];
  switch (spec.type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return typeof spec.minimum === 'number' ? Math.max(spec.minimum, 1) : 10;
    case 'array': {
      const items = (spec.items ?? {}) as Record<string, unknown>;
      const min = typeof spec.minItems === 'number' ? spec.minItems : 0;
      if (Array.isArray(items.enum)) return items.enum.slice(0, Math.max(1, min));
      return min > 0 ? Array.from({ length: min }, () => sampleOf('', items, date)) : [];
    }
    case 'string': {
      if (spec.format === 'date') return date;
      const min = typeof spec.minLength === 'number' ? spec.minLength : 1;
      const text = `示例${(spec.title as string | undefined) ?? name}`;
      return text.length >= min
        ? text.slice(0, typeof spec.maxLength === 'number' ? spec.maxLength : 200)
        : text.padEnd(min, '。');
    }
    default:
      return null;
  }
}

/** Values for every property of the schema (required or not), valid against it. */
export function sampleForm(
  schema: JsonSchemaObject,
  overrides: Record<string, unknown> = {},
  date = '2026-12-01',
): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(props)) {
    const v = name in overrides ? overrides[name] : sampleOf(name, spec, date);
    if (v !== null && v !== undefined) out[name] = v;
  }
  return out;
}
