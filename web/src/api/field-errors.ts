import type { FormInstance } from 'antd';
import type { FieldError } from './client.ts';

/**
 * Turns a problem+json field name into a form path: `/body/holidays/0/end`, `body.holidays[0].end` and
 * `holidays.0.end` all become `['holidays', 0, 'end']`. Numeric segments become numbers (Form.List indexes).
 */
export function fieldPath(field: string): (string | number)[] {
  const segments = field
    .split(/[/.[\]]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (segments[0] === 'body' || segments[0] === 'query' || segments[0] === 'params') segments.shift();
  return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface FormFieldError {
  name: (string | number)[];
  errors: string[];
}

/** Groups field errors by path, ready for antd `form.setFields`. */
export function toFormFields(errors: readonly FieldError[]): FormFieldError[] {
  const byPath = new Map<string, FormFieldError>();
  for (const e of errors) {
    const name = fieldPath(e.field);
    if (name.length === 0) continue;
    const key = JSON.stringify(name);
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byPath.set(key, entry);
  }
  return [...byPath.values()];
}

/**
 * Puts server field errors next to the matching form fields. Server paths are only known at run time, so they are
 * handed to antd as its own name type; a path that matches no field is harmless (and is listed in the summary).
 */
export function showFieldErrors<T>(form: FormInstance<T>, errors: readonly FieldError[]): void {
  form.setFields(toFormFields(errors) as Parameters<FormInstance<T>['setFields']>[0]);
}
