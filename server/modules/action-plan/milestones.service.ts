/**
 * Milestones (节点) set by the leading-group office: create, change, delete. A milestone is completed by a progress
 * report (progress-reports.service), never here.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { findDepartmentByCode } from '../identity/index.ts';
import { isReportingRole, PLAN_SUPERVISE } from './action-plan.policy.ts';
import { departmentRef, loadDepartments } from './measure-views.service.ts';
import { findMeasureRowByNo, listUnitRows } from './measures.repository.ts';
import type {
  DepartmentRef,
  MilestoneCreateInput,
  MilestoneDto,
  MilestoneUpdateInput,
} from './measures.schemas.ts';
import { measureNotFound, noPlan } from './measures.service.ts';
import {
  deleteOpenMilestone,
  findMilestoneRow,
  insertMilestone,
  updateOpenMilestone,
} from './milestones.repository.ts';
import { countMilestoneNotices, supersedeMilestoneNotices } from './notices.repository.ts';
import { findCurrentPlan, findPlan } from './plan.repository.ts';
import { listLastReportTimes } from './reports.repository.ts';
import { milestoneState } from './status.ts';

function assertSupervisor(actor: Actor): void {
  if (!actor.permissions.has(PLAN_SUPERVISE)) {
    throw new AppError('FORBIDDEN', `Permission ${PLAN_SUPERVISE} required.`, {
      params: { permission: PLAN_SUPERVISE },
      extra: { permission: PLAN_SUPERVISE },
    });
  }
}

function milestoneNotFound(): AppError {
  return new AppError('NOT_FOUND', 'Milestone not found.', { params: { reason: 'plan-milestone' } });
}

function milestoneCompleted(): AppError {
  return new AppError(
    'PLAN_MILESTONE_COMPLETED',
    'A completed milestone can no longer be changed or deleted.',
  );
}

/**
 * A due date must fall in or after the first year the working-day calendar has (overdue days are counted with it);
 * a later year need not be loaded yet — it is only counted once it has passed.
 */
async function assertDueOnCountable(ctx: AppContext, dueOn: string): Promise<void> {
  const years = (await getWorkCalendar(ctx)).loadedYears();
  if (years.length === 0) return;
  const first = Math.min(...years);
  if (Number(dueOn.slice(0, 4)) < first) {
    throw new AppError('VALIDATION_FAILED', `The due date cannot be before ${first}.`, {
      params: { reason: 'plan-milestone-due-before-calendar', firstYear: first },
      errors: [
        {
          field: '/body/dueOn',
          rule: 'calendar_range',
          message: `must be in ${first} or later`,
          params: { firstYear: first },
        },
      ],
    });
  }
}

/** The owner must be a lead or responsible unit of the measure; returns its department. */
async function ownerOf(
  ctx: AppContext,
  planId: string,
  measureId: string,
  code: string,
): Promise<DepartmentRef> {
  const [dept, units] = await Promise.all([
    findDepartmentByCode(ctx.db, code),
    listUnitRows(ctx.db, planId, [measureId]),
  ]);
  if (!dept || !units.some((u) => u.department_id === dept.id && isReportingRole(u.role))) {
    throw new AppError(
      'PLAN_MILESTONE_OWNER_NOT_UNIT',
      `${code} is not a lead or responsible unit of this measure.`,
      {
        params: { code },
        errors: [
          {
            field: '/body/ownerDepartmentCode',
            rule: 'reporting_unit',
            message: 'must be the code of a lead or responsible unit of the measure',
          },
        ],
      },
    );
  }
  return dept;
}

async function milestoneResult(ctx: AppContext, planId: string, id: string): Promise<MilestoneDto> {
  const plan = await findPlan(ctx.db, planId);
  const row = await findMilestoneRow(ctx.db, id);
  if (!plan || !row) throw milestoneNotFound();
  const [calendar, lastReportAt, departments] = await Promise.all([
    getWorkCalendar(ctx),
    listLastReportTimes(ctx.db, plan.id),
    loadDepartments(ctx.db),
  ]);
  const state = milestoneState(
    calendar,
    {
      id: row.id,
      dueOn: row.due_on,
      createdAt: new Date(row.created_at).getTime(),
      completedAt: row.completed_at ? new Date(row.completed_at).getTime() : null,
    },
    chinaDate(ctx.clock.now()),
    lastReportAt.get(row.measure_id)?.getTime() ?? null,
  );
  return {
    id: row.id,
    measureNo: row.measure_no,
    title: row.title,
    description: row.description,
    dueOn: row.due_on,
    ownerDepartment: departmentRef(departments, row.owner_department_id),
    status: state.status,
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
    overdueWorkdays: state.overdueWorkdays,
  };
}

export async function createMilestone(
  ctx: AppContext,
  actor: Actor,
  no: number,
  input: MilestoneCreateInput,
  origin: AuditOrigin,
): Promise<MilestoneDto> {
  assertSupervisor(actor);
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) throw noPlan();
  const measure = await findMeasureRowByNo(ctx.db, plan.id, no);
  if (!measure) throw measureNotFound(no);
  await assertDueOnCountable(ctx, input.dueOn);
  const owner = await ownerOf(ctx, plan.id, measure.id, input.ownerDepartmentCode);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const milestoneId = await insertMilestone(trx, {
      measure_id: measure.id,
      title: input.title.trim(),
      description: input.description ?? '',
      due_on: input.dueOn,
      owner_department_id: owner.id,
      created_by: actor.userId,
      created_at: ctx.clock.now(),
    });
    await appendAudit(trx, origin, {
      action: 'plan.milestone_created',
      subjectType: 'milestone',
      subjectId: milestoneId,
      detail: {
        planCode: plan.code,
        measureNo: no,
        title: input.title.trim(),
        dueOn: input.dueOn,
        owner: owner.code,
      },
    });
    return milestoneId;
  });
  return milestoneResult(ctx, plan.id, id);
}

/**
 * Changes an open milestone. Moving its due date or its owner answers the notices it had: they are resolved and
 * their dedupe keys freed, so the milestone is reminded again if it falls behind under the new terms.
 */
export async function updateMilestone(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: MilestoneUpdateInput,
  origin: AuditOrigin,
): Promise<MilestoneDto> {
  assertSupervisor(actor);
  const before = await findMilestoneRow(ctx.db, id);
  if (!before) throw milestoneNotFound();
  if (before.completed_at !== null) throw milestoneCompleted();
  await assertDueOnCountable(ctx, input.dueOn);
  const owner = await ownerOf(ctx, before.plan_id, before.measure_id, input.ownerDepartmentCode);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateOpenMilestone(trx, id, {
      title: input.title.trim(),
      description: input.description,
      due_on: input.dueOn,
      owner_department_id: owner.id,
    });
    if (!updated) throw milestoneCompleted();
    const reset = before.due_on !== input.dueOn || before.owner_department_id !== owner.id;
    const superseded = reset ? await supersedeMilestoneNotices(trx, id, ctx.clock.now()) : [];
    await appendAudit(trx, origin, {
      action: 'plan.milestone_updated',
      subjectType: 'milestone',
      subjectId: id,
      detail: {
        measureNo: before.measure_no,
        before: {
          title: before.title,
          description: before.description,
          dueOn: before.due_on,
          ownerDepartmentId: before.owner_department_id,
        },
        after: {
          title: input.title.trim(),
          description: input.description,
          dueOn: input.dueOn,
          owner: owner.code,
        },
        supersededNoticeIds: superseded,
      },
    });
  });
  return milestoneResult(ctx, before.plan_id, id);
}

/** Deletes an open milestone (its notices go with it; the audit log keeps the record of each). */
export async function deleteMilestone(
  ctx: AppContext,
  actor: Actor,
  id: string,
  origin: AuditOrigin,
): Promise<void> {
  assertSupervisor(actor);
  const row = await findMilestoneRow(ctx.db, id);
  if (!row) throw milestoneNotFound();
  if (row.completed_at !== null) throw milestoneCompleted();
  await ctx.db.transaction().execute(async (trx) => {
    const notices = await countMilestoneNotices(trx, id);
    if (!(await deleteOpenMilestone(trx, id))) throw milestoneCompleted();
    await appendAudit(trx, origin, {
      action: 'plan.milestone_deleted',
      subjectType: 'milestone',
      subjectId: id,
      detail: {
        measureNo: row.measure_no,
        title: row.title,
        dueOn: row.due_on,
        ownerDepartmentId: row.owner_department_id,
        noticesDeleted: notices,
      },
    });
  });
}
