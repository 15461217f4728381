/**
 * Officer side: the department's work queue with working-day deadlines and overdue / due-soon marks, and the task
 * actions (claim, approve, reject, request a supplement). Another department's task is not found.
 */
import type { AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { findQueueRow, insertSupplement, listQueueRows, type QueueRow } from './applications.repository.ts';
import type { QueuePageDto, QueueQueryInput, QueueTaskDto } from './applications.schemas.ts';
import { getCatalogue, servicesSettings, type Catalogue } from './catalogue.service.ts';
import { canActOnTask } from './services.policy.ts';
import { OPEN_TASK_STATUSES, type TaskStatus, type WorkCalendarLike } from './services.workflow.ts';
import { runTransition, type WorkflowAuditAction } from './transition.ts';

const RUNNING: readonly TaskStatus[] = ['pending', 'claimed'];

function queueDto(
  r: QueueRow,
  c: Catalogue,
  today: string,
  cal: WorkCalendarLike,
  soon: number,
): QueueTaskDto {
  const running = RUNNING.includes(r.status);
  let remaining: number | null = null;
  if (r.status === 'supplement') remaining = r.remaining_workdays;
  else if (running && r.due_date) remaining = cal.workdaysBetween(today, r.due_date);
  const overdue = running && r.due_date !== null && r.due_date < today;
  return {
    id: r.id,
    key: r.key,
    itemCode: r.item_code,
    name: r.name,
    department: c.departments.get(r.department_id) ?? '',
    departmentId: r.department_id,
    dependsOn: r.depends_on,
    status: r.status,
    deadlineWorkdays: r.deadline_workdays,
    startedOn: r.started_on,
    dueDate: r.due_date,
    claimedBy: r.claimed_by_name,
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    comment: r.comment,
    pausedWorkdays: r.paused_workdays,
    applicationId: r.application_id,
    applicationNumber: r.number,
    bundleCode: r.bundle_code,
    bundleName: c.bundles.get(r.bundle_code)?.name ?? r.bundle_code,
    applicantName: r.applicant_name,
    remainingWorkdays: remaining,
    overdue,
    dueSoon: running && !overdue && remaining !== null && remaining <= soon,
    promise: r.promise,
    creditFlags: r.credit_flags,
  };
}

function departmentOf(actor: Actor): string {
  if (!actor.departmentId)
    throw new AppError('FORBIDDEN', 'Application tasks are open to department officers only.', {
      params: { reason: 'services-department-only' },
    });
  return actor.departmentId;
}

export async function listQueue(ctx: AppContext, actor: Actor, q: QueueQueryInput): Promise<QueuePageDto> {
  const departmentId = departmentOf(actor);
  const today = chinaDate(ctx.clock.now());
  const cal = await getWorkCalendar(ctx);
  const soon = servicesSettings().dueSoonWorkdays;
  let statuses: readonly TaskStatus[] =
    q.status === 'open'
      ? OPEN_TASK_STATUSES
      : q.status === 'done'
        ? ['approved', 'rejected', 'cancelled']
        : ['pending', 'claimed', 'supplement', 'approved', 'rejected', 'cancelled'];
  const filter: Parameters<typeof listQueueRows>[1] = { departmentId, statuses, bundleCode: q.bundleCode };
  if (q.due) {
    statuses = statuses.filter((s) => RUNNING.includes(s));
    filter.statuses = statuses;
    if (q.due === 'overdue') filter.overdueBefore = today;
    else filter.dueBetween = [today, cal.addWorkdays(today, soon)];
  }
  if (statuses.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const [page, c] = await Promise.all([listQueueRows(ctx.db, filter, q.page, q.pageSize), getCatalogue(ctx)]);
  return {
    items: page.items.map((r) => queueDto(r, c, today, cal, soon)),
    total: page.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function visibleTask(ctx: AppContext, actor: Actor, id: string): Promise<QueueRow> {
  const row = await findQueueRow(ctx.db, id);
  if (!row || !canActOnTask(actor, { departmentId: row.department_id })) {
    throw new AppError('NOT_FOUND', `No application task ${id}.`, {
      params: { reason: 'services-task', id },
    });
  }
  return row;
}

export async function getQueueTask(ctx: AppContext, actor: Actor, id: string): Promise<QueueTaskDto> {
  const row = await visibleTask(ctx, actor, id);
  const cal = await getWorkCalendar(ctx);
  return queueDto(
    row,
    await getCatalogue(ctx),
    chinaDate(ctx.clock.now()),
    cal,
    servicesSettings().dueSoonWorkdays,
  );
}

type TaskAction =
  | { type: 'claim' }
  | { type: 'approve'; comment?: string | undefined }
  | { type: 'reject'; reason: string }
  | { type: 'request_supplement'; reason: string; materials: string[] };

const AUDIT_ACTION: Record<TaskAction['type'], WorkflowAuditAction> = {
  claim: 'services.task_claimed',
  approve: 'services.task_approved',
  reject: 'services.task_rejected',
  request_supplement: 'services.supplement_requested',
};

export async function actOnTask(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  action: TaskAction,
  origin: AuditOrigin,
): Promise<QueueTaskDto> {
  const row = await visibleTask(ctx, actor, taskId);
  const catalogue = await getCatalogue(ctx);
  if (action.type === 'request_supplement') {
    const known = new Set(
      (catalogue.bundles.get(row.bundle_code)?.composed.materials ?? []).map((m) => m.code),
    );
    const unknown = action.materials.findIndex((m) => !known.has(m));
    if (unknown >= 0) {
      const material = action.materials[unknown] ?? '';
      throw new AppError('VALIDATION_FAILED', `Unknown material: ${material}`, {
        params: { reason: 'services-material-unknown', material },
        errors: [
          {
            field: `/body/materials/${unknown}`,
            rule: 'exists',
            message: 'not a material of this bundle',
            params: { value: material },
          },
        ],
      });
    }
  }
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const cal = await getWorkCalendar(ctx);
  const comment =
    action.type === 'approve'
      ? (action.comment?.trim() ?? null)
      : action.type === 'reject' || action.type === 'request_supplement'
        ? action.reason.trim()
        : undefined;
  await ctx.db.transaction().execute(async (trx) => {
    // Written first: a refused transition rolls it back, and the audit append stays the last statement.
    if (action.type === 'request_supplement') {
      await insertSupplement(trx, {
        application_id: row.application_id,
        task_id: row.id,
        requested_at: now,
        requested_by: actor.userId,
        reason: action.reason.trim(),
        materials: action.materials,
      });
    }
    await runTransition(trx, {
      applicationId: row.application_id,
      cmd: { type: action.type, key: row.key, actorId: actor.userId },
      today,
      now,
      cal,
      catalogue,
      actorName: `${catalogue.departments.get(row.department_id) ?? ''} ${actor.displayName}`.trim(),
      origin,
      action: AUDIT_ACTION[action.type],
      ...(comment !== undefined ? { comment: comment || null } : {}),
      actor: { userId: actor.userId, displayName: actor.displayName },
    });
  });
  return getQueueTask(ctx, actor, taskId);
}
