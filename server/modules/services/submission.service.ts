/**
 * Submission: one combined form, one set of materials, the credit gate, then the workflow's `submit` run by the
 * same transition code as every later step (tasks, timeline, notifications, audit).
 */
import type { AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { recordApplicationCommitment } from '../credit/index.ts';
import { findEnterpriseSummary } from '../enterprise/index.ts';
import { attachFile, type FileDto } from '../files/index.ts';
import { applicationDto } from './application-dto.ts';
import { findApplication, nextApplicationNumber } from './applications.repository.ts';
import type { ApplicationDto, MaterialInputDto, SubmitInput } from './applications.schemas.ts';
import { validateForm } from './bundle-form.ts';
import { findBundleForUse, getCatalogue, servicesSettings } from './catalogue.service.ts';
import { addCalendarDays } from './deadlines.ts';
import { checkMaterialFile, failValidation, OWNER_MODULE } from './material-check.ts';
import { creditGate } from './precheck.service.ts';
import type { SubmittedMaterial } from './services.tables.ts';
import { runTransition } from './transition.ts';

export async function submitApplication(
  ctx: AppContext,
  actor: Actor,
  input: SubmitInput,
  origin: AuditOrigin,
): Promise<ApplicationDto> {
  const { bundle, catalogue } = await findBundleForUse(ctx, input.bundleCode);
  if (!bundle.active)
    throw new AppError('SERVICES_BUNDLE_INACTIVE', `${bundle.code} is not open for applications.`, {
      params: { code: bundle.code, name: bundle.name },
    });
  if (bundle.kind === 'simple_deregistration' && !actor.enterpriseId) {
    throw new AppError(
      'SERVICES_ENTERPRISE_REQUIRED',
      'Simple deregistration is applied for by an enterprise account.',
      {
        params: { code: bundle.code, name: bundle.name },
      },
    );
  }
  const errors: FieldViolation[] = [];
  if (input.promise && !bundle.composed.promiseAllowed) {
    errors.push({
      field: '/body/promise',
      rule: 'promiseAllowed',
      message: 'this bundle offers no promise (告知承诺) procedure',
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
    const blocking = gate.reasons.filter((r) => r.decision === 'block');
    // The measures' own messages (configured data) are joined into one scalar so the web can place them.
    const measures = blocking.map((r) => r.message).join('; ');
    const codes = blocking.map((r) => r.code);
    throw new AppError(
      promiseOnly ? 'SERVICES_PROMISE_REFUSED' : 'SERVICES_CREDIT_BLOCKED',
      `${promiseOnly ? 'The promise procedure is not available' : 'Blocked by a credit sanction'}: ${measures}`,
      { params: { measures, codes, count: blocking.length }, extra: { reasons: gate.reasons } },
    );
  }

  const now = ctx.clock.now();
  const today = chinaDate(now);
  const cal = await getWorkCalendar(ctx);
  const settings = servicesSettings();
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
    const number = await nextApplicationNumber(trx, settings.numberPrefix, today);
    // Files and commitments belong to the new application: written once its row exists, before the audit entry.
    const onCreated = async (row: { id: string }) => {
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
    };
    const r = await runTransition(trx, {
      cmd: { type: 'submit' },
      draft: {
        number,
        bundle,
        applicantId: actor.userId,
        applicantName: enterprise?.name ?? actor.displayName,
        enterpriseId: actor.enterpriseId,
        form: input.form,
        materials,
        promise: input.promise,
        creditFlags: gate.flags,
        notice:
          bundle.kind === 'simple_deregistration'
            ? {
                enterpriseName: enterprise?.name ?? actor.displayName,
                uscc: enterprise?.uscc ?? '',
                days: bundle.noticeDays ?? settings.noticeDays,
              }
            : null,
      },
      onCreated,
      today,
      now,
      cal,
      catalogue,
      actorName: actor.displayName,
      origin,
      action: 'services.application_submitted',
    });
    return r.applicationId;
  });
  return await applicationDto(ctx.db, (await findApplication(ctx.db, id))!, await getCatalogue(ctx));
}
