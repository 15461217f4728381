import { Type } from 'typebox';
import { chinaDate } from '../../kernel/china-time.ts';
import type { AppContext } from '../../kernel/context.ts';
import { defineJob } from '../../kernel/jobs/jobs.ts';
import { listActiveUserIdsByKind } from '../identity/index.ts';
import { notifyUser } from '../notifications/index.ts';
import { listCalendarYears } from './calendar.service.ts';

/**
 * The State Council publishes next year's schedule in Oct–Dec. From October on, system administrators are
 * reminded once a week until it is loaded — deadlines reaching into an unloaded year fail rather than guess.
 */
export function calendarJobs(ctx: AppContext) {
  const checkNextYear = defineJob({
    id: 'calendar.check-next-year',
    description: "提醒载入下一年度节假日安排 (remind administrators to load next year's schedule)",
    payload: Type.Object({}),
    schedule: '0 9 * * *',
    async handler() {
      const today = chinaDate(ctx.clock.now());
      const year = Number(today.slice(0, 4));
      const month = Number(today.slice(5, 7));
      const loaded = new Set((await listCalendarYears(ctx)).map((y) => y.year));
      const missing = [year, ...(month >= 10 ? [year + 1] : [])].filter((y) => !loaded.has(y));
      if (missing.length === 0) return { missing: [], notified: 0 };
      // One reminder per year and ISO-ish week: a daily job, a weekly message.
      const dayOfYear = Math.floor((Date.parse(today) - Date.parse(`${year}-01-01`)) / 86_400_000);
      const week = Math.floor(dayOfYear / 7);
      let notified = 0;
      await ctx.db.transaction().execute(async (trx) => {
        for (const admin of await listActiveUserIdsByKind(trx, 'sysadmin')) {
          for (const y of missing) {
            const r = await notifyUser(trx, {
              userId: admin,
              title: `${y} 年节假日安排尚未载入`,
              body: `工作日计算到 ${y} 年将报错（CALENDAR_YEAR_NOT_LOADED）。国务院办公厅通知发布后，请在“工作日历 → 载入新年度”中录入 ${y} 年的放假和调休安排。`,
              link: `/admin/calendar/${y}`,
              category: 'calendar',
              dedupeKey: `calendar:missing:${y}:${admin}:${year}-w${week}`,
            });
            if (r.created) notified++;
          }
        }
      });
      return { missing, notified };
    },
  });
  return { checkNextYear };
}
