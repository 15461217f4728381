/**
 * Applicant side: precheck (credit gate), prefill, submission (one combined form, one set of materials, the task
 * graph started), own applications, answering supplements. Officers and the office read applications too.
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Db } from '../../kernel/db/database.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import { can, type Actor } from '../../kernel/policy.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { checkSanctions, recordApplicationCommitment } from '../credit/index.ts';
import { findEnterpriseSummary, getEnterprise } from '../enterprise/index.ts';
import { attachFile, getFile, type FileDto } from '../files/index.ts';
import { notifyDepartment } from '../notifications/index.ts';
import {
  eventsOf,
  findApplication,
  insertEvents,
  listApplicationRows,
  nextApplicationNumber,
  noticeOf,
  recentForms,
  resultsOf,
  supplementsOf,
  tasksOf,
  type ApplicationRow,
} from './applications.repository.ts';
import type {
  AnswerSupplementInput,
  ApplicationDto,
  ApplicationPageDto,
  ApplicationSummaryDto,
  ListQueryInput,
  MaterialInputDto,
  NoticeDto,
  PrecheckDto,
  PrefillDto,
  SubmitInput,
} from './applications.schemas.ts';
import { validateForm } from './bundle-form.ts';
import {
  findBundleForUse,
  getCatalogue,
  servicesSettings,
  type Catalogue,
  type CatalogueBundle,
} from './catalogue.service.ts';
import { canSeeApplication, isApplicant } from './services.policy.ts';
import './services.errors.ts';
import {
  servicesDb,
  type CreditFlag,
  type FileExt,
  type MaterialSpec,
  type SubmittedMaterial,
} from './services.tables.ts';
import { initialState } from './services.workflow.ts';
import { estimateOrNull, runTransition } from './transition.ts';

export const OWNER_MODULE = 'services';

// ---------------------------------------------------------------------------------------------------------------
// DTOs

export function summaryDto(r: ApplicationRow, c: Catalogue): ApplicationSummaryDto {
  return {
    id: r.id,
    number: r.number,
    bundleCode: r.bundle_code,
    bundleName: c.bundles.get(r.bundle_code)?.name ?? r.bundle_code,
    status: r.status,
    submittedAt: new Date(r.submitted_at).toISOString(),
    dueDate: r.due_date,
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    applicantName: r.applicant_name,
    enterpriseId: r.enterprise_id,
  };
}

function noticeDto(n: {
  id: string;
  application_id: string;
  enterprise_name: string;
  uscc: string;
  starts_on: string;
  ends_on: string;
  status: NoticeDto['status'];
  objections: number;
}): NoticeDto {
  return {
    id: n.id,
    applicationId: n.application_id,
    enterpriseName: n.enterprise_name,
    uscc: n.uscc,
    startsOn: n.starts_on,
    endsOn: n.ends_on,
    status: n.status,
    objections: n.objections,
  };
}

export { noticeDto };

async function applicationDto(db: Db, r: ApplicationRow, c: Catalogue): Promise<ApplicationDto> {
  const [tasks, events, results, supplements, notice] = await Promise.all([
    tasksOf(db, r.id),
    eventsOf(db, r.id),
    resultsOf(db, r.id),
    supplementsOf(db, r.id),
    noticeOf(db, r.id),
  ]);
  const bundle = c.bundles.get(r.bundle_code);
  const materialNames = new Map((bundle?.composed.materials ?? []).map((m) => [m.code, m.name]));
  return {
    ...summaryDto(r, c),
    form: r.form,
    promise: r.promise,
    creditFlags: r.credit_flags,
    materials: r.materials.map((m) => {
      const name = materialNames.get(m.code) ?? m.code;
      if ('fileId' in m) return { code: m.code, name, fileId: m.fileId, fileName: m.fileName };
      if ('replacedBy' in m) return { code: m.code, name, replacedBy: m.replacedBy, ref: m.ref };
      if ('paper' in m) return { code: m.code, name, paper: true };
      return { code: m.code, name, promise: true };
    }),
    tasks: tasks.map((t) => ({
      id: t.id,
      key: t.key,
      itemCode: t.item_code,
      name: t.name,
      department: c.departments.get(t.department_id) ?? '',
      departmentId: t.department_id,
      dependsOn: t.depends_on,
      status: t.status,
      deadlineWorkdays: t.deadline_workdays,
      startedOn: t.started_on,
      dueDate: t.due_date,
      claimedBy: t.claimed_by_name,
      finishedAt: t.finished_at ? new Date(t.finished_at).toISOString() : null,
      comment: t.comment,
      pausedWorkdays: t.paused_workdays,
    })),
    timeline: events.map((e) => ({
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      actor: e.actor,
      taskId: e.task_id,
      text: e.text,
    })),
    results: results.map((x) => ({
      kind: x.kind,
      name: x.name,
      number: x.number,
      fileId: x.file_id,
      issuedAt: new Date(x.issued_at).toISOString(),
      itemCode: x.item_code,
    })),
    supplements: supplements.map((s) => ({
      id: s.id,
      taskId: s.task_id,
      requestedAt: new Date(s.requested_at).toISOString(),
      reason: s.reason,
      materials: s.materials,
      answeredAt: s.answered_at ? new Date(s.answered_at).toISOString() : null,
      note: s.note,
    })),
    ...(notice ? { notice: noticeDto(notice) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Credit gate

interface GateResult extends PrecheckDto {
  flags: CreditFlag[];
}

/**
 * The credit module's sanctions for this applicant: `application` for the bundle itself, `commitment` when a
 * 告知承诺 is chosen or offered. Individuals (no enterprise) are not on the enterprise lists: allowed.
 */
async function creditGate(
  ctx: AppContext,
  actor: Actor,
  bundle: CatalogueBundle,
  promise: boolean,
  mode: 'precheck' | 'submit' = 'precheck',
): Promise<GateResult> {
  const offered = bundle.composed.promiseAllowed;
  // At submission the commitment check is needed only when 告知承诺 is chosen; the precheck shows it either way.
  const checkCommitment = offered && (promise || mode === 'precheck');
  if (!actor.enterpriseId) {
    return { allowed: true, promiseAllowed: offered, decision: 'allow', reasons: [], flags: [] };
  }
  const [app, commitment] = await Promise.all([
    checkSanctions(ctx, { enterpriseId: actor.enterpriseId }, 'application'),
    checkCommitment
      ? checkSanctions(ctx, { enterpriseId: actor.enterpriseId }, 'commitment')
      : Promise.resolve(undefined),
  ]);
  const reasons: PrecheckDto['reasons'] = app.reasons
    .filter((r) => r.effect === 'restriction')
    .map((r) => ({
      code: r.code,
      message: r.message,
      decision: r.decision,
      basis: r.basis,
      purpose: 'application' as const,
    }));
  const promiseBlocked = commitment?.decision === 'block';
  if (promise && commitment) {
    for (const r of commitment.reasons.filter((x) => x.effect === 'restriction')) {
      reasons.push({
        code: r.code,
        message: r.message,
        decision: r.decision,
        basis: r.basis,
        purpose: 'commitment',
      });
    }
  }
  const appBlocked = app.decision === 'block';
  const blocked = appBlocked || (promise && promiseBlocked);
  const flagged = reasons.some((r) => r.decision === 'flag');
  return {
    allowed: !blocked,
    promiseAllowed: offered && !promiseBlocked,
    decision: blocked ? 'block' : flagged ? 'flag' : 'allow',
    reasons,
    flags: reasons.filter((r) => r.decision === 'flag').map((r) => ({ code: r.code, message: r.message })),
  };
}

export async function precheck(
  ctx: AppContext,
  actor: Actor,
  input: { bundleCode: string; promise: boolean },
): Promise<PrecheckDto> {
  const { bundle } = await findBundleForUse(ctx, input.bundleCode);
  const { flags: _flags, ...dto } = await creditGate(ctx, actor, bundle, input.promise);
  return dto;
}

// ---------------------------------------------------------------------------------------------------------------
// Prefill

const PROFILE_FIELDS: Record<string, (e: Awaited<ReturnType<typeof getEnterprise>>) => unknown> = {
  companyName: (e) => e.name,
  uscc: (e) => e.uscc,
  legalRepresentative: (e) => e.legalRepresentative,
  address: (e) => e.address,
  registeredCapital: (e) => e.registeredCapital,
  employees: (e) => e.employees,
};

export async function prefill(ctx: AppContext, actor: Actor, bundleCode: string): Promise<PrefillDto> {
  const { bundle } = await findBundleForUse(ctx, bundleCode);
  const props = Object.keys(bundle.composed.formSchema.properties ?? {});
  const values: Record<string, unknown> = {};
  const sources: PrefillDto['sources'] = {};
  if (actor.enterpriseId && can(actor, 'enterprise.read')) {
    const e = await getEnterprise(ctx, actor, actor.enterpriseId);
    for (const f of props) {
      const get = PROFILE_FIELDS[f];
      if (!get) continue;
      values[f] = get(e);
      sources[f] = 'profile';
    }
  }
  for (const row of await recentForms(ctx.db, actor.userId, 20)) {
    for (const f of props) {
      if (f in values) continue;
      const v = row.form[f];
      if (v === undefined || v === null || v === '') continue;
      values[f] = v;
      sources[f] = 'earlier';
    }
  }
  return { values, sources };
}

// ---------------------------------------------------------------------------------------------------------------
// Submission

const EXT_OF_TYPE: Record<string, FileExt> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/ofd': 'ofd',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** Checks one uploaded file against a material's accepted types and size; the file must be the actor's own. */
async function checkMaterialFile(
  ctx: AppContext,
  actor: Actor,
  spec: MaterialSpec,
  fileId: string,
  field: string,
  errors: FieldViolation[],
): Promise<FileDto | undefined> {
  let file: FileDto;
  try {
    file = await getFile(ctx, actor, fileId);
  } catch {
    errors.push({ field: `${field}/fileId`, rule: 'exists', message: 'no such upload of yours' });
    return undefined;
  }
  const ext = EXT_OF_TYPE[file.contentType.split(';')[0]!.trim()];
  if (!ext || !spec.accept.includes(ext)) {
    errors.push({
      field: `${field}/fileId`,
      rule: 'accept',
      message: `${spec.name}: file type ${file.contentType} not accepted (allowed: ${spec.accept.join(', ')})`,
    });
  }
  if (file.sizeBytes > spec.maxBytes) {
    errors.push({
      field: `${field}/fileId`,
      rule: 'maxBytes',
      message: `${spec.name}: file is ${file.sizeBytes} bytes, at most ${spec.maxBytes}`,
    });
  }
  return file;
}

function failValidation(errors: FieldViolation[]): never {
  throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    errors,
  });
}

export async function submitApplication(
  ctx: AppContext,
  actor: Actor,
  input: SubmitInput,
  origin: AuditOrigin,
): Promise<ApplicationDto> {
  const { bundle, catalogue } = await findBundleForUse(ctx, input.bundleCode);
  if (!bundle.active) throw new AppError('SERVICES_BUNDLE_INACTIVE', `“${bundle.name}”暂未开放申请。`);
  if (bundle.kind === 'simple_deregistration' && !actor.enterpriseId) {
    throw new AppError('SERVICES_ENTERPRISE_REQUIRED', '简易注销须由企业账号申请。');
  }
  const errors: FieldViolation[] = [];
  if (input.promise && !bundle.composed.promiseAllowed) {
    errors.push({
      field: '/body/promise',
      rule: 'promiseAllowed',
      message: 'this bundle offers no 告知承诺',
    });
  }
  errors.push(...validateForm(bundle.composed.formSchema, input.form));

  // Materials: known codes, once each, required ones present, replacement allowed, files of the right kind.
  const specs = new Map(bundle.composed.materials.map((m) => [m.code, m]));
  const given = new Map<string, MaterialInputDto>();
  const files: { index: number; input: { code: string; fileId: string }; file: FileDto | undefined }[] = [];
  for (const [i, m] of input.materials.entries()) {
    const field = `/body/materials/${i}`;
    const spec = specs.get(m.code);
    if (!spec) {
      errors.push({ field: `${field}/code`, rule: 'exists', message: `unknown material ${m.code}` });
      continue;
    }
    if (given.has(m.code)) {
      errors.push({ field: `${field}/code`, rule: 'unique', message: `material ${m.code} given twice` });
      continue;
    }
    given.set(m.code, m);
    if ('replacedBy' in m && spec.replaceableBy !== m.replacedBy) {
      errors.push({
        field: `${field}/replacedBy`,
        rule: 'replaceableBy',
        message: `${spec.name} cannot be replaced by ${m.replacedBy}`,
      });
    }
    if ('fileId' in m) {
      files.push({
        index: i,
        input: m,
        file: await checkMaterialFile(ctx, actor, spec, m.fileId, field, errors),
      });
    }
  }
  for (const spec of specs.values()) {
    if (!spec.required || given.has(spec.code)) continue;
    if (input.promise && spec.promiseReplaces) continue;
    errors.push({
      field: `/body/materials/${spec.code}`,
      rule: 'required',
      message: `${spec.name} is required`,
    });
  }
  const fileIds = files.map((f) => f.input.fileId);
  if (new Set(fileIds).size !== fileIds.length) {
    errors.push({
      field: '/body/materials',
      rule: 'uniqueFiles',
      message: 'one upload cannot serve two materials',
    });
  }
  if (errors.length > 0) failValidation(errors);

  const gate = await creditGate(ctx, actor, bundle, input.promise, 'submit');
  if (!gate.allowed) {
    const promiseOnly = gate.reasons
      .filter((r) => r.decision === 'block')
      .every((r) => r.purpose === 'commitment');
    throw new AppError(
      promiseOnly ? 'SERVICES_PROMISE_REFUSED' : 'SERVICES_CREDIT_BLOCKED',
      `${promiseOnly ? '不适用告知承诺' : '受信用惩戒措施限制，不能申请'}：${gate.reasons
        .filter((r) => r.decision === 'block')
        .map((r) => r.message)
        .join('；')}`,
      { extra: { reasons: gate.reasons } },
    );
  }

  const now = ctx.clock.now();
  const today = chinaDate(now);
  const cal = await getWorkCalendar(ctx);
  const settings = servicesSettings();
  const wf = initialState(bundle.kind, bundle.composed.tasks, today, cal);
  const dueDate = estimateOrNull(wf, today, cal);
  const materials: SubmittedMaterial[] = [];
  for (const m of input.materials) {
    if ('fileId' in m) {
      const f = files.find((x) => x.input.fileId === m.fileId)!.file!;
      materials.push({
        code: m.code,
        fileId: f.id,
        fileName: f.name,
        contentType: f.contentType,
        sizeBytes: f.sizeBytes,
      });
    } else if ('replacedBy' in m)
      materials.push({ code: m.code, replacedBy: m.replacedBy, ref: m.ref ?? null });
    else materials.push({ code: m.code, paper: true });
  }
  if (input.promise) {
    for (const spec of specs.values()) {
      if (spec.promiseReplaces && !given.has(spec.code)) materials.push({ code: spec.code, promise: true });
    }
  }
  const enterprise = actor.enterpriseId ? await findEnterpriseSummary(ctx.db, actor.enterpriseId) : undefined;

  const id = await ctx.db.transaction().execute(async (trx) => {
    const t = servicesDb(trx);
    const number = await nextApplicationNumber(trx, settings.numberPrefix, today);
    const row = await t
      .insertInto('service_application')
      .values({
        number,
        bundle_code: bundle.code,
        applicant_id: actor.userId,
        applicant_name: enterprise?.name ?? actor.displayName,
        enterprise_id: actor.enterpriseId,
        status: wf.status,
        form: JSON.stringify(input.form),
        materials: JSON.stringify(materials),
        promise: input.promise,
        credit_flags: JSON.stringify(gate.flags),
        paper: materials.some((m) => 'paper' in m),
        submitted_at: now,
        submitted_on: today,
        due_date: dueDate,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    const taskRows = await t
      .insertInto('service_task')
      .values(
        bundle.composed.tasks.map((task, ord) => {
          const w = wf.tasks[ord]!;
          return {
            application_id: row.id,
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
      )
      .returning(['id', 'key', 'status', 'department_id', 'name'])
      .execute();
    for (const f of files) {
      await attachFile(trx, actor, f.input.fileId, { ownerModule: OWNER_MODULE, ownerId: row.id });
    }
    // 告知承诺: one credit commitment per department whose proofs the promise replaced, verified by that
    // department in the credit module (measure 46: fulfilment goes into the credit record).
    if (input.promise && enterprise) {
      const promised = materials.filter((m) => 'promise' in m).map((m) => specs.get(m.code)!);
      const byDepartment = new Map<string, string[]>();
      for (const spec of promised) {
        const task = bundle.composed.tasks.find((x) => spec.items.includes(x.itemCode));
        if (!task) continue;
        byDepartment.set(task.departmentId, [...(byDepartment.get(task.departmentId) ?? []), spec.name]);
      }
      for (const [departmentId, names] of byDepartment) {
        await recordApplicationCommitment(trx, origin, {
          enterpriseId: enterprise.id,
          uscc: enterprise.uscc,
          entityName: enterprise.name,
          departmentId,
          subject: `${bundle.name}（${number}）告知承诺`,
          content: `申请人承诺符合条件并以承诺代替提交：${names.join('、')}。`,
          applicationRef: number,
          committedOn: today,
          verifyBy: addCalendarDays(today, settings.promiseVerifyDays),
          createdBy: actor.userId,
        });
      }
    }
    const events: Parameters<typeof insertEvents>[1] = [
      {
        application_id: row.id,
        at: now,
        kind: 'submitted',
        actor: actor.displayName,
        task_id: null,
        text: `提交“${bundle.name}”申请${input.promise ? '（选择告知承诺）' : ''}${gate.flags.length ? `；信用提示：${gate.flags.map((f) => f.message).join('；')}` : ''}`,
      },
    ];
    if (bundle.kind === 'simple_deregistration') {
      const days = bundle.noticeDays ?? settings.noticeDays;
      const endsOn = addCalendarDays(today, days - 1);
      await t
        .insertInto('service_notice')
        .values({
          application_id: row.id,
          enterprise_name: enterprise?.name ?? actor.displayName,
          uscc: enterprise?.uscc ?? '',
          starts_on: today,
          ends_on: endsOn,
        })
        .execute();
      events.push({
        application_id: row.id,
        at: now,
        kind: 'notice_started',
        actor: '系统',
        task_id: null,
        text: `简易注销公示开始：${today} 至 ${endsOn}（${days}日），公示期内可提出异议`,
      });
    }
    for (const task of taskRows.filter((x) => x.status === 'pending')) {
      events.push({
        application_id: row.id,
        at: now,
        kind: 'task_started',
        actor: '系统',
        task_id: task.id,
        text: `${catalogue.departments.get(task.department_id) ?? ''}·${task.name}：开始办理`,
      });
      await notifyDepartment(trx, {
        departmentId: task.department_id,
        title: `新办件待办：${task.name}`,
        body: `${number}（${bundle.name}）已提交，请在时限内办理。`,
        link: `/services/queue/${task.id}`,
        category: 'services.task',
        dedupeKey: `services:task:${task.id}:started`,
      });
    }
    await insertEvents(trx, events);
    await appendAudit(trx, origin, {
      action: 'services.application_submitted',
      subjectType: 'service_application',
      subjectId: row.id,
      detail: {
        number,
        bundle: bundle.code,
        promise: input.promise,
        creditFlags: gate.flags.map((f) => f.code),
        tasks: taskRows.length,
        status: wf.status,
      },
    });
    return row.id;
  });
  return await applicationDto(ctx.db, (await findApplication(ctx.db, id))!, await getCatalogue(ctx));
}

function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

async function visibleApplication(ctx: AppContext, actor: Actor, id: string): Promise<ApplicationRow> {
  const row = await findApplication(ctx.db, id);
  if (row) {
    const depts = can(actor, 'services.process')
      ? (await tasksOf(ctx.db, row.id)).map((t) => t.department_id)
      : [];
    if (
      canSeeApplication(actor, {
        applicantId: row.applicant_id,
        enterpriseId: row.enterprise_id,
        taskDepartmentIds: depts,
      })
    ) {
      return row;
    }
  }
  throw new AppError('NOT_FOUND', `没有这个办件：${id}`);
}

export async function getApplication(ctx: AppContext, actor: Actor, id: string): Promise<ApplicationDto> {
  const row = await visibleApplication(ctx, actor, id);
  return applicationDto(ctx.db, row, await getCatalogue(ctx));
}

export async function listOwnApplications(
  ctx: AppContext,
  actor: Actor,
  q: ListQueryInput,
): Promise<ApplicationPageDto> {
  const page = await listApplicationRows(
    ctx.db,
    {
      applicantId: actor.userId,
      ...(actor.enterpriseId ? { enterpriseId: actor.enterpriseId } : {}),
      status: q.status,
      bundleCode: q.bundleCode,
    },
    q.page,
    q.pageSize,
  );
  const c = await getCatalogue(ctx);
  return {
    items: page.items.map((r) => summaryDto(r, c)),
    total: page.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function listAllApplications(ctx: AppContext, q: ListQueryInput): Promise<ApplicationPageDto> {
  const page = await listApplicationRows(
    ctx.db,
    { status: q.status, bundleCode: q.bundleCode },
    q.page,
    q.pageSize,
  );
  const c = await getCatalogue(ctx);
  return {
    items: page.items.map((r) => summaryDto(r, c)),
    total: page.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Supplements (补正)

export async function answerSupplement(
  ctx: AppContext,
  actor: Actor,
  applicationId: string,
  supplementId: string,
  input: AnswerSupplementInput,
  origin: AuditOrigin,
): Promise<ApplicationDto> {
  const app = await findApplication(ctx.db, applicationId);
  if (!app || !isApplicant(actor, { applicantId: app.applicant_id, enterpriseId: app.enterprise_id })) {
    throw new AppError('NOT_FOUND', `没有这个办件：${applicationId}`);
  }
  const catalogue = await getCatalogue(ctx);
  const bundle = catalogue.bundles.get(app.bundle_code);
  const specs = new Map((bundle?.composed.materials ?? []).map((m) => [m.code, m]));
  const errors: FieldViolation[] = [];
  const files: { code: string; file: FileDto }[] = [];
  for (const [i, m] of input.materials.entries()) {
    const spec = specs.get(m.code);
    const field = `/body/materials/${i}`;
    if (!spec) {
      errors.push({ field: `${field}/code`, rule: 'exists', message: `unknown material ${m.code}` });
      continue;
    }
    const f = await checkMaterialFile(ctx, actor, spec, m.fileId, field, errors);
    if (f) files.push({ code: m.code, file: f });
  }
  if (errors.length > 0) failValidation(errors);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const cal = await getWorkCalendar(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const t = servicesDb(trx);
    const s = await t
      .selectFrom('service_supplement')
      .selectAll()
      .where('id', '=', supplementId)
      .where('application_id', '=', applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) throw new AppError('NOT_FOUND', `没有这项补正要求：${supplementId}`);
    if (s.answered_at) throw new AppError('SERVICES_SUPPLEMENT_ANSWERED', '该补正要求已答复。');
    const task = await t
      .selectFrom('service_task')
      .select(['key', 'department_id', 'name'])
      .where('id', '=', s.task_id)
      .executeTakeFirstOrThrow();
    for (const f of files)
      await attachFile(trx, actor, f.file.id, { ownerModule: OWNER_MODULE, ownerId: applicationId });
    const answer: SubmittedMaterial[] = files.map((f) => ({
      code: f.code,
      fileId: f.file.id,
      fileName: f.file.name,
      contentType: f.file.contentType,
      sizeBytes: f.file.sizeBytes,
    }));
    await t
      .updateTable('service_supplement')
      .set({ answered_at: now, note: input.note.trim() || null, answer_materials: JSON.stringify(answer) })
      .where('id', '=', s.id)
      .execute();
    if (answer.length > 0) {
      // The newest upload of a material replaces the earlier one in the application's material list.
      const current = (await findApplication(trx, applicationId, true))!;
      const replaced = current.materials.filter((m) => !answer.some((a) => a.code === m.code));
      await t
        .updateTable('service_application')
        .set({ materials: JSON.stringify([...replaced, ...answer]) })
        .where('id', '=', applicationId)
        .execute();
    }
    await notifyDepartment(trx, {
      departmentId: task.department_id,
      title: `申请人已补正：${app.number}`,
      body: `${task.name}：申请人已补正材料${input.note.trim() ? `（${input.note.trim().slice(0, 200)}）` : ''}，办理时限恢复计算。`,
      link: `/services/queue/${s.task_id}`,
      category: 'services.task',
      dedupeKey: `services:supplement:${s.id}:answered`,
    });
    await runTransition(trx, {
      applicationId,
      cmd: { type: 'answer_supplement', key: task.key },
      today,
      now,
      cal,
      catalogue,
      actorName: actor.displayName,
      origin,
      action: 'services.supplement_answered',
    });
  });
  return applicationDto(ctx.db, (await findApplication(ctx.db, applicationId))!, catalogue);
}
