/**
 * The department registry is reference data kept in config/departments.json (generated from the plan's text by
 * `npm run departments:generate`). It is loaded on start, before any other module's start-up, so modules that
 * match names against it (the action plan's units) always find it.
 */
import { Type, type Static } from 'typebox';
import { appendAudit } from '../../kernel/audit.ts';
import { CONFIG_DIR, readConfigFile } from '../../kernel/config-files.ts';
import type { AppContext } from '../../kernel/context.ts';
import { insertDepartments, listDepartments } from './identity.repository.ts';

export const DEPARTMENTS_FILE = `${CONFIG_DIR}/departments.json`;

const DepartmentConfig = Type.Array(
  Type.Object({
    code: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    shortName: Type.String({ minLength: 1 }),
    kind: Type.String({ minLength: 1 }),
  }),
);

export function readDepartmentConfig(file = DEPARTMENTS_FILE): Static<typeof DepartmentConfig> {
  return readConfigFile(file, DepartmentConfig);
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
