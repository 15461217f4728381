/** Answering a supplement request (补正): new uploads replace the material, the task's clock resumes. */
import type { AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { attachFile, type FileDto } from '../files/index.ts';
import { notifyDepartment } from '../notifications/index.ts';
import { applicationDto } from './application-dto.ts';
import {
  findApplication,
  findTask,
  lockSupplement,
  recordSupplementAnswer,
  updateApplication,
} from './applications.repository.ts';
import type { AnswerSupplementInput, ApplicationDto } from './applications.schemas.ts';
import { getCatalogue } from './catalogue.service.ts';
import { checkMaterialFile, failValidation, OWNER_MODULE } from './material-check.ts';
import { isApplicant } from './services.policy.ts';
import type { SubmittedMaterial } from './services.tables.ts';
import { runTransition } from './transition.ts';

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
    throw new AppError('NOT_FOUND', `No application ${applicationId}.`, {
      params: { reason: 'services-application', id: applicationId },
    });
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
    const s = await lockSupplement(trx, applicationId, supplementId);
    if (!s)
      throw new AppError('NOT_FOUND', `No supplement request ${supplementId}.`, {
        params: { reason: 'services-supplement', id: supplementId },
      });
    if (s.answered_at)
      throw new AppError('SERVICES_SUPPLEMENT_ANSWERED', 'The supplement request was already answered.');
    const task = await findTask(trx, s.task_id);
    if (!task) throw new Error(`supplement ${s.id} names no task`);
    for (const f of files)
      await attachFile(trx, actor, f.file.id, { ownerModule: OWNER_MODULE, ownerId: applicationId });
    const answer: SubmittedMaterial[] = files.map((f) => ({
      code: f.code,
      fileId: f.file.id,
      fileName: f.file.name,
      contentType: f.file.contentType,
      sizeBytes: f.file.sizeBytes,
    }));
    await recordSupplementAnswer(trx, s.id, {
      answeredAt: now,
      note: input.note.trim() || null,
      materials: JSON.stringify(answer),
    });
    if (answer.length > 0) {
      // The newest upload of a material replaces the earlier one in the application's material list.
      const current = (await findApplication(trx, applicationId, true))!;
      const replaced = current.materials.filter((m) => !answer.some((a) => a.code === m.code));
      await updateApplication(trx, applicationId, { materials: JSON.stringify([...replaced, ...answer]) });
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
