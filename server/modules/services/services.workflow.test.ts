/**
 * The pure workflow: transitions, guards, derived application status, the task graph's deadlines and the
 * supplement pause, on the real 2024/2026 calendars.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../kernel/calendar/calendar.ts';
import {
  checkBundle,
  composeBundle,
  findCycle,
  longestPath,
  validateForm,
  type ItemDef,
} from './bundle-form.ts';
import {
  median,
  officeWorkdaysBetween,
  quantile,
  remainingAtPause,
  resumeAfterSupplement,
} from './deadlines.ts';
import {
  decide,
  deriveStatus,
  draftState,
  estimateDueDate,
  initialState,
  TASK_TRANSITIONS,
  type Command,
  type WfApplication,
} from './services.workflow.ts';

const cal = WorkCalendar.fromConfigDir(path.resolve(import.meta.dirname, '../../../config/calendar'));

const opening = [
  { key: 'licence', dependsOn: [], deadlineWorkdays: 1 },
  { key: 'seal', dependsOn: ['licence'], deadlineWorkdays: 1 },
  { key: 'tax', dependsOn: ['licence'], deadlineWorkdays: 2 },
];

function must(app: WfApplication, cmd: Command, today: string): WfApplication {
  const d = decide(app, cmd, { today, cal });
  if (!d.ok) throw new Error(`refused: ${JSON.stringify(d.refusal)}`);
  return d.app;
}

describe('deadlines in working days', () => {
  it('counts the 5th working day after 2024-09-27 across 国庆 as 2024-10-10', () => {
    const app = initialState(
      'standard',
      [{ key: 'a', dependsOn: [], deadlineWorkdays: 5 }],
      '2024-09-27',
      cal,
    );
    expect(app.tasks[0]!.dueDate).toBe('2024-10-10');
    expect(app.tasks[0]!.startedOn).toBe('2024-09-27');
  });

  it('starts root tasks now and dependants when their dependencies are approved', () => {
    let app = initialState('standard', opening, '2026-09-24', cal);
    expect(app.tasks.map((t) => t.status)).toEqual(['pending', 'waiting', 'waiting']);
    expect(app.status).toBe('submitted');
    // 2026-09-25..27 中秋 and 09-30 → 10-07 国庆 (10-10 is a make-up working day).
    expect(app.tasks[0]!.dueDate).toBe('2026-09-28');
    expect(estimateDueDate(app, '2026-09-24', cal)).toBe('2026-09-30');
    app = must(app, { type: 'claim', key: 'licence', actorId: 'o1' }, '2026-09-24');
    expect(app.status).toBe('in_progress');
    app = must(app, { type: 'approve', key: 'licence', actorId: 'o1' }, '2026-09-28');
    expect(app.tasks.find((t) => t.key === 'seal')).toMatchObject({
      status: 'pending',
      startedOn: '2026-09-28',
      dueDate: '2026-09-29',
    });
    expect(app.tasks.find((t) => t.key === 'tax')!.dueDate).toBe('2026-09-30');
  });

  it('pauses the clock for a supplement and resumes with the remaining working days', () => {
    // Due 2024-10-10 (5 working days after 09-27: 09-29 make-up Sunday, 09-30, 10-08, 10-09, 10-10); supplement
    // asked on 09-29, which used one of them: 09-30, 10-08, 10-09, 10-10 are left.
    expect(remainingAtPause('2024-10-10', '2024-09-29', cal)).toBe(4);
    let app = initialState('standard', [{ key: 'a', dependsOn: [], deadlineWorkdays: 5 }], '2024-09-27', cal);
    app = must(app, { type: 'claim', key: 'a', actorId: 'o' }, '2024-09-27');
    app = must(app, { type: 'request_supplement', key: 'a', actorId: 'o' }, '2024-09-29');
    expect(app.status).toBe('supplement');
    expect(app.tasks[0]).toMatchObject({
      status: 'supplement',
      remainingWorkdays: 4,
      pausedOn: '2024-09-29',
    });
    // Answered on 10-12 (make-up Saturday): 4 working days from there → 10-14, 10-15, 10-16, 10-17.
    app = must(app, { type: 'answer_supplement', key: 'a' }, '2024-10-12');
    expect(app.tasks[0]).toMatchObject({ status: 'claimed', dueDate: '2024-10-17', remainingWorkdays: null });
    // Paused span: working days after 09-29 up to 10-12 = 09-30, 10-08, 10-09, 10-10, 10-11, 10-12 → 6.
    expect(app.tasks[0]!.pausedWorkdays).toBe(cal.workdaysBetween('2024-09-29', '2024-10-12'));
    expect(app.tasks[0]!.pausedWorkdays).toBe(6);
    expect(app.status).toBe('in_progress');
  });

  it('keeps 0 working days when the supplement is asked on or after the due date', () => {
    expect(remainingAtPause('2024-10-10', '2024-10-11', cal)).toBe(0);
    expect(
      resumeAfterSupplement({ pausedOn: '2024-10-11', remainingWorkdays: 0 }, '2024-10-14', cal).dueDate,
    ).toBe('2024-10-14');
  });
});

describe('transitions and guards', () => {
  const base = () => initialState('standard', opening, '2026-11-27', cal);

  it('declares every task transition as data', () => {
    expect(TASK_TRANSITIONS.claim.from).toEqual(['pending']);
    expect(TASK_TRANSITIONS.approve.from).toEqual(['claimed']);
  });

  it('submits a draft: root tasks start with their due dates, the others wait', () => {
    const draft = draftState('standard', opening);
    expect(draft.status).toBe('draft');
    expect(draft.tasks.every((t) => t.status === 'waiting' && t.dueDate === null)).toBe(true);
    const d = decide(draft, { type: 'submit' }, { today: '2026-11-27', cal });
    if (!d.ok) throw new Error(`refused: ${JSON.stringify(d.refusal)}`);
    expect(d.app.status).toBe('submitted');
    expect(d.app.notice).toBeNull();
    expect(d.app.tasks.map((t) => [t.key, t.status, t.startedOn, t.dueDate])).toEqual([
      ['licence', 'pending', '2026-11-27', '2026-11-30'],
      ['seal', 'waiting', null, null],
      ['tax', 'waiting', null, null],
    ]);
    // The timeline starts with the submission itself, then what it started; no status change from a draft.
    expect(d.events).toEqual([{ type: 'submitted' }, { type: 'task_started', key: 'licence' }]);
    expect(d.app).toEqual(base());
  });

  it('submits a simple deregistration into its notice, every task waiting', () => {
    const tasks = [
      { key: 'tax', dependsOn: [], deadlineWorkdays: 1 },
      { key: 'samr', dependsOn: ['tax'], deadlineWorkdays: 1 },
    ];
    const d = decide(
      draftState('simple_deregistration', tasks),
      { type: 'submit' },
      { today: '2026-11-02', cal },
    );
    if (!d.ok) throw new Error('refused');
    expect(d.app.status).toBe('notice');
    expect(d.app.notice).toBe('running');
    expect(d.app.tasks.map((t) => t.status)).toEqual(['waiting', 'waiting']);
    expect(d.events).toEqual([{ type: 'submitted' }, { type: 'notice_started' }]);
  });

  it('takes submit only from a draft, and nothing else from a draft', () => {
    const env = { today: '2026-11-27', cal };
    expect(decide(base(), { type: 'submit' }, env)).toEqual({
      ok: false,
      refusal: { reason: 'wrong_state', status: 'submitted', action: 'submit' },
    });
    expect(
      decide(draftState('standard', opening), { type: 'claim', key: 'licence', actorId: 'o' }, env),
    ).toEqual({ ok: false, refusal: { reason: 'wrong_state', status: 'draft', action: 'claim' } });
    expect(decide(draftState('simple_deregistration', opening), { type: 'notice_ended' }, env).ok).toBe(
      false,
    );
  });

  it('refuses actions in the wrong state', () => {
    const app = base();
    const r = decide(app, { type: 'approve', key: 'licence', actorId: 'o' }, { today: '2026-11-27', cal });
    expect(r).toEqual({
      ok: false,
      refusal: { reason: 'wrong_state', status: 'pending', action: 'approve' },
    });
    const waiting = decide(app, { type: 'claim', key: 'seal', actorId: 'o' }, { today: '2026-11-27', cal });
    expect(waiting.ok).toBe(false);
    const unknown = decide(app, { type: 'claim', key: 'nope', actorId: 'o' }, { today: '2026-11-27', cal });
    expect(unknown).toEqual({ ok: false, refusal: { reason: 'unknown_task', key: 'nope' } });
  });

  it('lets only the claimer decide', () => {
    const app = must(base(), { type: 'claim', key: 'licence', actorId: 'o1' }, '2026-11-27');
    const r = decide(app, { type: 'approve', key: 'licence', actorId: 'o2' }, { today: '2026-11-27', cal });
    expect(r).toEqual({ ok: false, refusal: { reason: 'not_claimer', claimedBy: 'o1' } });
    expect(
      decide(app, { type: 'claim', key: 'licence', actorId: 'o2' }, { today: '2026-11-27', cal }).ok,
    ).toBe(false);
  });

  it('completes when the last task is approved, and then refuses everything', () => {
    let app = base();
    const today = '2026-11-27';
    for (const key of ['licence', 'seal', 'tax']) {
      app = must(app, { type: 'claim', key, actorId: 'o' }, today);
      const d = decide(app, { type: 'approve', key, actorId: 'o' }, { today, cal });
      if (!d.ok) throw new Error('refused');
      app = d.app;
      if (key === 'tax')
        expect(d.events).toContainEqual({ type: 'application_status', from: 'in_progress', to: 'completed' });
    }
    expect(app.status).toBe('completed');
    expect(decide(app, { type: 'claim', key: 'seal', actorId: 'o' }, { today, cal })).toEqual({
      ok: false,
      refusal: { reason: 'application_closed', status: 'completed' },
    });
  });

  it('rejecting one task rejects the application and cancels the open ones', () => {
    let app = base();
    app = must(app, { type: 'claim', key: 'licence', actorId: 'o' }, '2026-11-27');
    const d = decide(app, { type: 'reject', key: 'licence', actorId: 'o' }, { today: '2026-11-27', cal });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.app.status).toBe('rejected');
    expect(d.app.tasks.map((t) => t.status)).toEqual(['rejected', 'cancelled', 'cancelled']);
    expect(d.events.filter((e) => e.type === 'task_cancelled')).toHaveLength(2);
  });

  it('simple deregistration: notice first, objection ends it, no objection completes it', () => {
    const tasks = [
      { key: 'tax', dependsOn: [], deadlineWorkdays: 1 },
      { key: 'samr', dependsOn: ['tax'], deadlineWorkdays: 1 },
    ];
    const app = initialState('simple_deregistration', tasks, '2026-11-02', cal);
    expect(app.status).toBe('notice');
    expect(app.tasks.every((t) => t.status === 'waiting')).toBe(true);
    expect(decide(app, { type: 'claim', key: 'tax', actorId: 'o' }, { today: '2026-11-02', cal }).ok).toBe(
      false,
    );
    const objected = must(app, { type: 'objection' }, '2026-11-05');
    expect(objected.status).toBe('objected');
    expect(objected.tasks.map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    const ended = must(app, { type: 'notice_ended' }, '2026-11-22');
    expect(ended.status).toBe('completed');
    expect(ended.tasks.map((t) => t.status)).toEqual(['approved', 'approved']);
    expect(decide(ended, { type: 'objection' }, { today: '2026-11-23', cal }).ok).toBe(false);
    expect(
      decide(
        initialState('standard', tasks, '2026-11-02', cal),
        { type: 'notice_ended' },
        { today: '2026-11-22', cal },
      ).ok,
    ).toBe(false);
  });

  it('derives the status from the tasks', () => {
    const t = (status: WfApplication['tasks'][number]['status']) => ({ ...base().tasks[0]!, status });
    expect(deriveStatus({ notice: null, tasks: [t('pending'), t('waiting')] })).toBe('submitted');
    expect(deriveStatus({ notice: null, tasks: [t('approved'), t('pending')] })).toBe('in_progress');
    expect(deriveStatus({ notice: null, tasks: [t('supplement'), t('claimed')] })).toBe('supplement');
    expect(deriveStatus({ notice: null, tasks: [t('approved'), t('approved')] })).toBe('completed');
    expect(deriveStatus({ notice: null, tasks: [t('rejected'), t('cancelled')] })).toBe('rejected');
  });
});

describe('office time in working days', () => {
  const hours = { start: '09:00', end: '17:00' };
  const isWorkday = (d: string) => cal.isWorkday(d);
  it('counts only office hours of working days', () => {
    // 2026-11-27 is a Friday: 16:00 → Monday 10:00 = 1 h + 1 h = 0.25 working day.
    expect(
      officeWorkdaysBetween(
        new Date('2026-11-27T16:00:00+08:00'),
        new Date('2026-11-30T10:00:00+08:00'),
        hours,
        isWorkday,
      ),
    ).toBe(0.25);
    expect(
      officeWorkdaysBetween(
        new Date('2026-11-27T09:00:00+08:00'),
        new Date('2026-11-27T13:00:00+08:00'),
        hours,
        isWorkday,
      ),
    ).toBe(0.5);
    // Over 国庆 2026: 09-30 16:00 → 10-08 09:30 = 1 h + 0.5 h.
    expect(
      officeWorkdaysBetween(
        new Date('2026-09-30T16:00:00+08:00'),
        new Date('2026-10-08T09:30:00+08:00'),
        hours,
        isWorkday,
      ),
    ).toBe(1.5 / 8);
    expect(
      officeWorkdaysBetween(
        new Date('2026-11-27T10:00:00+08:00'),
        new Date('2026-11-27T09:00:00+08:00'),
        hours,
        isWorkday,
      ),
    ).toBe(0);
  });
  it('medians and quantiles', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(quantile([0, 10], 0.9)).toBe(9);
  });
});

describe('bundle composition', () => {
  const item = (
    code: string,
    props: Record<string, unknown>,
    required: string[],
    materials: ItemDef['materials'] = [],
  ): ItemDef => ({
    code,
    name: code,
    department: 'D',
    departmentId: '00000000-0000-0000-0000-000000000000',
    deadlineWorkdays: code === 'a' ? 1 : 3,
    promiseAllowed: code === 'b',
    materials,
    formSchema: { type: 'object', properties: props, required },
  });
  const m = (code: string, accept: ('pdf' | 'jpg')[], maxBytes: number) => ({
    code,
    name: code,
    required: true,
    replaceableBy: null,
    accept,
    maxBytes,
    promiseReplaces: false,
  });
  const items = new Map([
    [
      'a',
      item(
        'a',
        { name: { type: 'string', minLength: 2 }, phone: { type: 'string', pattern: '^1[0-9]{10}$' } },
        ['name'],
        [m('lic', ['pdf', 'jpg'], 1000)],
      ),
    ],
    [
      'b',
      item(
        'b',
        { name: { type: 'string' }, size: { type: 'integer', minimum: 1 } },
        ['size'],
        [m('lic', ['pdf'], 500)],
      ),
    ],
  ]);
  const def = {
    code: 'x',
    items: ['a', 'b'],
    tasks: [
      { key: 'a', itemCode: 'a', dependsOn: [] },
      { key: 'b', itemCode: 'b', dependsOn: ['a'] },
    ],
    sharedFields: ['phone'],
  };

  it('asks each shared field once, in form order, naming the items that use it', () => {
    const c = composeBundle(def, items);
    expect(Object.keys(c.formSchema.properties as object)).toEqual(['phone', 'name', 'size']);
    expect((c.formSchema.properties as Record<string, { 'x-items': string[] }>).name?.['x-items']).toEqual([
      'a',
      'b',
    ]);
    expect(c.formSchema.required).toEqual(['name', 'size']);
    expect(c.deadlineWorkdays).toBe(4);
    expect(c.promiseAllowed).toBe(true);
    expect(c.materials).toEqual([{ ...m('lic', ['pdf'], 500), items: ['a', 'b'] }]);
  });

  it('validates a form naming each failing field', () => {
    const c = composeBundle(def, items);
    const errors = validateForm(c.formSchema, { name: 'x', phone: '12', extra: 1 });
    expect(errors.map((e) => `${e.field}:${e.rule}`).sort()).toEqual([
      '/body/form/extra:additionalProperties',
      '/body/form/name:minLength',
      '/body/form/phone:pattern',
      '/body/form/size:required',
    ]);
    expect(validateForm(c.formSchema, { name: '张三', phone: '13800000000', size: 2 })).toEqual([]);
  });

  it('rejects unknown items, unknown keys and cycles', () => {
    expect(checkBundle({ ...def, items: ['a', 'zz'] }, items).map((e) => e.field)).toContain('/body/items/1');
    const cyclic = {
      ...def,
      tasks: [
        { key: 'a', itemCode: 'a', dependsOn: ['b'] },
        { key: 'b', itemCode: 'b', dependsOn: ['a'] },
      ],
    };
    expect(checkBundle(cyclic, items)).toEqual([
      { field: '/body/tasks', rule: 'acyclic', message: 'the task graph has a cycle: a → b → a' },
    ]);
    expect(findCycle(def.tasks)).toBeNull();
    expect(
      checkBundle({ ...def, tasks: [{ key: 'a', itemCode: 'a', dependsOn: ['q'] }] }, items).map(
        (e) => e.rule,
      ),
    ).toEqual(expect.arrayContaining(['exists', 'covers']));
    expect(
      longestPath([
        { key: 'p', dependsOn: [], deadlineWorkdays: 2 },
        { key: 'q', dependsOn: [], deadlineWorkdays: 5 },
      ]),
    ).toBe(5);
  });
});
