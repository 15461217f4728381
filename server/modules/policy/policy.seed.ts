/**
 * Demo policies from config/policy/policies/*.json, imported on start by code (idempotent: a code already in the
 * catalogue is left alone, so officers' later edits survive restarts). A policy is published when every clause's
 * rule validates and its test cases pass; otherwise it stays a draft and the reason is logged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appendAudit, systemOrigin } from '../../kernel/audit.ts';
import { systemActor } from '../../kernel/policy.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { findDepartmentByCode } from '../identity/index.ts';
import {
  existingPolicyCodes,
  insertClause,
  insertPolicy,
  replaceTests,
  setPolicyStatus,
} from './catalogue.repository.ts';
import { checkClauseInput, publicationBlocker, reindexPolicy } from './catalogue.service.ts';
import type { ClauseInput, PolicyInput } from './policy.schemas.ts';
import { unknownTopics } from './topics.ts';
import { Type } from 'typebox';
import { readConfigFile } from '../../kernel/config-files.ts';

/** Start-up imports act as this declared system actor (recorded as `system:seed`). */
const SEED_ACTOR = systemActor('seed');

const DIR = path.resolve(import.meta.dirname, '../../../config/policy/policies');

export interface SeedPolicy extends PolicyInput {
  code: string;
  department: string;
  clauses: ClauseInput[];
}

export function readSeedPolicies(dir: string = DIR): SeedPolicy[] {
  if (!fs.existsSync(dir)) return [];
  const out: SeedPolicy[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const doc = readConfigFile(path.join(dir, file), Type.Unknown()) as { policies?: SeedPolicy[] };
    if (!Array.isArray(doc.policies))
      throw new Error(`config/policy/policies/${file}: expected { "policies": [ … ] }`);
    out.push(...doc.policies);
  }
  return out;
}

export async function seedPolicies(
  ctx: AppContext,
  policies: readonly SeedPolicy[] = readSeedPolicies(),
): Promise<{ inserted: number; published: number; failed: string[] }> {
  const result = { inserted: 0, published: 0, failed: [] as string[] };
  const today = chinaDate(ctx.clock.now());
  // One query on an already seeded catalogue (every start, every test app).
  const existing = await existingPolicyCodes(
    ctx.db,
    policies.map((p) => p.code),
  );
  for (const p of policies) {
    if (existing.has(p.code)) continue;
    try {
      const dept = await findDepartmentByCode(ctx.db, p.department);
      if (!dept) throw new Error(`unknown department ${p.department}`);
      if (unknownTopics(p.topics).length > 0)
        throw new Error(`unknown topics ${unknownTopics(p.topics).join(', ')}`);
      for (const c of p.clauses) checkClauseInput(c);
      const published = await ctx.db.transaction().execute(async (trx) => {
        const id = await insertPolicy(trx, {
          code: p.code,
          title: p.title,
          department_id: dept.id,
          document_no: p.documentNo,
          issued_on: p.issuedOn,
          summary: p.summary,
          topics: p.topics,
          measure_nos: p.measureNos ?? [],
          demo: p.demo ?? true,
          created_by: null,
        });
        for (const [i, c] of p.clauses.entries()) {
          const clauseId = await insertClause(trx, id, {
            no: c.no ?? i + 1,
            title: c.title,
            citation: c.citation,
            subject: c.subject,
            mode: c.mode,
            rule: c.rule,
            benefit: c.benefit ?? null,
            effective_from: c.effectiveFrom,
            effective_to: c.effectiveTo ?? null,
          });
          await replaceTests(trx, clauseId, c.tests);
        }
        await reindexPolicy(trx, id);
        const blocker = await publicationBlocker(trx, id, today);
        if (blocker) ctx.logger.error({ code: p.code, detail: blocker.detail }, 'demo policy stays a draft');
        else await setPolicyStatus(trx, id, 'published', null, ctx.clock.now());
        await appendAudit(trx, systemOrigin(SEED_ACTOR), {
          action: 'policy.seeded',
          subjectType: 'policy',
          subjectId: id,
          detail: { code: p.code, published: !blocker },
        });
        return !blocker;
      });
      result.inserted += 1;
      if (published) result.published += 1;
    } catch (err) {
      // One bad entry must not stop the platform from starting; it is reported and retried on the next start.
      result.failed.push(p.code);
      ctx.logger.error(
        {
          err: err instanceof AppError ? { code: err.code, detail: err.detail, errors: err.errors } : err,
          code: p.code,
        },
        'demo policy not imported',
      );
    }
  }
  return result;
}
