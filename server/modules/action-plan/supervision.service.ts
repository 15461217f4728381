/**
 * Supervision (督办): the daily sweep that turns overdue milestones and missing progress reports into reminders and,
 * after `plan.escalation_workdays` working days, 督办单 (escalations) — and the leading-group dashboard that shows
 * the same picture.
 *
 * Each notice is a `supervision_notice` row with a unique dedupe key, written together with its in-app
 * notifications and its audit entry in one transaction; the row is inserted first and only the run that inserted
 * it notifies and audits, so a second run — or two workers at once — adds nothing.
 *
 * Recipients: a reminder goes to the responsible department. An escalation goes to the responsible department,
 * to the leading-group office's department (code LGO) and to every active leading-group office account
 * individually — the notification centre shows department notifications to officers only, and the office's
 * accounts are of kind `office`.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { findDepartmentByCode, listActiveUserIdsByKind } from '../identity/index.ts';
import { notifyDepartment, notifyUser } from '../notifications/index.ts';
import type { MeasureStatus, PlanRow } from './action-plan.tables.ts';
import { listKpis } from './kpi.service.ts';
import { loadPlanSnapshot, type PlanSnapshot } from './measure-status.service.ts';
import { loadDepartments } from './measure-views.service.ts';
import type { DashboardDto, DepartmentRef } from './measures.schemas.ts';
import { insertNoticeOnce, listOpenEscalationKeys } from './notices.repository.ts';
import { findCurrentPlan, listParts, listSections } from './plan.repository.ts';
import { summariseStates } from './plan-import.service.ts';

/** The leading-group office's department code (config/departments.json). */
export const LEADING_GROUP_OFFICE_CODE = 'LGO';

type Reason = 'milestone_overdue' | 'report_missing';
type Kind = 'reminder' | 'escalation';

/** Something overdue today, found in the plan's derived state. */
export interface OverdueItem {
  reason: Reason;
  measureId: string;
  measureNo: number;
  measureTitle: string;
  milestoneId: string | null;
  milestoneTitle: string | null;
  departmentId: string;
  period: string | null;
  dueOn: string;
  overdueWorkdays: number;
  /** `milestone:<id>` or `report:<measureId>:<departmentId>:<period>`; a notice's dedupe key is `<kind>:<key>`. */
  key: string;
}

/** Every open milestone past its deadline and every missing report, most overdue first. */
export function findOverdueItems(snapshot: PlanSnapshot): OverdueItem[] {
  const items: OverdueItem[] = [];
  for (const m of snapshot.measures) {
    const e = snapshot.evaluations.get(m.id);
    if (!e) continue;
    for (const ms of snapshot.milestones.get(m.id) ?? []) {
      const state = e.milestones.get(ms.id);
      if (state?.status !== 'lagging') continue;
      items.push({
        reason: 'milestone_overdue',
        measureId: m.id,
        measureNo: m.no,
        measureTitle: m.title,
        milestoneId: ms.id,
        milestoneTitle: ms.title,
        departmentId: ms.owner_department_id,
        period: null,
        dueOn: ms.due_on,
        overdueWorkdays: state.overdueWorkdays,
        key: `milestone:${ms.id}`,
      });
    }
    for (const u of e.units) {
      if (!u.missing || !u.reportDue) continue;
      items.push({
        reason: 'report_missing',
        measureId: m.id,
        measureNo: m.no,
        measureTitle: m.title,
        milestoneId: null,
        milestoneTitle: null,
        departmentId: u.departmentId,
        period: u.reportDue.period,
        dueOn: u.reportDue.dueOn,
        overdueWorkdays: u.reportDue.overdueWorkdays,
        key: `report:${m.id}:${u.departmentId}:${u.reportDue.period}`,
      });
    }
  }
  return items.sort((a, b) => b.overdueWorkdays - a.overdueWorkdays || a.measureNo - b.measureNo);
}

function clip(s: string, max: number): string {
  return [...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s;
}

function message(
  kind: Kind,
  item: OverdueItem,
  department: DepartmentRef | undefined,
  escalationWorkdays: number,
): { title: string; body: string } {
  const what =
    item.reason === 'milestone_overdue'
      ? `节点「${clip(item.milestoneTitle ?? '', 60)}」`
      : `${item.period ?? ''} 进展报告`;
  const measure = `措施 ${item.measureNo}「${clip(item.measureTitle, 40)}」`;
  const late =
    item.reason === 'milestone_overdue'
      ? `应于 ${item.dueOn} 完成，已逾期 ${item.overdueWorkdays} 个工作日`
      : `应于 ${item.dueOn} 前报送，已逾期 ${item.overdueWorkdays} 个工作日未报`;
  if (kind === 'reminder') {
    return {
      title: `【提醒】${measure}${what}逾期`,
      body:
        `${measure}的${what}${late}。请尽快处理` +
        (item.reason === 'milestone_overdue' ? '，完成后在进展报告中勾选该节点。' : '并报送进展。') +
        `逾期满 ${escalationWorkdays} 个工作日将生成督办单报领导小组办公室。`,
    };
  }
  return {
    title: `【督办单】${measure}${what}`,
    body: `${department?.name ?? '责任单位'}负责的${measure}${what}${late}，现予督办，请限期办结并报送进展。`,
  };
}

interface Recipients {
  officeDepartmentId: string | null;
  officeUserIds: string[];
  departments: Map<string, DepartmentRef>;
}

/** Raises one notice of `kind` for `item` unless it exists; returns whether it was new. */
async function raiseNotice(
  ctx: AppContext,
  plan: PlanRow,
  kind: Kind,
  item: OverdueItem,
  to: Recipients,
  origin: AuditOrigin,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const noticeId = await insertNoticeOnce(trx, {
      kind,
      reason: item.reason,
      measure_id: item.measureId,
      milestone_id: item.milestoneId,
      department_id: item.departmentId,
      period: item.period,
      due_on: item.dueOn,
      overdue_workdays: item.overdueWorkdays,
      dedupe_key: `${kind}:${item.key}`,
      created_at: ctx.clock.now(),
    });
    if (!noticeId) return false;
    const content = {
      ...message(kind, item, to.departments.get(item.departmentId), plan.escalation_workdays),
      link: `/action-plan/measures/${item.measureNo}`,
      category: `action-plan.${kind}`,
    };
    const dedupe = (who: string) => `action-plan:notice:${noticeId}:${who}`;
    await notifyDepartment(trx, {
      ...content,
      departmentId: item.departmentId,
      dedupeKey: dedupe('department'),
    });
    if (kind === 'escalation') {
      if (to.officeDepartmentId && to.officeDepartmentId !== item.departmentId) {
        await notifyDepartment(trx, {
          ...content,
          departmentId: to.officeDepartmentId,
          dedupeKey: dedupe('office'),
        });
      }
      for (const userId of to.officeUserIds) {
        await notifyUser(trx, { ...content, userId, dedupeKey: dedupe(`user:${userId}`) });
      }
    }
    await appendAudit(trx, origin, {
      action: kind === 'reminder' ? 'plan.reminder_sent' : 'plan.escalated',
      subjectType: 'supervision_notice',
      subjectId: noticeId,
      detail: {
        planCode: plan.code,
        reason: item.reason,
        measureNo: item.measureNo,
        milestoneId: item.milestoneId,
        departmentId: item.departmentId,
        period: item.period,
        dueOn: item.dueOn,
        overdueWorkdays: item.overdueWorkdays,
        dedupeKey: `${kind}:${item.key}`,
      },
    });
    return true;
  });
}

export interface SupervisionResult {
  plan: string | null;
  overdue: number;
  reminders: number;
  escalations: number;
}

/**
 * The daily sweep over the plan in force (a superseded plan is no longer supervised): one reminder per overdue
 * item, and one 督办单 once it is `escalation_workdays` working days overdue. Idempotent: notices are deduplicated
 * by key, so running it again the same day creates nothing.
 */
/** `origin`: the supervise job's system actor. */
export async function runSupervision(ctx: AppContext, origin: AuditOrigin): Promise<SupervisionResult> {
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) return { plan: null, overdue: 0, reminders: 0, escalations: 0 };
  const [office, officeUserIds, departments, snapshot] = await Promise.all([
    findDepartmentByCode(ctx.db, LEADING_GROUP_OFFICE_CODE),
    listActiveUserIdsByKind(ctx.db, 'office'),
    loadDepartments(ctx.db),
    loadPlanSnapshot(ctx, plan),
  ]);
  if (!office) {
    ctx.logger.warn(
      'action-plan.supervise: no department with code LGO; escalations reach office accounts only',
    );
  }
  const to: Recipients = { officeDepartmentId: office?.id ?? null, officeUserIds, departments };
  const items = findOverdueItems(snapshot);
  const result: SupervisionResult = { plan: plan.code, overdue: items.length, reminders: 0, escalations: 0 };
  for (const item of items) {
    if (await raiseNotice(ctx, plan, 'reminder', item, to, origin)) result.reminders++;
    if (
      item.overdueWorkdays >= plan.escalation_workdays &&
      (await raiseNotice(ctx, plan, 'escalation', item, to, origin))
    ) {
      result.escalations++;
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Leading-group dashboard

/** Counts per status and mean progress, with the same rule as the plan overview's summary (one decimal). */
function rollup(states: readonly { status: MeasureStatus; progress: number }[]): Rollup {
  return summariseStates(states);
}

type Rollup = ReturnType<typeof summariseStates>;

/** Mean to one decimal, as summariseStates rounds averageProgress. */
function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

/**
 * Progress by part, section and department, the overdue list and the KPIs. averageProgress is the mean of the
 * measures' progress, to one decimal (as in GET /api/action-plan); a department's is the mean of its own latest
 * percent over the measures it reports on (0 where it has not reported).
 */
export async function getDashboard(ctx: AppContext): Promise<DashboardDto> {
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) {
    return { summary: rollup([]), byPart: [], bySection: [], byDepartment: [], overdue: [], kpis: [] };
  }
  const [snapshot, departments, parts, sections, escalations, kpis] = await Promise.all([
    loadPlanSnapshot(ctx, plan),
    loadDepartments(ctx.db),
    listParts(ctx.db, plan.id),
    listSections(ctx.db, plan.id),
    listOpenEscalationKeys(ctx.db, plan.id),
    listKpis(ctx, plan.id),
  ]);
  const stateOf = (measureId: string) => {
    const e = snapshot.evaluations.get(measureId);
    return { status: e?.status ?? ('not_started' as const), progress: e?.progress ?? 0 };
  };
  const partNo = new Map(parts.map((p) => [p.id, p.ordinal]));

  const items = findOverdueItems(snapshot);
  const perDepartment = new Map<
    string,
    {
      states: { status: MeasureStatus; progress: number }[];
      own: number[];
      overdueMilestones: number;
      missing: number;
    }
  >();
  const entry = (id: string) => {
    let d = perDepartment.get(id);
    if (!d) perDepartment.set(id, (d = { states: [], own: [], overdueMilestones: 0, missing: 0 }));
    return d;
  };
  for (const m of snapshot.measures) {
    const e = snapshot.evaluations.get(m.id);
    for (const u of e?.units ?? []) {
      const d = entry(u.departmentId);
      d.states.push(stateOf(m.id));
      d.own.push(u.latest?.percent ?? 0);
    }
  }
  for (const item of items) {
    const d = entry(item.departmentId);
    if (item.reason === 'milestone_overdue') d.overdueMilestones++;
    else d.missing++;
  }
  const ref = (id: string): DepartmentRef => departments.get(id) ?? { id, code: '', name: '' };

  return {
    summary: rollup(snapshot.measures.map((m) => stateOf(m.id))),
    byPart: parts.map((p) => ({
      no: p.ordinal,
      label: p.label,
      title: p.title,
      ...rollup(snapshot.measures.filter((m) => m.part_id === p.id).map((m) => stateOf(m.id))),
    })),
    bySection: sections.map((s) => ({
      no: s.ordinal,
      label: s.label,
      title: s.title,
      partNo: partNo.get(s.part_id) ?? 0,
      ...rollup(snapshot.measures.filter((m) => m.section_id === s.id).map((m) => stateOf(m.id))),
    })),
    byDepartment: [...perDepartment.entries()]
      .map(([id, d]) => ({
        ...ref(id),
        ...rollup(d.states),
        averageProgress: mean(d.own),
        overdueMilestones: d.overdueMilestones,
        missingReports: d.missing,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    overdue: items.map((item) => ({
      kind: item.reason === 'milestone_overdue' ? ('milestone' as const) : ('report' as const),
      measureNo: item.measureNo,
      measureTitle: item.measureTitle,
      milestoneId: item.milestoneId,
      title: item.milestoneTitle ?? `${item.period ?? ''} 进展报告`,
      department: ref(item.departmentId),
      dueOn: item.dueOn,
      overdueWorkdays: item.overdueWorkdays,
      escalated: escalations.has(`escalation:${item.key}`),
    })),
    kpis,
  };
}
