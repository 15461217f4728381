import { Type, type Static } from 'typebox';
import { MAX_SCHEDULE_YEAR, MIN_SCHEDULE_YEAR } from '../../kernel/calendar/calendar.ts';

/** `format: 'date'` is checked as a real calendar date (ajv-formats full mode): 2024-13-01 and 2023-02-29 fail. */
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD', examples: ['2024-09-27'] });

export const DateParams = Type.Object({ date: IsoDate });

export const MonthParams = Type.Object({
  month: Type.String({
    pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
    description: 'YYYY-MM',
    examples: ['2024-10'],
  }),
});

export const YearParams = Type.Object({
  year: Type.Integer({ minimum: MIN_SCHEDULE_YEAR, maximum: MAX_SCHEDULE_YEAR, examples: [2024] }),
});

export const AddWorkdaysQuery = Type.Object({
  from: IsoDate,
  days: Type.Integer({
    minimum: -3650,
    maximum: 3650,
    description: '第 N 个工作日（不含起始日）；0 = 当日或顺延至下一个工作日；负数向前数',
  }),
});

export const WorkdaysBetweenQuery = Type.Object({ from: IsoDate, to: IsoDate });

const DayKind = Type.Union([
  Type.Literal('workday'),
  Type.Literal('weekend'),
  Type.Literal('holiday'),
  Type.Literal('makeup_workday'),
]);

export const DayInfoSchema = Type.Object({
  date: Type.String({ format: 'date' }),
  workday: Type.Boolean(),
  kind: DayKind,
  holiday: Type.Union([Type.String(), Type.Null()], { description: '节假日或调休所属节日名称' }),
});

export const AddWorkdaysSchema = Type.Object({
  from: Type.String({ format: 'date' }),
  days: Type.Integer(),
  date: Type.String({ format: 'date' }),
});

export const WorkdaysBetweenSchema = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  workdays: Type.Integer({ description: '满足 from < d ≤ to 的工作日数；to 早于 from 时为负数' }),
});

export const MonthSchema = Type.Object({
  month: Type.String(),
  days: Type.Array(DayInfoSchema),
});

const HolidayBlockSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    start: IsoDate,
    end: IsoDate,
  },
  { additionalProperties: false },
);

const MakeupDaySchema = Type.Object(
  {
    date: IsoDate,
    name: Type.String({
      minLength: 1,
      maxLength: 50,
      description: '所服务的节日名称（须与某个假期名称一致）',
    }),
  },
  { additionalProperties: false },
);

export const YearSummarySchema = Type.Object({
  year: Type.Integer(),
  notice: Type.String(),
  version: Type.Integer(),
  publishedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  workdays: Type.Integer({ description: '全年工作日数' }),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
export type YearSummaryDto = Static<typeof YearSummarySchema>;

export const YearSchema = Type.Object({
  year: Type.Integer(),
  notice: Type.String(),
  version: Type.Integer(),
  publishedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  holidays: Type.Array(HolidayBlockSchema),
  makeupWorkdays: Type.Array(MakeupDaySchema),
  workdays: Type.Integer({ description: '全年工作日数' }),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});
export type YearDto = Static<typeof YearSchema>;

export const YearVersionSchema = Type.Object({
  year: Type.Integer(),
  version: Type.Integer(),
  notice: Type.String(),
  publishedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  holidays: Type.Array(HolidayBlockSchema),
  makeupWorkdays: Type.Array(MakeupDaySchema),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
});
export type YearVersionDto = Static<typeof YearVersionSchema>;

export const SaveYearBody = Type.Object(
  {
    year: Type.Optional(Type.Integer({ description: '可省略；若给出必须与路径中的年份一致' })),
    notice: Type.String({
      minLength: 1,
      maxLength: 200,
      description: '通知文号或标题，如 国办发明电〔2023〕7号',
    }),
    // Null first: with type coercion on, ajv would otherwise coerce null to "" in the string branch.
    publishedOn: Type.Optional(Type.Union([Type.Null(), IsoDate])),
    holidays: Type.Array(HolidayBlockSchema, { maxItems: 60 }),
    makeupWorkdays: Type.Array(MakeupDaySchema, { maxItems: 60 }),
    reason: Type.Optional(Type.String({ maxLength: 500, description: '修订原因（记入历史版本与审计日志）' })),
  },
  { additionalProperties: false },
);
export type SaveYearInput = Static<typeof SaveYearBody>;
