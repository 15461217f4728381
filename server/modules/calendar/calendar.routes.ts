import { Type } from 'typebox';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { CALENDAR_MANAGE } from './calendar.policy.ts';
import {
  AddWorkdaysQuery,
  AddWorkdaysSchema,
  DateParams,
  DayInfoSchema,
  MonthParams,
  MonthSchema,
  SaveYearBody,
  WorkdaysBetweenQuery,
  WorkdaysBetweenSchema,
  YearParams,
  YearSchema,
  YearSummarySchema,
  YearVersionSchema,
} from './calendar.schemas.ts';
import {
  addWorkdaysFrom,
  countWorkdaysBetween,
  getCalendarYear,
  getDay,
  getMonth,
  listCalendarYears,
  listCalendarYearVersions,
  saveCalendarYear,
} from './calendar.service.ts';

const tags = ['calendar'];
const notLoaded = '未加载该年节假日安排时返回 422 `CALENDAR_YEAR_NOT_LOADED`（从不按周一至周五推算）。';

export function calendarRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/calendar/days/:date',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '某日是否工作日',
        description: notLoaded,
        params: DateParams,
        response: { 200: DayInfoSchema },
      },
    },
    async (req) => getDay(ctx, req.params.date),
  );

  app.get(
    '/api/calendar/add-workdays',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '起始日之后第 N 个工作日',
        description: `不含起始日（《民法典》第201条）；期限届满日为休息日的顺延至下一个工作日。${notLoaded}`,
        querystring: AddWorkdaysQuery,
        response: { 200: AddWorkdaysSchema },
      },
    },
    async (req) => addWorkdaysFrom(ctx, req.query.from, req.query.days),
  );

  app.get(
    '/api/calendar/workdays-between',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '两日之间的工作日数',
        description: notLoaded,
        querystring: WorkdaysBetweenQuery,
        response: { 200: WorkdaysBetweenSchema },
      },
    },
    async (req) => countWorkdaysBetween(ctx, req.query.from, req.query.to),
  );

  app.get(
    '/api/calendar/months/:month',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '月历',
        description: notLoaded,
        params: MonthParams,
        response: { 200: MonthSchema },
      },
    },
    async (req) => getMonth(ctx, req.params.month),
  );

  app.get(
    '/api/calendar/years',
    {
      config: { permission: 'public' },
      schema: { tags, summary: '已加载的年度节假日安排', response: { 200: Type.Array(YearSummarySchema) } },
    },
    async () => listCalendarYears(ctx),
  );

  app.get(
    '/api/calendar/years/:year',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '年度节假日安排（现行版本）',
        params: YearParams,
        response: { 200: YearSchema },
      },
    },
    async (req) => getCalendarYear(ctx, req.params.year),
  );

  app.get(
    '/api/calendar/years/:year/versions',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '年度节假日安排的历史版本（新→旧）',
        params: YearParams,
        response: { 200: Type.Array(YearVersionSchema) },
      },
    },
    async (req) => listCalendarYearVersions(ctx, req.params.year),
  );

  app.put(
    '/api/calendar/years/:year',
    {
      config: { permission: CALENDAR_MANAGE },
      schema: {
        tags,
        summary: '加载或修订年度节假日安排',
        description: '保存为新版本（版本号加一），保留历史并写审计日志；须与已加载的相邻年份一致。',
        params: YearParams,
        body: SaveYearBody,
        response: { 200: YearSchema },
      },
    },
    async (req) => saveCalendarYear(ctx, requireActor(req), req.params.year, req.body, auditOrigin(req)),
  );
}
