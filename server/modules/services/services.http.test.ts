/**
 * Services end to end over HTTP: the shipped catalogue, a scripted run of every shipped bundle (submit → every
 * task → results), idempotent submission, validation 400s, deadlines across holidays, the supplement pause, the
 * work queue's marks, the credit gate, simple deregistration (objection / automatic completion), prefill,
 * administration and the metrics.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../kernel/clock.ts';
import { createTestUser } from '../../test/harness.ts';
import { closeNoticesJob } from './services.jobs.ts';
import { servicesMetrics } from './services.metrics.ts';
import { createWorld, tinyPng, tinyZip, type World } from './services.test-support.ts';

const clock = new FixedClock('2026-11-27T02:00:00Z'); // Friday 10:00 in China
let w: World;

interface App {
  id: string;
  number: string;
  status: string;
  dueDate: string | null;
  completedAt: string | null;
  tasks: {
    id: string;
    key: string;
    status: string;
    departmentId: string;
    dueDate: string | null;
    startedOn: string | null;
    pausedWorkdays: number;
  }[];
  results: { kind: string; name: string; number: string }[];
  supplements: { id: string; answeredAt: string | null }[];
  timeline: { kind: string; text: string }[];
  creditFlags: { code: string }[];
  notice?: { id: string; status: string; endsOn: string; startsOn: string };
}

beforeAll(async () => {
  w = await createWorld(clock);
}, 60_000);
afterAll(async () => {
  await w.t.close();
});

describe('catalogue', () => {
  it('ships at least 15 bundles whose items name registry departments', async () => {
    const bundles = (await w.call('GET', '/api/services/bundles')).json<
      {
        code: string;
        items: { code: string; department: string; deadlineWorkdays: number }[];
      }[]
    >();
    expect(bundles.length).toBeGreaterThanOrEqual(15);
    const opening = bundles.find((b) => b.code === 'enterprise-opening')!;
    expect(opening.items.map((i) => i.department)).toEqual([
      '区市场监管局',
      '区公安分局',
      '区税务局',
      '区人社局',
      '区公积金中心',
      '区市场监管局',
    ]);
    const items = (await w.call('GET', '/api/services/items')).json<
      {
        code: string;
        departmentId: string;
        materials: unknown[];
        formSchema: { type: string };
      }[]
    >();
    const depts = new Set(
      (await sql<{ id: string }>`select id from department`.execute(w.t.ctx.db)).rows.map((r) => r.id),
    );
    for (const i of items) {
      expect(depts.has(i.departmentId), i.code).toBe(true);
      expect(i.formSchema.type).toBe('object');
    }
    for (const code of [
      'enterprise-change',
      'simple-deregistration',
      'general-deregistration',
      'utilities-connection',
      'restaurant-opening',
    ]) {
      expect(bundles.map((b) => b.code)).toContain(code);
    }
    expect((await w.call('GET', '/api/services/items/no-such-item')).statusCode).toBe(404);
  });

  it('combines each bundle into one form asking shared fields once', async () => {
    const b = (await w.call('GET', '/api/services/bundles/enterprise-opening')).json<{
      formSchema: { properties: Record<string, { 'x-items': string[] }> };
      tasks: { key: string; dependsOn: string[] }[];
      deadlineWorkdays: number;
      materials: { code: string; items: string[] }[];
    }>();
    const props = Object.keys(b.formSchema.properties);
    expect(props.slice(0, 4)).toEqual(['companyName', 'legalRepresentative', 'phone', 'address']);
    expect(new Set(props).size).toBe(props.length);
    expect(b.formSchema.properties.companyName!['x-items'].length).toBe(6);
    expect(b.tasks.filter((t) => t.dependsOn.includes('licence'))).toHaveLength(5);
    expect(b.deadlineWorkdays).toBe(2);
    expect(b.materials.find((m) => m.code === 'business-licence')!.items.length).toBeGreaterThan(1);
  });
});

describe('every shipped bundle runs from submission to results', () => {
  it('submits, processes every task by its department and issues the results', async () => {
    const bundles = (await w.call('GET', '/api/services/bundles')).json<{ code: string; kind: string }[]>();
    const items = new Map(
      (await w.call('GET', '/api/services/items'))
        .json<{ code: string; produces: unknown[] }[]>()
        .map((i) => [i.code, i]),
    );
    for (const b of bundles) {
      if (b.kind === 'simple_deregistration') continue; // completes through its notice: tested below
      const applicant = b.code === 'retirement' ? w.person : w.ent;
      const body = await w.sampleSubmission(applicant, b.code);
      const res = await w.submit(applicant, body);
      expect(res.statusCode, `${b.code}: ${res.body}`).toBe(201);
      const app = res.json<App>();
      expect(app.status).toBe('submitted');
      const done = await w.processAll(app.id);
      const final = (await w.call('GET', `/api/services/applications/${app.id}`, applicant)).json<App>();
      expect(final.status, b.code).toBe('completed');
      expect(done).toBe(final.tasks.length);
      const detail = (await w.call('GET', `/api/services/bundles/${b.code}`)).json<{
        tasks: { itemCode: string }[];
      }>();
      const expected = detail.tasks.reduce((n, t) => n + (items.get(t.itemCode)?.produces.length ?? 0), 0);
      expect(final.results).toHaveLength(expected);
      expect(final.timeline.at(-1)!.text).toContain('已办结');
      expect(final.completedAt).not.toBeNull();
    }
  }, 240_000);
});

describe('idempotent submission', () => {
  it('returns the same application for a retried request and 422 for a different body', async () => {
    const body = await w.sampleSubmission(w.ent, 'employee-hiring');
    const key = randomUUID();
    const first = await w.submit(w.ent, body, key);
    expect(first.statusCode).toBe(201);
    const again = await w.submit(w.ent, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<App>().id).toBe(first.json<App>().id);
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from service_application where id = ${first.json<App>().id}`.execute(
      w.t.ctx.db,
    );
    expect(count.rows[0]!.n).toBe(1);
    const changed = await w.submit(w.ent, { ...body, form: { ...body.form, newEmployees: 7 } }, key);
    expect(changed.statusCode).toBe(422);
    expect(changed.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const noKey = await w.call('POST', '/api/services/applications', w.ent, body);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().errors[0].field).toBe('/headers/idempotency-key');
  });
});

describe('validation', () => {
  it('names each failing form field', async () => {
    const body = await w.sampleSubmission(w.ent, 'enterprise-opening');
    const { companyName: _c, ...rest } = body.form;
    const res = await w.submit(w.ent, {
      ...body,
      form: { ...rest, phone: '12', registeredCapital: -1, bogus: 1 },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string; rule: string }[]).map(
      (e) => `${e.field}:${e.rule}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        '/body/form/companyName:required',
        '/body/form/phone:pattern',
        '/body/form/registeredCapital:minimum',
        '/body/form/bogus:additionalProperties',
      ]),
    );
  });

  it('checks materials: required, known, replaceable, file type, archives refused', async () => {
    const body = await w.sampleSubmission(w.ent, 'enterprise-opening');
    const withoutArticles = body.materials.filter((m) => (m as { code: string }).code !== 'articles');
    let res = await w.submit(w.ent, {
      ...body,
      materials: [...withoutArticles, { code: 'nope', replacedBy: 'elicence' }],
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string; rule: string }[]).map(
      (e) => `${e.field}:${e.rule}`,
    );
    expect(fields).toContain('/body/materials/articles:required');
    expect(fields.some((f) => f.endsWith('/code:exists'))).toBe(true);
    // 公司章程 has no electronic replacement.
    res = await w.submit(w.ent, {
      ...body,
      materials: [...withoutArticles, { code: 'articles', replacedBy: 'elicence' }],
    });
    expect(res.json().errors.map((e: { rule: string }) => e.rule)).toContain('replaceableBy');
    // A PNG where only PDF/OFD is accepted.
    const png = await w.upload(w.ent, 'scan.png', tinyPng());
    expect(png.statusCode).toBe(201);
    res = await w.submit(w.ent, {
      ...body,
      materials: [...withoutArticles, { code: 'articles', fileId: png.json().id }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ rule: 'accept' });
    // Archives are refused at upload, so no material can carry one.
    const zip = await w.upload(w.ent, 'materials.zip', tinyZip());
    expect(zip.statusCode).toBe(415);
    // Someone else's upload is not the applicant's to use.
    const foreign = await w.uploadPdf(w.person);
    res = await w.submit(w.ent, {
      ...body,
      materials: [...withoutArticles, { code: 'articles', fileId: foreign }],
    });
    expect(res.statusCode).toBe(400);
    // 告知承诺 where no item allows it.
    const hiring = await w.sampleSubmission(w.ent, 'employee-hiring');
    res = await w.submit(w.ent, { ...hiring, promise: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('/body/promise');
  });

  it('lets 告知承诺 stand in for the proofs it replaces', async () => {
    const body = await w.sampleSubmission(w.ent, 'enterprise-opening');
    const materials = body.materials.filter((m) => (m as { code: string }).code !== 'premises-proof');
    expect((await w.submit(w.ent, { ...body, materials })).statusCode).toBe(400);
    const res = await w.submit(w.ent, { ...body, materials, promise: true });
    expect(res.statusCode).toBe(201);
    const app = res.json<App & { materials: { code: string; promise?: boolean }[]; promise: boolean }>();
    expect(app.promise).toBe(true);
    expect(app.materials.find((m) => m.code === 'premises-proof')).toMatchObject({ promise: true });
    // The promise is a credit commitment, for the department whose proof it replaced to verify (measure 46).
    const commitments = await sql<{
      kind: string;
      application_ref: string;
      department: string;
      verify_by: string;
    }>`
      select c.kind, c.application_ref, d.name as department, c.verify_by::text as verify_by
      from credit_commitment c join department d on d.id = c.department_id
      where c.application_ref = ${(app as unknown as { number: string }).number}`.execute(w.t.ctx.db);
    expect(commitments.rows).toHaveLength(1);
    expect(commitments.rows[0]).toMatchObject({ kind: 'notification', department: '区市场监管局' });
    expect(commitments.rows[0]!.verify_by > '2026-11-27').toBe(true);
  });
});

describe('deadlines, supplements and the work queue', () => {
  it('counts working days across 国庆 2024: submitted 2024-09-27 with 5 working days → due 2024-10-10', async () => {
    clock.set('2024-09-27T02:00:00Z');
    try {
      const res = await w.submit(w.ent, await w.sampleSubmission(w.ent, 'utilities-connection'));
      expect(res.statusCode).toBe(201);
      const app = res.json<App>();
      expect(app.tasks.every((t) => t.startedOn === '2024-09-27' && t.dueDate === '2024-10-10')).toBe(true);
      expect(app.dueDate).toBe('2024-10-10');
    } finally {
      clock.set('2026-11-27T02:00:00Z');
    }
  });

  it('pauses the clock for a supplement and resumes with the remaining working days', async () => {
    clock.set('2026-09-21T02:00:00Z'); // Monday
    const res = await w.submit(w.ent, await w.sampleSubmission(w.ent, 'utilities-connection'));
    const app = res.json<App>();
    const power = app.tasks.find((t) => t.key === 'power')!;
    // 5 working days after 09-21: 09-22, 09-23, 09-24, 09-28, 09-29 (09-25..27 中秋).
    expect(power.dueDate).toBe('2026-09-29');
    const o = await w.officer('POWER');
    expect(
      (await w.call('POST', `/api/services/tasks/${power.id}/supplement`, o, { reason: '缺图' })).statusCode,
    ).toBe(409);
    expect((await w.call('POST', `/api/services/tasks/${power.id}/claim`, o)).statusCode).toBe(200);
    clock.set('2026-09-23T02:00:00Z');
    const sup = await w.call('POST', `/api/services/tasks/${power.id}/supplement`, o, {
      reason: '接入工程平面位置图不清晰',
      materials: ['site-plan'],
    });
    expect(sup.statusCode).toBe(200);
    expect(sup.json()).toMatchObject({ status: 'supplement', remainingWorkdays: 3, overdue: false });
    let detail = (await w.call('GET', `/api/services/applications/${app.id}`, w.ent)).json<App>();
    expect(detail.status).toBe('supplement');
    const supplement = detail.supplements[0]!;
    // The applicant answers after 国庆: 10-09 (Friday). 3 working days left → 10-10 (make-up Saturday), 10-12, 10-13.
    clock.set('2026-10-09T02:00:00Z');
    const fileId = await w.uploadPdf(w.ent);
    const answer = await w.call(
      'POST',
      `/api/services/applications/${app.id}/supplements/${supplement.id}`,
      w.ent,
      { note: '已重新上传', materials: [{ code: 'site-plan', fileId }] },
      { 'idempotency-key': randomUUID() },
    );
    expect(answer.statusCode, answer.body).toBe(200);
    detail = answer.json<App>();
    const resumed = detail.tasks.find((t) => t.key === 'power')!;
    expect(resumed.status).toBe('claimed');
    expect(resumed.dueDate).toBe('2026-10-13');
    expect(resumed.pausedWorkdays).toBe(6); // 09-24, 09-28, 09-29, 09-30, 10-08, 10-09
    expect(detail.status).toBe('in_progress');
    const again = await w.call(
      'POST',
      `/api/services/applications/${app.id}/supplements/${supplement.id}`,
      w.ent,
      { note: 'x', materials: [] },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SERVICES_SUPPLEMENT_ANSWERED');
    clock.set('2026-11-27T02:00:00Z');
  });

  it('marks overdue and due-soon tasks in the department queue', async () => {
    clock.set('2026-11-02T02:00:00Z'); // Monday
    const res = await w.submit(w.ent, await w.sampleSubmission(w.ent, 'foreign-talent-work'));
    const app = res.json<App>();
    const permit = app.tasks.find((t) => t.key === 'permit')!;
    expect(permit.dueDate).toBe('2026-11-16'); // 10 working days
    const o = await w.officer('SCITECH');
    const queueAt = async (date: string, q = '') => {
      clock.set(`${date}T02:00:00Z`);
      return (await w.call('GET', `/api/services/tasks?status=open${q}`, o)).json<{
        items: { id: string; overdue: boolean; dueSoon: boolean; remainingWorkdays: number }[];
        total: number;
      }>();
    };
    let q = await queueAt('2026-11-10');
    expect(q.items.find((x) => x.id === permit.id)).toMatchObject({
      overdue: false,
      dueSoon: false,
      remainingWorkdays: 4,
    });
    q = await queueAt('2026-11-13');
    expect(q.items.find((x) => x.id === permit.id)).toMatchObject({
      overdue: false,
      dueSoon: true,
      remainingWorkdays: 1,
    });
    expect((await queueAt('2026-11-13', '&due=soon')).items.map((x) => x.id)).toContain(permit.id);
    q = await queueAt('2026-11-18');
    expect(q.items.find((x) => x.id === permit.id)).toMatchObject({ overdue: true, remainingWorkdays: -2 });
    expect((await queueAt('2026-11-18', '&due=overdue')).items.map((x) => x.id)).toEqual([permit.id]);
    const overview = (await w.call('GET', '/api/services/overview', w.office)).json<{
      overdueByDepartment: { department: string; overdue: number }[];
    }>();
    expect(
      overview.overdueByDepartment.find((d) => d.department === '区科技局')!.overdue,
    ).toBeGreaterThanOrEqual(1);
    clock.set('2026-11-27T02:00:00Z');
  });

  it('refuses wrong-state actions with 409 and rejection needs a reason', async () => {
    const app = (await w.submit(w.ent, await w.sampleSubmission(w.ent, 'tech-loan-subsidy'))).json<App>();
    const review = app.tasks.find((t) => t.key === 'review')!;
    const pay = app.tasks.find((t) => t.key === 'pay')!;
    const sci = await w.officer('SCITECH');
    const fin = await w.officer('FINANCE');
    expect((await w.call('POST', `/api/services/tasks/${review.id}/approve`, sci, {})).json()).toMatchObject({
      code: 'SERVICES_TASK_STATE',
      status: 'pending',
      params: { status: 'pending', action: 'approve' },
    });
    expect((await w.call('POST', `/api/services/tasks/${pay.id}/claim`, fin)).statusCode).toBe(409);
    expect((await w.call('POST', `/api/services/tasks/${review.id}/claim`, sci)).statusCode).toBe(200);
    expect((await w.call('POST', `/api/services/tasks/${review.id}/claim`, sci)).statusCode).toBe(409);
    // A colleague in the same department cannot decide a task someone else holds.
    const colleague = await createTestUser(w.t, 'officer', { departmentId: sci.departmentId! });
    const held = await w.call('POST', `/api/services/tasks/${review.id}/approve`, colleague, {});
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe('SERVICES_TASK_NOT_CLAIMER');
    expect((await w.call('POST', `/api/services/tasks/${review.id}/reject`, sci, {})).statusCode).toBe(400);
    const rej = await w.call('POST', `/api/services/tasks/${review.id}/reject`, sci, {
      reason: '贷款不属于科技贷款',
    });
    expect(rej.statusCode).toBe(200);
    const final = (await w.call('GET', `/api/services/applications/${app.id}`, w.ent)).json<App>();
    expect(final.status).toBe('rejected');
    expect(final.tasks.map((t) => t.status)).toEqual(['rejected', 'cancelled']);
    expect((await w.call('POST', `/api/services/tasks/${review.id}/approve`, sci, {})).statusCode).toBe(409);
  });
});

describe('credit gate', () => {
  let other: Awaited<ReturnType<typeof w.officer>>;
  beforeAll(async () => {
    other = await w.officer('COURT');
    await sql`insert into credit_list_entry (list_code, uscc, entity_name, enterprise_id, department_id, reason, basis, entered_on, exit_on)
      values ('dishonest-executee', ${w.enterprise.uscc}, '苏州相城测试科技有限公司', ${w.enterprise.id}, ${other.departmentId}, '拒不履行生效判决', '《最高人民法院关于公布失信被执行人名单信息的若干规定》', '2026-01-05', '2029-01-05')`.execute(
      w.t.ctx.db,
    );
  });
  afterAll(async () => {
    await sql`delete from credit_list_entry where uscc = ${w.enterprise.uscc}`.execute(w.t.ctx.db);
    await sql`delete from credit_sanction where code = 'test-block-application'`.execute(w.t.ctx.db);
  });

  it('refuses 告知承诺 to a 失信 entity and flags its applications', async () => {
    const pre = await w.call('POST', '/api/services/precheck', w.ent, {
      bundleCode: 'enterprise-opening',
      promise: true,
    });
    expect(pre.statusCode).toBe(200);
    expect(pre.json()).toMatchObject({ allowed: false, promiseAllowed: false, decision: 'block' });
    expect(pre.json().reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['black-no-commitment', 'black-close-review']),
    );
    const body = await w.sampleSubmission(w.ent, 'enterprise-opening');
    const refused = await w.submit(w.ent, { ...body, promise: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('SERVICES_PROMISE_REFUSED');
    expect(refused.json().reasons.length).toBeGreaterThan(0);
    const flagged = await w.submit(w.ent, body);
    expect(flagged.statusCode).toBe(201);
    expect(flagged.json<App>().creditFlags.map((f) => f.code)).toContain('black-close-review');
    const task = flagged.json<App>().tasks.find((t) => t.status === 'pending')!;
    const queue = (await w.call('GET', `/api/services/tasks/${task.id}`, await w.officer('SAMR'))).json();
    expect(queue.creditFlags[0].code).toBe('black-close-review');
    // An individual is not on the enterprise lists.
    const person = await w.call('POST', '/api/services/precheck', w.person, {
      bundleCode: 'retirement',
      promise: false,
    });
    expect(person.json()).toMatchObject({ allowed: true, decision: 'allow' });
  });

  it('blocks the application when a listed measure says block', async () => {
    await sql`insert into credit_sanction (code, name, trigger, purposes, decision, effect, message, basis)
      values ('test-block-application', '失信被执行人限制申办', ${JSON.stringify({ type: 'list', list: 'dishonest-executee' })}::jsonb,
              ${['application']}::text[], 'block', 'restriction', '失信被执行人不得申办', '测试依据')`.execute(
      w.t.ctx.db,
    );
    const res = await w.submit(w.ent, await w.sampleSubmission(w.ent, 'employee-hiring'));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('SERVICES_CREDIT_BLOCKED');
    const params = res.json<{ params: { measures: string; codes: string[]; count: number } }>().params;
    expect(params.codes).toContain('test-block-application');
    expect(params.measures).toContain('失信被执行人不得申办');
    expect(params.count).toBe(params.codes.length);
  });
});

describe('simple deregistration (简易注销)', () => {
  it('publishes a 20-day notice; an objection ends the simple procedure', async () => {
    clock.set('2026-11-02T02:00:00Z');
    const res = await w.submit(w.ent, await w.sampleSubmission(w.ent, 'simple-deregistration'));
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json<App>();
    expect(app.status).toBe('notice');
    expect(app.notice).toMatchObject({ status: 'running', startsOn: '2026-11-02', endsOn: '2026-11-21' });
    expect(app.tasks.every((t) => t.status === 'waiting')).toBe(true);
    const notices = (await w.call('GET', '/api/services/deregistration-notices?status=running')).json<{
      items: { id: string; uscc: string }[];
    }>();
    expect(notices.items.map((n) => n.uscc)).toContain(w.enterprise.uscc);
    clock.set('2026-11-10T02:00:00Z');
    const bad = await w.call(
      'POST',
      `/api/services/deregistration-notices/${app.notice!.id}/objections`,
      undefined,
      { name: '', contact: 'x', reason: '' },
    );
    expect(bad.statusCode).toBe(400);
    const obj = await w.call(
      'POST',
      `/api/services/deregistration-notices/${app.notice!.id}/objections`,
      undefined,
      { name: '苏州某供应商', contact: '0512-66666666', reason: '尚有货款 12 万元未结清' },
      { 'idempotency-key': randomUUID() },
    );
    expect(obj.statusCode).toBe(201);
    const after = (await w.call('GET', `/api/services/applications/${app.id}`, w.ent)).json<App>();
    expect(after.status).toBe('objected');
    expect(after.notice).toMatchObject({ status: 'objected' });
    expect(after.tasks.every((t) => t.status === 'cancelled')).toBe(true);
    const late = await w.call(
      'POST',
      `/api/services/deregistration-notices/${app.notice!.id}/objections`,
      undefined,
      { name: 'x', contact: '123', reason: '再次异议' },
    );
    expect(late.statusCode).toBe(409);
    clock.set('2026-11-27T02:00:00Z');
  });

  it('completes automatically when the notice ends without objection (job)', async () => {
    clock.set('2026-11-03T02:00:00Z');
    const app = (await w.submit(w.ent, await w.sampleSubmission(w.ent, 'simple-deregistration'))).json<App>();
    expect(app.notice!.endsOn).toBe('2026-11-22');
    const job = closeNoticesJob(w.t.ctx);
    const run = { jobId: 'test', logger: w.t.ctx.logger, progress: () => undefined };
    clock.set('2026-11-22T02:00:00Z'); // last day of the notice: still running
    await job.handler({}, run);
    expect((await w.call('GET', `/api/services/applications/${app.id}`, w.ent)).json<App>().status).toBe(
      'notice',
    );
    clock.set('2026-11-23T02:00:00Z');
    expect(await job.handler({}, run)).toMatchObject({ completed: 1 });
    expect(await job.handler({}, run)).toMatchObject({ completed: 0 });
    const done = (await w.call('GET', `/api/services/applications/${app.id}`, w.ent)).json<App>();
    expect(done.status).toBe('completed');
    expect(done.notice!.status).toBe('ended');
    expect(done.tasks.every((t) => t.status === 'approved')).toBe(true);
    expect(done.results.map((r) => r.name)).toContain('准予简易注销登记通知书');
    const objection = await w.call(
      'POST',
      `/api/services/deregistration-notices/${app.notice!.id}/objections`,
      undefined,
      { name: 'x', contact: '123', reason: '太晚了' },
    );
    expect(objection.statusCode).toBe(409);
    clock.set('2026-11-27T02:00:00Z');
  });

  it('needs an enterprise account', async () => {
    const body = await w.sampleSubmission(w.person, 'simple-deregistration');
    const res = await w.submit(w.person, body);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('SERVICES_ENTERPRISE_REQUIRED');
  });
});

describe('prefill, lists, administration and metrics', () => {
  it('prefills from the enterprise profile and earlier submissions', async () => {
    const pre = (await w.call('GET', '/api/services/bundles/enterprise-change/prefill', w.ent)).json<{
      values: Record<string, unknown>;
      sources: Record<string, string>;
    }>();
    expect(pre.values.uscc).toBe(w.enterprise.uscc);
    expect(pre.sources.uscc).toBe('profile');
    expect(pre.values.companyName).toBe('苏州相城测试科技有限公司');
    const retire = (await w.call('GET', '/api/services/bundles/retirement/prefill', w.person)).json<{
      values: Record<string, unknown>;
      sources: Record<string, string>;
    }>();
    expect(retire.sources.personName).toBe('earlier');
  });

  it('lists own applications, paged and filtered', async () => {
    const page = (await w.call('GET', '/api/services/applications?pageSize=2', w.ent)).json<{
      items: unknown[];
      total: number;
      page: number;
      pageSize: number;
    }>();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(10);
    const completed = (
      await w.call('GET', '/api/services/applications?status=completed&pageSize=100', w.ent)
    ).json<{ items: { status: string }[] }>();
    expect(completed.items.every((i) => i.status === 'completed')).toBe(true);
    const mine = (await w.call('GET', '/api/services/applications', w.person)).json<{
      items: { bundleCode: string }[];
    }>();
    expect(mine.items.every((i) => i.bundleCode !== 'enterprise-opening')).toBe(true);
    const all = (await w.call('GET', '/api/services/applications/all?pageSize=100', w.office)).json<{
      total: number;
    }>();
    expect(all.total).toBeGreaterThan(page.total);
  });

  it('lets the office add a bundle without code, checking its graph', async () => {
    const cyclic = await w.call('POST', '/api/services/bundles', w.office, {
      code: 'test-cycle',
      name: '循环套餐',
      category: 'other',
      description: '',
      items: ['hrss-employment-registration', 'hrss-si-enrolment'],
      tasks: [
        { key: 'a', itemCode: 'hrss-employment-registration', dependsOn: ['b'] },
        { key: 'b', itemCode: 'hrss-si-enrolment', dependsOn: ['a'] },
      ],
    });
    expect(cyclic.statusCode).toBe(400);
    expect(cyclic.json().code).toBe('SERVICES_BUNDLE_INVALID');
    const created = await w.call('POST', '/api/services/bundles', w.office, {
      code: 'talent-settle',
      name: '人才落户安居',
      category: 'other',
      description: '就业登记与公积金个人账户一次办',
      items: ['hrss-employment-registration', 'fund-personal-account'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().tasks.every((t: { dependsOn: string[] }) => t.dependsOn.length === 0)).toBe(true);
    expect(
      (
        await w.call('POST', '/api/services/bundles', w.office, {
          code: 'talent-settle',
          name: '重复',
          category: 'other',
          description: '',
          items: ['hrss-employment-registration'],
        })
      ).statusCode,
    ).toBe(409);
    const app = await w.submit(w.ent, await w.sampleSubmission(w.ent, 'talent-settle'));
    expect(app.statusCode).toBe(201);
    expect(await w.processAll(app.json<App>().id)).toBe(2);
    const off = await w.call('PUT', '/api/services/bundles/talent-settle', w.office, {
      code: 'talent-settle',
      name: '人才落户安居',
      category: 'other',
      description: '暂停',
      items: ['hrss-employment-registration', 'fund-personal-account'],
      active: false,
    });
    expect(off.statusCode).toBe(200);
    expect(
      (await w.call('GET', '/api/services/bundles')).json<{ code: string }[]>().map((b) => b.code),
    ).not.toContain('talent-settle');
    const closed = await w.submit(w.ent, await w.sampleSubmission(w.ent, 'talent-settle'));
    expect(closed.json().code).toBe('SERVICES_BUNDLE_INACTIVE');
    // Items too: shorter deadline, persisted.
    const item = (await w.call('GET', '/api/services/items/fund-personal-account')).json();
    const put = await w.call('PUT', '/api/services/items/fund-personal-account', w.office, {
      ...item,
      deadlineWorkdays: 2,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await w.call('GET', '/api/services/items/fund-personal-account')).json().deadlineWorkdays).toBe(
      2,
    );
    const badSchema = await w.call('PUT', '/api/services/items/fund-personal-account', w.office, {
      ...item,
      formSchema: { type: 'object', properties: { a: { type: 'nonsense' } } },
    });
    expect(badSchema.statusCode).toBe(400);
    expect(badSchema.json().code).toBe('SERVICES_ITEM_INVALID');
  });

  it('publishes opening time, bundles live and zero-paper share', async () => {
    // A 企业开办 submitted on Friday 16:00 and finished Monday 10:00: 2 office hours = 0.25 working day.
    clock.set('2026-11-20T08:00:00Z');
    const app = (await w.submit(w.ent, await w.sampleSubmission(w.ent, 'enterprise-opening'))).json<App>();
    clock.set('2026-11-23T02:00:00Z');
    await w.processAll(app.id);
    const [opening, bundles, paper] = servicesMetrics();
    const m = await opening!.compute(w.t.ctx, '2026-11', new Date('2026-11-30T00:00:00Z'));
    expect(m.detail).toMatchObject({ applications: expect.any(Number) });
    const samples = m.detail!.applications as number;
    expect(samples).toBeGreaterThanOrEqual(2);
    expect(m.value).not.toBeNull();
    expect(await opening!.compute(w.t.ctx, '2025-01', new Date('2025-02-01T00:00:00Z'))).toEqual({
      value: null,
      detail: { applications: 0 },
    });
    const b = await bundles!.compute(w.t.ctx, '2022-06', new Date('2022-07-01T00:00:00Z'));
    const later = await bundles!.compute(w.t.ctx, '2026-11', new Date('2026-11-30T00:00:00Z'));
    expect(b.value).toBeLessThan(later.value!);
    expect(later.value).toBeGreaterThanOrEqual(15);
    const z = await paper!.compute(w.t.ctx, '2026-11', new Date('2026-11-30T00:00:00Z'));
    expect(z.value).toBe(100);
    const overview = (await w.call('GET', '/api/services/overview', w.office)).json<{
      bundlesLive: number;
      openingTime: { count: number; histogram: { bucket: string; count: number }[]; medianWorkdays: number };
      applications: { byStatus: Record<string, number> };
    }>();
    expect(overview.bundlesLive).toBeGreaterThanOrEqual(17);
    expect(overview.openingTime.histogram.reduce((n, h) => n + h.count, 0)).toBe(overview.openingTime.count);
    expect(overview.openingTime.histogram[0]!.count).toBeGreaterThanOrEqual(1);
    expect(overview.applications.byStatus.completed).toBeGreaterThan(10);
    clock.set('2026-11-27T02:00:00Z');
  });
});
