/**
 * Runs one workflow command inside the caller's transaction: asks the pure workflow, writes the new or changed
 * tasks and status, the timeline, the results (when the application completes), the notice (when one starts),
 * the audit entry and the notifications. Every state change of an application goes through here, submission
 * included (`submit` from the draft: the rows are inserted instead of updated).
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { notifyDepartment, notifyUser } from '../notifications/index.ts';
import {
  findApplication,
  insertApplication,
  insertEvents,
  insertResults,
  insertTasks,
  tasksOf,
  updateApplication,
  updateTask,
} from './applications.repository.ts';
import type { Catalogue, CatalogueBundle } from './catalogue.service.ts';
import { addCalendarDays } from './deadlines.ts';
import { insertNotice, noticeOf } from './notices.repository.ts';
import type { ApplicationRow, CreditFlag, SubmittedMaterial, TaskRow } from './services.tables.ts';
import {
  decide,
  draftState,
  estimateDueDate,
  type Command,
  type Refusal,
  type WfApplication,
  type WfEvent,
  type WfSubmitted,
  type WorkCalendarLike,
} from './services.workflow.ts';

export function toWf(
  app: ApplicationRow,
  tasks: readonly TaskRow[],
  notice: WfApplication['notice'],
  kind: WfApplication['kind'],
): WfApplication {
  return {
    kind,
    status: app.status,
    notice,
    tasks: tasks.map((t) => ({
      key: t.key,
      status: t.status,
      dependsOn: t.depends_on,
      deadlineWorkdays: t.deadline_workdays,
      startedOn: t.started_on,
      dueDate: t.due_date,
      remainingWorkdays: t.remaining_workdays,
      pausedOn: t.paused_on,
      pausedWorkdays: t.paused_workdays,
      claimedBy: t.claimed_by,
    })),
  };
}

/**
 * The application's expected completion date, or null when the estimate reaches a year whose working-day
 * schedule is not loaded yet (an estimate is not a deadline: unknown is said, never guessed).
 */
export function estimateOrNull(app: WfApplication, today: string, cal: WorkCalendarLike): string | null {
  try {
    return estimateDueDate(app, today, cal);
  } catch (err) {
    if (err instanceof AppError && err.code === 'CALENDAR_YEAR_NOT_LOADED') return null;
    throw err;
  }
}

export function refusalError(r: Refusal): AppError {
  switch (r.reason) {
    case 'unknown_task':
      return new AppError('NOT_FOUND', `No task ${r.key} in this application.`, {
        params: { reason: 'services-application-task', key: r.key },
      });
    case 'wrong_state':
      return new AppError('SERVICES_TASK_STATE', `A task in status ${r.status} does not allow ${r.action}.`, {
        params: { status: r.status, action: r.action },
        extra: { status: r.status, action: r.action },
      });
    case 'not_claimer':
      return new AppError(
        'SERVICES_TASK_NOT_CLAIMER',
        'Another officer has claimed the task; only the claimer can act on it.',
        {
          extra: { claimed: true },
        },
      );
    case 'application_closed':
      return new AppError(
        'SERVICES_APPLICATION_CLOSED',
        `The application is already finished (${r.status}).`,
        {
          params: { status: r.status },
          extra: { status: r.status },
        },
      );
  }
}

const EVENT_TEXT: Record<WfEvent['type'], string> = {
  submitted: '已提交',
  notice_started: '简易注销公示开始',
  task_started: '开始办理',
  task_claimed: '已认领',
  task_approved: '办理通过',
  task_rejected: '不予办理',
  task_cancelled: '已取消',
  supplement_requested: '要求补正材料',
  supplement_answered: '已补正材料',
  notice_objected: '公示期内收到异议，简易注销终止',
  notice_ended: '公示期满无异议',
  application_status: '办件状态变更',
};

const STATUS_TEXT: Record<string, string> = {
  submitted: '已提交',
  in_progress: '办理中',
  supplement: '待补正',
  completed: '已办结',
  rejected: '不予办理',
  notice: '公示中',
  objected: '公示异议',
};

/** What an application is submitted with: the rows `submit` creates are made of it. */
export interface SubmissionDraft {
  number: string;
  bundle: CatalogueBundle;
  applicantId: string;
  applicantName: string;
  enterpriseId: string | null;
  form: Record<string, unknown>;
  materials: SubmittedMaterial[];
  promise: boolean;
  creditFlags: CreditFlag[];
  /** Who a simple deregistration's public notice names, and for how many calendar days it runs. */
  notice: { enterpriseName: string; uscc: string; days: number } | null;
}

interface TransitionCommon {
  today: string;
  now: Date;
  cal: WorkCalendarLike;
  catalogue: Catalogue;
  actorName: string;
  origin: AuditOrigin;
  /** Audit action name, e.g. `services.task_approved`. */
  action: WorkflowAuditAction;
  /** Free text for the task's comment (approve comment, reject reason, supplement reason). */
  comment?: string | null;
  /** The acting user (claim). */
  actor?: { userId: string; displayName: string };
}

/** The audit actions a workflow command is recorded under (declared in the module's manifest). */
export type WorkflowAuditAction =
  | 'services.application_submitted'
  | 'services.task_claimed'
  | 'services.task_approved'
  | 'services.task_rejected'
  | 'services.supplement_requested'
  | 'services.supplement_answered'
  | 'services.notice_objected'
  | 'services.notice_ended';

/** What a workflow audit entry records: the submission, or the command with the status change and events. */
export type WorkflowAuditDetail =
  | {
      number: string;
      bundle: string;
      promise: boolean;
      creditFlags: string[];
      tasks: number;
      status: string;
    }
  | {
      number: string;
      command: string;
      task?: string;
      from: string;
      to: string;
      events: string[];
    };

export type TransitionInput = TransitionCommon &
  (
    | { applicationId: string; cmd: Exclude<Command, { type: 'submit' }> }
    | {
        cmd: { type: 'submit' };
        draft: SubmissionDraft;
        /** Runs once the rows exist, before the timeline and the audit (attach files, record commitments). */
        onCreated?: (app: ApplicationRow) => Promise<void>;
      }
  );

export interface TransitionResult {
  applicationId: string;
  status: WfSubmitted['status'];
  events: WfEvent[];
}

/** Loads a stored application and its workflow state, the application locked until commit. */
async function load(trx: Db, applicationId: string, catalogue: Catalogue) {
  const app = await findApplication(trx, applicationId, true);
  if (!app)
    throw new AppError('NOT_FOUND', `No application ${applicationId}.`, {
      params: { reason: 'services-application', id: applicationId },
    });
  const bundle = catalogue.bundles.get(app.bundle_code);
  const kind = bundle?.kind ?? 'standard';
  const tasks = await tasksOf(trx, app.id);
  const notice = kind === 'simple_deregistration' ? await noticeOf(trx, app.id) : undefined;
  return { app, tasks, bundle, before: toWf(app, tasks, notice?.status ?? null, kind) };
}

/** Inserts a submitted application: its row, its tasks in the state `submit` left them, and its notice. */
async function create(
  trx: Db,
  draft: SubmissionDraft,
  after: WfSubmitted,
  input: TransitionCommon,
): Promise<{ app: ApplicationRow; tasks: TaskRow[] }> {
  const { now, today, cal } = input;
  const app = await insertApplication(trx, {
    number: draft.number,
    bundle_code: draft.bundle.code,
    applicant_id: draft.applicantId,
    applicant_name: draft.applicantName,
    enterprise_id: draft.enterpriseId,
    status: after.status,
    form: JSON.stringify(draft.form),
    materials: JSON.stringify(draft.materials),
    promise: draft.promise,
    credit_flags: JSON.stringify(draft.creditFlags),
    paper: draft.materials.some((m) => 'paper' in m),
    submitted_at: now,
    submitted_on: today,
    due_date: estimateOrNull(after, today, cal),
  });
  const tasks = await insertTasks(
    trx,
    draft.bundle.composed.tasks.map((task, ord) => {
      const w = after.tasks[ord]!;
      return {
        application_id: app.id,
        key: task.key,
        item_code: task.itemCode,
        name: task.name,
        department_id: task.departmentId,
        depends_on: task.dependsOn,
        ord,
        status: w.status,
        deadline_workdays: task.deadlineWorkdays,
        started_on: w.startedOn,
        due_date: w.dueDate,
        remaining_workdays: null,
        paused_on: null,
      };
    }),
  );
  if (after.notice === 'running' && draft.notice) {
    await insertNotice(trx, {
      application_id: app.id,
      enterprise_name: draft.notice.enterpriseName,
      uscc: draft.notice.uscc,
      starts_on: today,
      ends_on: addCalendarDays(today, draft.notice.days - 1),
    });
  }
  return { app, tasks };
}

export async function runTransition(trx: Db, input: TransitionInput): Promise<TransitionResult> {
  const { now, today, cal, catalogue } = input;
  const submit = input.cmd.type === 'submit' && 'draft' in input ? input : undefined;
  let app: ApplicationRow;
  let tasks: TaskRow[];
  let bundle: CatalogueBundle | undefined;
  let before: WfApplication;
  if (submit) {
    bundle = submit.draft.bundle;
    before = draftState(bundle.kind, bundle.composed.tasks);
  } else {
    if (!('applicationId' in input)) throw new Error('a transition needs an application or a draft');
    ({ app, tasks, bundle, before } = await load(trx, input.applicationId, catalogue));
  }
  const d = decide(before, input.cmd, { today, cal });
  if (!d.ok) throw refusalError(d.refusal);
  const after = d.app;
  const cmdKey = 'key' in input.cmd ? input.cmd.key : null;

  if (submit) {
    ({ app, tasks } = await create(trx, submit.draft, after, input));
    await submit.onCreated?.(app);
  } else {
    ({ app, tasks } = await update(trx, app!, tasks!, before, after, input, cmdKey));
  }
  const byKey = new Map(tasks.map((x) => [x.key, x]));
  const bundleName = bundle?.name ?? app.bundle_code;

  // Timeline, with the task each event concerns.
  const taskName = (key: string) => {
    const row = byKey.get(key);
    return row ? `${catalogue.departments.get(row.department_id) ?? ''}·${row.name}` : key;
  };
  await insertEvents(
    trx,
    d.events.map((e) => {
      const key = 'key' in e ? e.key : null;
      let text = EVENT_TEXT[e.type];
      if (key) text = `${taskName(key)}：${text}`;
      if (e.type === 'task_approved' && e.automatic) text += '（公示期满自动办结）';
      if (key === cmdKey && input.comment) text += `（${input.comment}）`;
      if (e.type === 'application_status')
        text = `办件状态：${STATUS_TEXT[e.from] ?? e.from} → ${STATUS_TEXT[e.to] ?? e.to}`;
      if (e.type === 'submitted' && submit) text = submittedText(submit.draft);
      if (e.type === 'notice_started' && submit?.draft.notice) {
        const days = submit.draft.notice.days;
        text = `简易注销公示开始：${today} 至 ${addCalendarDays(today, days - 1)}（${days}日），公示期内可提出异议`;
      }
      return {
        application_id: app.id,
        at: now,
        kind: e.type,
        actor:
          e.type === 'task_started' ||
          e.type === 'application_status' ||
          e.type === 'task_cancelled' ||
          e.type === 'notice_started'
            ? '系统'
            : input.actorName,
        task_id: key ? (byKey.get(key)?.id ?? null) : null,
        text,
      };
    }),
  );

  // Results: every item's licences and records, issued when the last task completes.
  if (after.status === 'completed' && before.status !== 'completed') {
    await insertResults(
      trx,
      tasks.flatMap((task) =>
        (catalogue.items.get(task.item_code)?.produces ?? []).map((p, j) => ({
          application_id: app.id,
          item_code: task.item_code,
          kind: p.kind,
          name: p.name,
          number: `${app.number}-${String(task.ord + 1).padStart(2, '0')}${String(j + 1)}`,
          file_id: null,
          issued_at: now,
        })),
      ),
    );
  }

  // Notifications: departments whose task starts, the applicant when something is asked of them or it ends.
  const link = `/services/applications/${app.id}`;
  for (const e of d.events) {
    if (e.type === 'task_started') {
      const row = byKey.get(e.key)!;
      await notifyDepartment(trx, {
        departmentId: row.department_id,
        title: `新办件待办：${row.name}`,
        body: submit
          ? `${app.number}（${bundleName}）已提交，请在时限内办理。`
          : `${app.number}（${bundleName}）的前置任务已办结，请在时限内办理。`,
        link: `/services/queue/${row.id}`,
        category: 'services.task',
        dedupeKey: `services:task:${row.id}:started`,
      });
    }
  }
  const supplementTask = d.events.find((e) => e.type === 'supplement_requested');
  if (supplementTask && 'key' in supplementTask) {
    await notifyUser(trx, {
      userId: app.applicant_id,
      title: `请补正材料：${app.number}`,
      body: `${taskName(supplementTask.key)}要求补正：${input.comment ?? ''}`.slice(0, 2000),
      link,
      category: 'services.application',
    });
  }
  const statusChange = d.events.find((e) => e.type === 'application_status');
  if (
    statusChange &&
    statusChange.type === 'application_status' &&
    ['completed', 'rejected', 'objected'].includes(statusChange.to)
  ) {
    await notifyUser(trx, {
      userId: app.applicant_id,
      title: `办件${STATUS_TEXT[statusChange.to]}：${app.number}`,
      body:
        statusChange.to === 'completed'
          ? `${bundleName}已全部办结，办理结果可在办件详情中查看。`
          : statusChange.to === 'rejected'
            ? `${bundleName}不予办理：${input.comment ?? ''}`
            : '简易注销公示期内收到异议，简易注销程序终止，可改为普通注销。',
      link,
      category: 'services.application',
      dedupeKey: `services:application:${app.id}:${statusChange.to}`,
    });
  }

  // Last: the audit append locks the chain head until commit, so it should hold it as briefly as possible.
  await appendAudit(trx, input.origin, {
    action: input.action,
    subjectType: 'service_application',
    subjectId: app.id,
    detail: submit
      ? {
          number: app.number,
          bundle: app.bundle_code,
          promise: submit.draft.promise,
          creditFlags: submit.draft.creditFlags.map((f) => f.code),
          tasks: tasks.length,
          status: after.status,
        }
      : {
          number: app.number,
          command: input.cmd.type,
          ...(cmdKey ? { task: cmdKey } : {}),
          from: before.status,
          to: after.status,
          events: d.events.map((e) => ('key' in e ? `${e.type}:${e.key}` : e.type)),
        },
  });
  return { applicationId: app.id, status: after.status, events: d.events };
}

function submittedText(draft: SubmissionDraft): string {
  const flags = draft.creditFlags;
  return `提交“${draft.bundle.name}”申请${draft.promise ? '（选择告知承诺）' : ''}${flags.length ? `；信用提示：${flags.map((f) => f.message).join('；')}` : ''}`;
}

/** Writes the tasks that changed and the application's status and expected completion date. */
async function update(
  trx: Db,
  app: ApplicationRow,
  tasks: TaskRow[],
  before: WfApplication,
  after: WfSubmitted,
  input: TransitionCommon & { cmd: Command },
  cmdKey: string | null,
): Promise<{ app: ApplicationRow; tasks: TaskRow[] }> {
  const { now, today, cal } = input;
  const byKey = new Map(tasks.map((x) => [x.key, x]));
  for (let i = 0; i < after.tasks.length; i++) {
    const a = after.tasks[i]!;
    const b = before.tasks[i]!;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const row = byKey.get(a.key)!;
    const finished = a.status === 'approved' || a.status === 'rejected' || a.status === 'cancelled';
    await updateTask(trx, row.id, {
      status: a.status,
      started_on: a.startedOn,
      due_date: a.dueDate,
      remaining_workdays: a.remainingWorkdays,
      paused_on: a.pausedOn,
      paused_workdays: a.pausedWorkdays,
      claimed_by: a.claimedBy,
      finished_at: finished && b.status !== a.status ? now : row.finished_at,
      updated_at: now,
      ...(input.cmd.type === 'claim' && a.key === cmdKey && input.actor
        ? { claimed_by_name: input.actor.displayName, claimed_at: now }
        : {}),
      ...(a.key === cmdKey && input.comment !== undefined ? { comment: input.comment } : {}),
      ...(a.status === 'approved' && input.cmd.type === 'notice_ended'
        ? { comment: '公示期满无异议，系统自动办结' }
        : {}),
    });
  }
  const completed = after.status === 'completed';
  await updateApplication(trx, app.id, {
    status: after.status,
    due_date: completed ? app.due_date : estimateOrNull(after, today, cal),
    completed_at: completed ? now : app.completed_at,
    updated_at: now,
  });
  return { app, tasks };
}
