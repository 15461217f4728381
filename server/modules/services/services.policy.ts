/**
 * Who sees which application, pure. The applicant (and other accounts of the same enterprise) see their own; an
 * officer sees an application only while their department has a task in it, and acts only on their department's
 * tasks; the leading-group office (services.read) sees everything. "Not yours" is reported as not found.
 */
import { can, type Actor } from '../../kernel/policy.ts';

export interface ApplicationAccessFacts {
  applicantId: string;
  enterpriseId: string | null;
  taskDepartmentIds: readonly string[];
}

export function isApplicant(
  actor: Actor,
  app: Pick<ApplicationAccessFacts, 'applicantId' | 'enterpriseId'>,
): boolean {
  if (!can(actor, 'services.apply')) return false;
  if (app.applicantId === actor.userId) return true;
  return actor.enterpriseId !== null && app.enterpriseId === actor.enterpriseId;
}

export function canSeeApplication(actor: Actor, app: ApplicationAccessFacts): boolean {
  if (isApplicant(actor, app)) return true;
  if (can(actor, 'services.read')) return true;
  return (
    can(actor, 'services.process') &&
    actor.departmentId !== null &&
    app.taskDepartmentIds.includes(actor.departmentId)
  );
}

export function canActOnTask(actor: Actor, task: { departmentId: string }): boolean {
  return (
    can(actor, 'services.process') && actor.departmentId !== null && actor.departmentId === task.departmentId
  );
}
