/**
 * Who sees and does what in the action plan's supervision. Pure: decided from the actor and the measure's units.
 *
 * - Everyone (anonymous included) sees the plan, its measures, milestones, statuses and progress.
 * - Officials with `plan.read` also see internal material: progress reports with their evidence, and notices.
 * - A department reports (`plan.report`) only on measures it is a lead or responsible unit of; on any other
 *   measure it is told "not found".
 * - The leading-group office (`plan.supervise`) sees every notice; an officer only their department's.
 */
import type { Actor } from '../../kernel/policy.ts';
import type { UnitRole } from './action-plan.tables.ts';

export const PLAN_READ = 'plan.read';
export const PLAN_REPORT = 'plan.report';
export const PLAN_SUPERVISE = 'plan.supervise';

/** Units that report progress and may own milestones: 牵头单位 and 责任单位, not 集体范围. */
export function isReportingRole(role: UnitRole): boolean {
  return role === 'lead' || role === 'responsible';
}

/** Reports, evidence and notices are internal working material. */
export function canSeeInternalProgress(actor: Actor | undefined): boolean {
  return actor !== undefined && actor.permissions.has(PLAN_READ);
}

export interface UnitRef {
  role: UnitRole;
  departmentId: string | null;
}

/** The department the actor reports for on a measure with these units, or undefined ("not found"). */
export function reportingDepartmentOf(actor: Actor, units: readonly UnitRef[]): string | undefined {
  if (!actor.permissions.has(PLAN_REPORT) || actor.departmentId === null) return undefined;
  const own = actor.departmentId;
  return units.some((u) => u.departmentId === own && isReportingRole(u.role)) ? own : undefined;
}

export type NoticeScope = { kind: 'all' } | { kind: 'department'; departmentId: string } | { kind: 'none' };

export function noticeScope(actor: Actor): NoticeScope {
  if (actor.permissions.has(PLAN_SUPERVISE)) return { kind: 'all' };
  if (actor.permissions.has(PLAN_READ) && actor.departmentId !== null) {
    return { kind: 'department', departmentId: actor.departmentId };
  }
  return { kind: 'none' };
}

/** Evidence attached to a progress report may be downloaded by every official who may read the reports. */
export function mayReadEvidence(actor: Actor): boolean {
  return canSeeInternalProgress(actor);
}
