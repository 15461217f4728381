/**
 * The application workflow, pure: states, transitions and guards of an application and its departmental tasks.
 * No database, no clock — the caller passes today's China date and a working-day calendar, gets back the new
 * state and the events that happened, and persists, audits and notifies them. Everything that can change an
 * application goes through `decide`, so the rules live in one place.
 *
 * Application: (draft) ──submit──▶ derived status: submission is a command like every later step, so the
 * initial tasks, the first timeline events and the first notifications come from the same code.
 *
 * Task:  waiting ──start──▶ pending ──claim──▶ claimed ──approve──▶ approved
 *                                                 │  ▲   └─reject──▶ rejected
 *                                   request_supplement  answer_supplement
 *                                                 ▼  │
 *                                              supplement
 *        any open task ──cancel──▶ cancelled (the application was rejected or objected to)
 *        waiting/pending ──auto_approve──▶ approved (simple deregistration: notice ended without objection)
 *
 * Application status is derived from its tasks and notice (see `deriveStatus`), never set by hand.
 */
import { remainingAtPause, resumeAfterSupplement } from './deadlines.ts';

export const TASK_STATUSES = [
  'waiting',
  'pending',
  'claimed',
  'supplement',
  'approved',
  'rejected',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const APPLICATION_STATUSES = [
  'submitted',
  'in_progress',
  'supplement',
  'completed',
  'rejected',
  'notice',
  'objected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The state before submission: not stored, only the from-state of `submit`. */
export type WfStatus = ApplicationStatus | 'draft';

export type NoticeStatus = 'running' | 'objected' | 'ended';
export type WorkflowKind = 'standard' | 'simple_deregistration';

/** Task states in which a department still has work to do (the work queue's "open"). */
export const OPEN_TASK_STATUSES = [
  'pending',
  'claimed',
  'supplement',
] as const satisfies readonly TaskStatus[];
export const FINAL_APPLICATION_STATUSES = [
  'completed',
  'rejected',
  'objected',
] as const satisfies readonly ApplicationStatus[];

export interface WorkCalendarLike {
  addWorkdays(from: string, days: number): string;
  workdaysBetween(from: string, to: string): number;
}

export interface WfTask {
  key: string;
  status: TaskStatus;
  dependsOn: readonly string[];
  deadlineWorkdays: number;
  startedOn: string | null;
  dueDate: string | null;
  /** Working days left when the clock was paused for a supplement; null while running. */
  remainingWorkdays: number | null;
  pausedOn: string | null;
  pausedWorkdays: number;
  claimedBy: string | null;
}

export interface WfApplication {
  kind: WorkflowKind;
  status: WfStatus;
  notice: NoticeStatus | null;
  tasks: WfTask[];
}

export type Command =
  | { type: 'submit' }
  | { type: 'claim'; key: string; actorId: string }
  | { type: 'approve'; key: string; actorId: string }
  | { type: 'reject'; key: string; actorId: string }
  | { type: 'request_supplement'; key: string; actorId: string }
  | { type: 'answer_supplement'; key: string }
  | { type: 'objection' }
  | { type: 'notice_ended' };

export type WfEvent =
  | { type: 'submitted' }
  | { type: 'notice_started' }
  | { type: 'task_started'; key: string }
  | { type: 'task_claimed'; key: string }
  | { type: 'task_approved'; key: string; automatic: boolean }
  | { type: 'task_rejected'; key: string }
  | { type: 'task_cancelled'; key: string }
  | { type: 'supplement_requested'; key: string }
  | { type: 'supplement_answered'; key: string }
  | { type: 'notice_objected' }
  | { type: 'notice_ended' }
  | { type: 'application_status'; from: WfStatus; to: ApplicationStatus };

export type Refusal =
  | { reason: 'unknown_task'; key: string }
  | { reason: 'wrong_state'; status: TaskStatus | WfStatus; action: Command['type'] }
  | { reason: 'not_claimer'; claimedBy: string | null }
  | { reason: 'application_closed'; status: ApplicationStatus };

/** An application after a command: submitted, so its status is a stored one. */
export type WfSubmitted = WfApplication & { status: ApplicationStatus };

export type Decision = { ok: true; app: WfSubmitted; events: WfEvent[] } | { ok: false; refusal: Refusal };

/** Which task transitions each command performs: the guard on the from-state is here, as data. */
export const TASK_TRANSITIONS = {
  claim: { from: ['pending'], to: 'claimed' },
  approve: { from: ['claimed'], to: 'approved' },
  reject: { from: ['claimed'], to: 'rejected' },
  request_supplement: { from: ['claimed'], to: 'supplement' },
  answer_supplement: { from: ['supplement'], to: 'claimed' },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus }>;

export function isFinal(status: WfStatus): status is (typeof FINAL_APPLICATION_STATUSES)[number] {
  return (FINAL_APPLICATION_STATUSES as readonly string[]).includes(status);
}

export function isOpenTask(status: TaskStatus): boolean {
  return (OPEN_TASK_STATUSES as readonly string[]).includes(status);
}

/** The application's status as a function of its tasks and notice. */
export function deriveStatus(app: Pick<WfApplication, 'notice' | 'tasks'>): ApplicationStatus {
  const s = app.tasks.map((t) => t.status);
  if (app.notice === 'objected') return 'objected';
  if (s.includes('rejected')) return 'rejected';
  if (s.length > 0 && s.every((x) => x === 'approved')) return 'completed';
  if (app.notice === 'running') return 'notice';
  if (s.includes('supplement')) return 'supplement';
  if (s.some((x) => x === 'claimed' || x === 'approved')) return 'in_progress';
  return 'submitted';
}

/** An application about to be submitted: every task waits, nothing is running yet. */
export function draftState(
  kind: WorkflowKind,
  tasks: readonly { key: string; dependsOn: readonly string[]; deadlineWorkdays: number }[],
): WfApplication {
  return {
    kind,
    status: 'draft',
    notice: null,
    tasks: tasks.map((t) => ({
      key: t.key,
      status: 'waiting',
      dependsOn: [...t.dependsOn],
      deadlineWorkdays: t.deadlineWorkdays,
      startedOn: null,
      dueDate: null,
      remainingWorkdays: null,
      pausedOn: null,
      pausedWorkdays: 0,
      claimedBy: null,
    })),
  };
}

/**
 * The state right after submission (`submit` applied to the draft): tasks without dependencies start today (clock
 * running), the others wait. A simple deregistration starts with its public notice; every task waits for it.
 */
export function initialState(
  kind: WorkflowKind,
  tasks: readonly { key: string; dependsOn: readonly string[]; deadlineWorkdays: number }[],
  today: string,
  cal: WorkCalendarLike,
): WfApplication {
  const d = decide(draftState(kind, tasks), { type: 'submit' }, { today, cal });
  if (!d.ok) throw new Error(`submit refused: ${d.refusal.reason}`);
  return d.app;
}

/**
 * The expected completion date: started tasks keep their due date (a paused one: today plus what it had left),
 * waiting ones start when their last dependency is due. Throws on a dependency cycle (bundles are checked when
 * saved, so that is a programming error here).
 */
export function estimateDueDate(app: WfApplication, today: string, cal: WorkCalendarLike): string | null {
  const byKey = new Map(app.tasks.map((t) => [t.key, t]));
  const due = new Map<string, string>();
  const visiting = new Set<string>();
  const visit = (key: string): string => {
    const known = due.get(key);
    if (known) return known;
    if (visiting.has(key)) throw new Error(`task graph has a cycle at ${key}`);
    visiting.add(key);
    const t = byKey.get(key);
    if (!t) throw new Error(`unknown task ${key}`);
    let d: string;
    if (t.status === 'supplement') d = cal.addWorkdays(today, t.remainingWorkdays ?? 0);
    else if (t.dueDate && t.status !== 'waiting') d = t.dueDate;
    else {
      let start = today;
      for (const dep of t.dependsOn) {
        const depDue = visit(dep);
        if (depDue > start) start = depDue;
      }
      d = cal.addWorkdays(start, t.deadlineWorkdays);
    }
    visiting.delete(key);
    due.set(key, d);
    return d;
  };
  let max: string | null = null;
  for (const t of app.tasks) {
    if (t.status === 'cancelled' || t.status === 'rejected') continue;
    const d = visit(t.key);
    if (max === null || d > max) max = d;
  }
  return max;
}

function withTask(app: WfApplication, key: string, patch: Partial<WfTask>): WfApplication {
  return { ...app, tasks: app.tasks.map((t) => (t.key === key ? { ...t, ...patch } : t)) };
}

/** Starts every waiting task whose dependencies are all approved; returns the new state and started keys. */
function startReady(app: WfApplication, today: string, cal: WorkCalendarLike): [WfApplication, string[]] {
  if (app.notice === 'running' || app.notice === 'objected') return [app, []];
  const approved = new Set(app.tasks.filter((t) => t.status === 'approved').map((t) => t.key));
  const started: string[] = [];
  const tasks = app.tasks.map((t) => {
    if (t.status !== 'waiting' || !t.dependsOn.every((d) => approved.has(d))) return t;
    started.push(t.key);
    return {
      ...t,
      status: 'pending' as const,
      startedOn: today,
      dueDate: cal.addWorkdays(today, t.deadlineWorkdays),
    };
  });
  return [{ ...app, tasks }, started];
}

function cancelOpen(app: WfApplication): [WfApplication, string[]] {
  const cancelled: string[] = [];
  const tasks = app.tasks.map((t) => {
    if (t.status === 'approved' || t.status === 'rejected' || t.status === 'cancelled') return t;
    cancelled.push(t.key);
    return { ...t, status: 'cancelled' as const };
  });
  return [{ ...app, tasks }, cancelled];
}

/** Applies one command; refuses with the reason when a guard fails. */
export function decide(
  app: WfApplication,
  cmd: Command,
  env: { today: string; cal: WorkCalendarLike },
): Decision {
  const { today, cal } = env;
  if (isFinal(app.status))
    return { ok: false, refusal: { reason: 'application_closed', status: app.status } };
  // A draft only takes `submit`, and `submit` only a draft.
  if ((app.status === 'draft') !== (cmd.type === 'submit')) {
    return { ok: false, refusal: { reason: 'wrong_state', status: app.status, action: cmd.type } };
  }
  const events: WfEvent[] = [];
  let next: WfApplication = app;

  switch (cmd.type) {
    case 'submit': {
      events.push({ type: 'submitted' });
      if (app.kind === 'simple_deregistration') {
        next = { ...app, notice: 'running' };
        events.push({ type: 'notice_started' });
      }
      const [started, keys] = startReady(next, today, cal);
      next = started;
      for (const key of keys) events.push({ type: 'task_started', key });
      break;
    }
    case 'objection': {
      if (app.kind !== 'simple_deregistration' || app.notice !== 'running') {
        return { ok: false, refusal: { reason: 'wrong_state', status: app.status, action: cmd.type } };
      }
      next = { ...app, notice: 'objected' };
      events.push({ type: 'notice_objected' });
      const [cancelled, keys] = cancelOpen(next);
      next = cancelled;
      for (const key of keys) events.push({ type: 'task_cancelled', key });
      break;
    }
    case 'notice_ended': {
      if (app.kind !== 'simple_deregistration' || app.notice !== 'running') {
        return { ok: false, refusal: { reason: 'wrong_state', status: app.status, action: cmd.type } };
      }
      next = { ...app, notice: 'ended' };
      events.push({ type: 'notice_ended' });
      // No objection within the period: the deregistration completes without an officer (条例第三十三条).
      next = {
        ...next,
        tasks: next.tasks.map((t) => {
          if (t.status !== 'waiting' && t.status !== 'pending') return t;
          events.push({ type: 'task_approved', key: t.key, automatic: true });
          return {
            ...t,
            status: 'approved' as const,
            startedOn: t.startedOn ?? today,
            dueDate: t.dueDate ?? today,
          };
        }),
      };
      break;
    }
    default: {
      const task = app.tasks.find((t) => t.key === cmd.key);
      if (!task) return { ok: false, refusal: { reason: 'unknown_task', key: cmd.key } };
      const rule = TASK_TRANSITIONS[cmd.type];
      if (!(rule.from as readonly TaskStatus[]).includes(task.status)) {
        return { ok: false, refusal: { reason: 'wrong_state', status: task.status, action: cmd.type } };
      }
      // Whoever claimed a task decides it; a colleague must not approve work someone else is holding.
      if (
        (cmd.type === 'approve' || cmd.type === 'reject' || cmd.type === 'request_supplement') &&
        task.claimedBy !== cmd.actorId
      ) {
        return { ok: false, refusal: { reason: 'not_claimer', claimedBy: task.claimedBy } };
      }
      switch (cmd.type) {
        case 'claim':
          next = withTask(app, cmd.key, { status: 'claimed', claimedBy: cmd.actorId });
          events.push({ type: 'task_claimed', key: cmd.key });
          break;
        case 'approve': {
          next = withTask(app, cmd.key, { status: 'approved' });
          events.push({ type: 'task_approved', key: cmd.key, automatic: false });
          const [started, keys] = startReady(next, today, cal);
          next = started;
          for (const key of keys) events.push({ type: 'task_started', key });
          break;
        }
        case 'reject': {
          next = withTask(app, cmd.key, { status: 'rejected' });
          events.push({ type: 'task_rejected', key: cmd.key });
          const [cancelled, keys] = cancelOpen(next);
          next = cancelled;
          for (const key of keys) events.push({ type: 'task_cancelled', key });
          break;
        }
        case 'request_supplement':
          next = withTask(app, cmd.key, {
            status: 'supplement',
            remainingWorkdays: remainingAtPause(task.dueDate ?? today, today, cal),
            pausedOn: today,
          });
          events.push({ type: 'supplement_requested', key: cmd.key });
          break;
        case 'answer_supplement': {
          const resumed = resumeAfterSupplement(
            { pausedOn: task.pausedOn ?? today, remainingWorkdays: task.remainingWorkdays ?? 0 },
            today,
            cal,
          );
          next = withTask(app, cmd.key, {
            status: 'claimed',
            dueDate: resumed.dueDate,
            pausedWorkdays: task.pausedWorkdays + resumed.pausedWorkdays,
            remainingWorkdays: null,
            pausedOn: null,
          });
          events.push({ type: 'supplement_answered', key: cmd.key });
          break;
        }
      }
    }
  }
  const status = deriveStatus(next);
  // The timeline of a new application starts with `submitted`, not with a status change from a draft.
  if (status !== app.status && app.status !== 'draft')
    events.push({ type: 'application_status', from: app.status, to: status });
  return { ok: true, app: { ...next, status }, events };
}
