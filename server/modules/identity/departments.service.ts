/**
 * The department registry is reference data kept in config/departments.json (generated from the plan's text by
 * `npm run departments:generate`). It is loaded on start, before any other module's start-up, so modules that
 * match names against it (the action plan's units) always find it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appendAudit } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { insertDepartments, listDepartments } from './identity.repository.ts';

export const DEPARTMENTS_FILE = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'config',
  'departments.json',
);

interface DepartmentConfig {
  code: string;
  name: string;
  shortName: string;
  kind: string;
}

export function readDepartmentConfig(file = DEPARTMENTS_FILE): DepartmentConfig[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DepartmentConfig[];
}

/** Adds departments from the config that are not in the database yet (by code); never changes existing ones. */
export async function seedDepartmentsFromConfig(ctx: AppContext, file = DEPARTMENTS_FILE): Promise<number> {
  const existing = new Set((await listDepartments(ctx.db)).map((d) => d.code));
  const missing = readDepartmentConfig(file).filter((d) => !existing.has(d.code));
  if (missing.length === 0) return 0;
  return ctx.db.transaction().execute(async (trx) => {
    const n = await insertDepartments(trx, missing);
    await appendAudit(
      trx,
      { system: 'config' },
      {
        action: 'department.seeded',
        subjectType: 'department',
        detail: { count: n, codes: missing.map((d) => d.code) },
      },
    );
    return n;
  });
}
