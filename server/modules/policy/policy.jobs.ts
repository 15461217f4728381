import type { AppContext } from '../../kernel/context.ts';
import { systemOrigin } from '../../kernel/audit.ts';
import { defineJob, type JobDefinition } from '../../kernel/jobs/jobs.ts';
import { matchAll, matchEnterprise } from './matching.service.ts';
import { notifyNewMatches } from './notify.service.ts';
import { completeGrantList } from './grants.service.ts';
import {
  BUILD_GRANT_LIST_JOB,
  BuildGrantListPayload,
  MATCH_ALL_JOB,
  MATCH_ENTERPRISE_JOB,
  MatchAllPayload,
  MatchEnterprisePayload,
  NOTIFY_JOB,
} from './queue.ts';
import { Type } from 'typebox';

/**
 * Re-match of every enterprise against every effective clause (queued on publish / change / withdraw; nightly at
 * 02:30 China time so effective dates take hold), then 直达 notifications for the new matches. Idempotent: the
 * matcher upserts, the notifier marks what it sent.
 */
export function matchAllJob(ctx: AppContext) {
  return defineJob({
    id: MATCH_ALL_JOB,
    description: '政策匹配：全部企业 × 全部有效条款，并推送新匹配（惠企政策直达）',
    payload: MatchAllPayload,
    schedule: '30 2 * * *',
    policy: 'stately',
    retryLimit: 2,
    async handler(payload, run) {
      const matched = await matchAll(ctx, payload.clauseIds ? { clauseIds: payload.clauseIds } : {});
      run.progress(80, `${matched.matches} matches, ${matched.newMatches} new`);
      const notified = await notifyNewMatches(ctx);
      return { ...matched, ...notified };
    },
  });
}

/** Re-match of one enterprise after its facts changed (when the inline re-match could not run). */
export function matchEnterpriseJob(ctx: AppContext) {
  return defineJob({
    id: MATCH_ENTERPRISE_JOB,
    description: '政策匹配：单个企业（企业事实变化后）',
    payload: MatchEnterprisePayload,
    policy: 'stately',
    async handler(payload) {
      const matched = await matchEnterprise(ctx, payload.enterpriseId);
      const notified = await notifyNewMatches(ctx, { enterpriseId: payload.enterpriseId });
      return { ...matched, ...notified };
    },
  });
}

/** Every 2 minutes: new matches not yet told become in-app notifications (sends nothing twice). */
export function notifyMatchesJob(ctx: AppContext) {
  return defineJob({
    id: NOTIFY_JOB,
    description: '惠企政策直达：新匹配推送给企业用户（按订阅主题）',
    payload: Type.Object({}),
    schedule: '*/2 * * * *',
    policy: 'stately',
    async handler() {
      return { ...(await notifyNewMatches(ctx)) };
    },
  });
}

/** Completes a large 免申即享 grant list: credit check and amount per enterprise (idempotent). */
export function buildGrantListJob(ctx: AppContext) {
  const job = defineJob({
    id: BUILD_GRANT_LIST_JOB,
    description: '免申即享：生成兑现名单（逐户信用核查、计算金额）',
    payload: BuildGrantListPayload,
    policy: 'stately',
    retryLimit: 2,
    async handler(payload): Promise<Record<string, unknown>> {
      // The list's audit entry is the job's own (system:<job id>), not a user's.
      return (await completeGrantList(ctx, payload.listId, systemOrigin(job.actor))) ?? { skipped: true };
    },
  });
  return job;
}

export function policyJobs(ctx: AppContext): JobDefinition[] {
  return [matchAllJob(ctx), matchEnterpriseJob(ctx), notifyMatchesJob(ctx), buildGrantListJob(ctx)];
}
