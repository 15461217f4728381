/**
 * 简易注销 public notices: listed publicly, objections taken from anyone during the period (an objection ends the
 * simple procedure), and a daily sweep that completes every deregistration whose period ended without objection
 * (《市场主体登记管理条例》第三十三条).
 */
import { appendAudit, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { findDepartmentByCode } from '../identity/index.ts';
import { notifyDepartment } from '../notifications/index.ts';
import { noticeDto } from './application-dto.ts';
import type { NoticeDto } from './applications.schemas.ts';
import { getCatalogue } from './catalogue.service.ts';
import {
  dueNotices,
  insertObjection,
  listNoticeRows,
  lockNotice,
  updateNotice,
} from './notices.repository.ts';
import { runTransition } from './transition.ts';

export async function listNotices(
  ctx: AppContext,
  q: { status?: NoticeDto['status'] | undefined; page: number; pageSize: number },
): Promise<{ items: NoticeDto[]; total: number; page: number; pageSize: number }> {
  const { items, total } = await listNoticeRows(ctx.db, q.status, q.page, q.pageSize);
  return { items: items.map(noticeDto), total, page: q.page, pageSize: q.pageSize };
}

export async function fileObjection(
  ctx: AppContext,
  noticeId: string,
  input: { name: string; contact: string; reason: string },
  origin: AuditOrigin,
): Promise<{ id: string; noticeId: string; createdAt: string }> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const [cal, catalogue] = await Promise.all([getWorkCalendar(ctx), getCatalogue(ctx)]);
  return ctx.db.transaction().execute(async (trx) => {
    const notice = await lockNotice(trx, noticeId);
    if (!notice)
      throw new AppError('NOT_FOUND', `No deregistration notice ${noticeId}.`, {
        params: { reason: 'services-notice', id: noticeId },
      });
    if (notice.status !== 'running' || today > notice.ends_on) {
      throw new AppError(
        'SERVICES_NOTICE_CLOSED',
        'The notice period is over; no more objections are taken.',
        {
          params: { status: notice.status },
          extra: { status: notice.status },
        },
      );
    }
    const objection = await insertObjection(trx, {
      notice_id: notice.id,
      name: input.name.trim(),
      contact: input.contact.trim(),
      reason: input.reason.trim(),
      created_at: now,
    });
    await runTransition(trx, {
      applicationId: notice.application_id,
      cmd: { type: 'objection' },
      today,
      now,
      cal,
      catalogue,
      actorName: '异议人',
      origin,
      action: 'services.notice_objected',
      comment: input.reason.trim().slice(0, 200),
    });
    // After the workflow read the notice as running: from now on it is objected.
    await updateNotice(trx, notice.id, { status: 'objected', objections: notice.objections + 1 });
    const samr = await findDepartmentByCode(trx, 'SAMR');
    if (samr) {
      await notifyDepartment(trx, {
        departmentId: samr.id,
        title: `简易注销公示收到异议：${notice.enterprise_name}`,
        body: `${notice.uscc} 的简易注销公示（${notice.starts_on}—${notice.ends_on}）收到异议，简易注销程序终止。`,
        link: '/services/queue',
        category: 'services.notice',
        dedupeKey: `services:objection:${objection.id}`,
      });
    }
    return { id: objection.id, noticeId: notice.id, createdAt: new Date(objection.created_at).toISOString() };
  });
}

/** Ends every running notice whose last day is before today and completes its deregistration. Idempotent. */
/** `origin`: the close-notices job's system actor. */
export async function closeDueNotices(ctx: AppContext, origin: AuditOrigin): Promise<{ completed: number }> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const due = await dueNotices(ctx.db, today, 1000);
  if (due.length === 0) return { completed: 0 };
  const [cal, catalogue] = await Promise.all([getWorkCalendar(ctx), getCatalogue(ctx)]);
  let completed = 0;
  for (const n of due) {
    const done = await ctx.db.transaction().execute(async (trx) => {
      const locked = await lockNotice(trx, n.id);
      if (locked?.status !== 'running') return false;
      await runTransition(trx, {
        applicationId: n.application_id,
        cmd: { type: 'notice_ended' },
        today,
        now,
        cal,
        catalogue,
        actorName: '系统',
        origin,
        action: 'services.notice_ended',
      });
      await updateNotice(trx, n.id, { status: 'ended' });
      return true;
    });
    if (done) completed++;
  }
  if (completed > 0) {
    await ctx.db.transaction().execute((trx) =>
      appendAudit(trx, origin, {
        action: 'services.notices_closed',
        subjectType: 'service_notice',
        detail: { completed, asOf: today },
      }),
    );
  }
  return { completed };
}
