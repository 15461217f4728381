/**
 * Reading applications: one application (its applicant, the enterprise, the departments with a task in it and the
 * office), the applicant's own list and the office's list of all.
 */
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { can, type Actor } from '../../kernel/policy.ts';
import { applicationDto, summaryDto } from './application-dto.ts';
import { findApplication, listApplicationRows, tasksOf } from './applications.repository.ts';
import type { ApplicationDto, ApplicationPageDto, ListQueryInput } from './applications.schemas.ts';
import { getCatalogue } from './catalogue.service.ts';
import { canSeeApplication } from './services.policy.ts';
import type { ApplicationRow } from './services.tables.ts';

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
  throw new AppError('NOT_FOUND', `No application ${id}.`, {
    params: { reason: 'services-application', id },
  });
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
