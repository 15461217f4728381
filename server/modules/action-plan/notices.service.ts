/** Listing supervision notices (提醒, 督办单) by who may see them; the daily sweep that raises them is supervision.service. */
import type { AppContext } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/policy.ts';
import { noticeScope } from './action-plan.policy.ts';
import { loadDepartments, noticeDto } from './measure-views.service.ts';
import type { NoticeDto, NoticeListFilter } from './measures.schemas.ts';
import { listNoticeRows } from './notices.repository.ts';
import { findCurrentPlan } from './plan.repository.ts';

/** Notices: the leading-group office sees all, an officer only their department's, anyone else none. */
export async function listNotices(
  ctx: AppContext,
  actor: Actor,
  q: NoticeListFilter,
): Promise<{ items: NoticeDto[]; total: number }> {
  const scope = noticeScope(actor);
  if (scope.kind === 'none') return { items: [], total: 0 };
  const plan = await findCurrentPlan(ctx.db);
  if (!plan) return { items: [], total: 0 };
  const [page, departments] = await Promise.all([
    listNoticeRows(ctx.db, plan.id, {
      ...(scope.kind === 'department' ? { departmentId: scope.departmentId } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      page: q.page,
      pageSize: q.pageSize,
    }),
    loadDepartments(ctx.db),
  ]);
  return { items: page.items.map((n) => noticeDto(n, departments)), total: page.total };
}
