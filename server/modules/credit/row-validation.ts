/**
 * Validation of one credit record against its category's schema — the same rules for the entry form, the API and
 * every import row. Pure: "today" and the loaded calendar years are passed in. Errors name the field and the rule
 * (`required`, `uscc`, `date`, `future`, `calendar`, `enum`, `number`, `boolean`, `maxLength`).
 */
import {
  checkUscc,
  orgCodeCheckChar,
  REGISTRATION_AUTHORITIES,
  usccCheckChar,
} from '../../kernel/identifiers/uscc.ts';
import type { CategoryField, Severity } from './credit.tables.ts';
import type { CategoryKind } from './publication.ts';

export interface CategorySpec {
  code: string;
  kind: CategoryKind;
  public: boolean;
  fields: readonly CategoryField[];
}

export type DataValue = string | number | boolean | string[];

export interface ValidRecord {
  uscc: string;
  entityName: string;
  decisionNo: string;
  decisionDate: string;
  /** Penalties only: the severities of the decision's penalties. */
  severities: Severity[];
  data: Record<string, DataValue>;
}

export interface FieldError {
  /** Field key (`uscc`, `decisionDate`, or a category field key). */
  field: string;
  /** Human label of the field (Chinese). */
  label: string;
  rule: string;
  message: string;
}

export type ValidationResult = { ok: true; value: ValidRecord } | { ok: false; errors: FieldError[] };

export interface ValidationEnv {
  /** Today in China, `YYYY-MM-DD`: decisions cannot lie in the future. */
  today: string;
  /** Years with a loaded working-day schedule: timeliness cannot be computed outside them. */
  loadedYears: ReadonlySet<number>;
}

/** The columns every category has, with the header names accepted for them in imports. */
export const CORE_FIELDS = [
  {
    key: 'uscc',
    label: '统一社会信用代码',
    aliases: ['统一社会信用代码', '信用代码', '社会信用代码', 'uscc'],
  },
  {
    key: 'entityName',
    label: '主体名称',
    aliases: ['主体名称', '行政相对人名称', '企业名称', '单位名称', 'entity_name', 'entityname'],
  },
  {
    key: 'decisionNo',
    label: '决定文书号',
    aliases: [
      '决定文书号',
      '文书号',
      '决定书文号',
      '许可决定书文号',
      '处罚决定书文号',
      '信息编号',
      'decision_no',
      'decisionno',
    ],
  },
  {
    key: 'decisionDate',
    label: '决定日期',
    aliases: [
      '决定日期',
      '许可决定日期',
      '处罚决定日期',
      '信息日期',
      '作出决定日期',
      'decision_date',
      'decisiondate',
    ],
  },
] as const;

export const CORE_KEYS: ReadonlySet<string> = new Set(CORE_FIELDS.map((f) => f.key));

const SEVERITY_WORDS: Record<string, Severity> = {
  minor: 'minor',
  ordinary: 'ordinary',
  serious: 'serious',
  轻微: 'minor',
  一般: 'ordinary',
  严重: 'serious',
};
export const SEVERITY_LABELS: Record<Severity, string> = { minor: '轻微', ordinary: '一般', serious: '严重' };

/** Already in canonical form (18 characters of the USCC alphabet): NFKC, trimming and upper-casing change nothing. */
const CANONICAL_USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * `checkUscc(code).valid` for a code in canonical form, without building its description (imports check a million
 * of them). The same checks in the same order: authority, entity type, division digits, GB 11714 check, check
 * character. Anything else goes through `checkUscc`, which also gives the reason.
 */
function canonicalUsccValid(code: string): boolean {
  if (!CANONICAL_USCC.test(code)) return false;
  const authority = REGISTRATION_AUTHORITIES[code.charAt(0)];
  if (!authority || authority.types[code.charAt(1)] === undefined) return false;
  for (let i = 2; i < 8; i++) {
    const ch = code.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
  }
  return (
    code.charAt(16) === orgCodeCheckChar(code.slice(8, 16)) &&
    code.charAt(17) === usccCheckChar(code.slice(0, 17))
  );
}

const DEFAULT_MAX_LENGTH = 2000;
const ENTITY_NAME_MAX = 200;
const DECISION_NO_MAX = 100;

/** Normalises a header cell for matching: trims, drops a BOM, required-markers and spaces, lower-cases. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .replace(/[*＊\s]/g, '')
    .toLowerCase();
}

export interface ColumnMapping {
  /** For each column of the file: the field key it feeds, or null when ignored. */
  keys: (string | null)[];
  ignored: string[];
  /** File-level problems (missing required columns, two columns for one field). */
  errors: string[];
}

/** Maps a header row to the category's fields by key or Chinese label (and common aliases for core columns). */
export function mapHeader(category: CategorySpec, header: readonly string[]): ColumnMapping {
  const lookup = new Map<string, string>();
  for (const f of CORE_FIELDS)
    for (const a of [f.key, f.label, ...f.aliases]) lookup.set(normaliseHeader(a), f.key);
  for (const f of category.fields) {
    lookup.set(normaliseHeader(f.key), f.key);
    lookup.set(normaliseHeader(f.label), f.key);
  }
  const keys: (string | null)[] = [];
  const ignored: string[] = [];
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const raw of header) {
    const key = lookup.get(normaliseHeader(raw)) ?? null;
    if (key === null) {
      if (raw.trim() !== '') ignored.push(raw.trim());
    } else if (seen.has(key)) {
      errors.push(`列“${raw}”与列“${seen.get(key) ?? ''}”对应同一字段 ${key}。`);
    } else {
      seen.set(key, raw);
    }
    keys.push(key);
  }
  for (const f of CORE_FIELDS) if (!seen.has(f.key)) errors.push(`缺少必填列“${f.label}”。`);
  for (const f of category.fields) {
    if (f.required && !seen.has(f.key)) errors.push(`缺少必填列“${f.label}”（${f.key}）。`);
  }
  return { keys, ignored, errors };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1000 || y > 9999) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `YYYY-MM-DD` from `2024-9-27`, `2024/09/27`, `2024.9.27`, `2024年9月27日` or a spreadsheet date; else null. */
export function parseDateValue(value: unknown): string | null {
  if (value instanceof Date) {
    // Spreadsheet dates arrive as midnight UTC of the calendar day.
    if (Number.isNaN(value.getTime())) return null;
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isRealDate(y, mo, d) ? `${m[1]}-${pad2(mo)}-${pad2(d)}` : null;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return parseDateValue(value) ?? '';
  return '';
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  是: true,
  否: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
  y: true,
  n: false,
  yes: true,
  no: false,
};

/**
 * Validates and normalises one record. `input` holds core keys and category field keys with raw values (strings
 * from CSV; strings, numbers, booleans or Dates from XLSX; JSON values from the API).
 */
export function validateRecord(
  category: CategorySpec,
  input: Readonly<Record<string, unknown>>,
  env: ValidationEnv,
): ValidationResult {
  const errors: FieldError[] = [];
  const fail = (field: string, label: string, rule: string, message: string): void => {
    errors.push({ field, label, rule, message });
  };

  const usccRaw = textOf(input.uscc);
  let uscc = '';
  if (usccRaw === '') fail('uscc', '统一社会信用代码', 'required', '统一社会信用代码不能为空。');
  else if (canonicalUsccValid(usccRaw)) uscc = usccRaw;
  else {
    const r = checkUscc(usccRaw);
    if (r.valid) uscc = r.code;
    else fail('uscc', '统一社会信用代码', 'uscc', r.reason ?? '统一社会信用代码无效。');
  }

  const entityName = textOf(input.entityName);
  if (entityName === '') fail('entityName', '主体名称', 'required', '主体名称不能为空。');
  else if (entityName.length > ENTITY_NAME_MAX)
    fail('entityName', '主体名称', 'maxLength', `主体名称不能超过 ${ENTITY_NAME_MAX} 个字符。`);

  const decisionNo = textOf(input.decisionNo);
  if (decisionNo === '') fail('decisionNo', '决定文书号', 'required', '决定文书号不能为空。');
  else if (decisionNo.length > DECISION_NO_MAX)
    fail('decisionNo', '决定文书号', 'maxLength', `决定文书号不能超过 ${DECISION_NO_MAX} 个字符。`);

  let decisionDate = '';
  const dateRaw = input.decisionDate;
  if (textOf(dateRaw) === '') fail('decisionDate', '决定日期', 'required', '决定日期不能为空。');
  else {
    const d = parseDateValue(dateRaw);
    if (d === null)
      fail(
        'decisionDate',
        '决定日期',
        'date',
        `决定日期“${textOf(dateRaw)}”不是有效日期（应为 YYYY-MM-DD）。`,
      );
    else if (d > env.today)
      fail('decisionDate', '决定日期', 'future', `决定日期 ${d} 晚于今天 ${env.today}。`);
    else if (!env.loadedYears.has(Number(d.slice(0, 4))))
      fail(
        'decisionDate',
        '决定日期',
        'calendar',
        `决定日期 ${d} 所在的 ${d.slice(0, 4)} 年没有加载工作日历，无法计算录入时效。`,
      );
    else decisionDate = d;
  }

  const data: Record<string, DataValue> = {};
  let severities: Severity[] = [];
  for (const f of category.fields) {
    const raw = input[f.key];
    const text = textOf(raw);
    if (text === '' && !(f.type === 'boolean' && typeof raw === 'boolean')) {
      if (f.required) fail(f.key, f.label, 'required', `${f.label}不能为空。`);
      continue;
    }
    if (category.kind === 'penalty' && f.key === 'severity') {
      const parts = text.split(/[,，、;；\s]+/).filter((p) => p !== '');
      const mapped: Severity[] = [];
      let bad = '';
      for (const p of parts) {
        const s = SEVERITY_WORDS[p.toLowerCase()];
        if (s) mapped.push(s);
        else bad = p;
      }
      if (bad !== '' || mapped.length === 0)
        fail(
          f.key,
          f.label,
          'enum',
          `${f.label}“${bad || text}”不在可选值内（轻微、一般、严重，多项用顿号分隔）。`,
        );
      else {
        severities = mapped;
        data[f.key] = mapped;
      }
      continue;
    }
    switch (f.type) {
      case 'string': {
        const max = f.maxLength ?? DEFAULT_MAX_LENGTH;
        if (text.length > max) fail(f.key, f.label, 'maxLength', `${f.label}不能超过 ${max} 个字符。`);
        else data[f.key] = text;
        break;
      }
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number(text.replace(/[,，\s]/g, ''));
        if (!Number.isFinite(n)) fail(f.key, f.label, 'number', `${f.label}“${text}”不是数字。`);
        else data[f.key] = n;
        break;
      }
      case 'date': {
        const d = parseDateValue(raw);
        if (d === null) fail(f.key, f.label, 'date', `${f.label}“${text}”不是有效日期（应为 YYYY-MM-DD）。`);
        else data[f.key] = d;
        break;
      }
      case 'enum': {
        const options = f.options ?? [];
        if (!options.includes(text))
          fail(f.key, f.label, 'enum', `${f.label}“${text}”不在可选值内（${options.join('、')}）。`);
        else data[f.key] = text;
        break;
      }
      case 'boolean': {
        const b = typeof raw === 'boolean' ? raw : BOOLEAN_WORDS[text.toLowerCase()];
        if (b === undefined) fail(f.key, f.label, 'boolean', `${f.label}“${text}”应为“是”或“否”。`);
        else data[f.key] = b;
        break;
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { uscc, entityName, decisionNo, decisionDate, severities, data } };
}
