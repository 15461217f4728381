import { Type, type Static, type TSchema } from 'typebox';
import { KpiSchema } from './kpi.schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const MeasureStatusSchema = Type.Union(
  [
    Type.Literal('not_started'),
    Type.Literal('in_progress'),
    Type.Literal('completed'),
    Type.Literal('lagging'),
  ],
  { description: '未启动 / 推进中 / 已完成 / 滞后 — derived from dates and reports' },
);

export const UnitRoleSchema = Type.Union(
  [Type.Literal('lead'), Type.Literal('responsible'), Type.Literal('scope')],
  { description: '牵头单位 / 责任单位 / 集体范围' },
);

/** `format: 'date'` is checked as a real calendar date: 2026-02-30 fails. */
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Instant = Type.String({ format: 'date-time' });

export const PERIOD_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$';
const Period = Type.String({
  pattern: PERIOD_PATTERN,
  description: '"2026-11" (monthly) or "2026-Q4" (quarterly)',
  examples: ['2026-11'],
});

export const DepartmentRefSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
});
export type DepartmentRef = Static<typeof DepartmentRefSchema>;

export const UnitSchema = Type.Object({
  name: Type.String(),
  role: UnitRoleSchema,
  departmentId: Nullable(Type.String({ format: 'uuid' })),
  departmentCode: Nullable(Type.String()),
});

export const MeasureSummarySchema = Type.Object({
  no: Type.Integer(),
  title: Type.String(),
  part: Type.String({ examples: ['二、优化提升市场环境，营造更好的创新创业氛围'] }),
  section: Type.String({ examples: ['（一）降低市场准入门槛'] }),
  partNo: Type.Integer(),
  sectionNo: Type.Integer(),
  units: Type.Array(UnitSchema),
  status: MeasureStatusSchema,
  progress: Type.Integer({
    minimum: 0,
    maximum: 100,
    description: "mean of the reporting units' latest percent",
  }),
  nextDueOn: Nullable(IsoDate),
  overdue: Type.Boolean(),
});
export type MeasureSummaryDto = Static<typeof MeasureSummarySchema>;

export const MilestoneSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  measureNo: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  dueOn: IsoDate,
  ownerDepartment: DepartmentRefSchema,
  status: MeasureStatusSchema,
  completedAt: Nullable(Instant),
  overdueWorkdays: Type.Integer({ minimum: 0, description: '> 0 only when lagging' }),
});
export type MilestoneDto = Static<typeof MilestoneSchema>;

export const EvidenceSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
});

export const ReportSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  measureNo: Type.Integer(),
  department: DepartmentRefSchema,
  period: Type.String(),
  percent: Type.Integer(),
  body: Type.String(),
  submittedAt: Instant,
  submittedBy: Type.String({ description: 'id of the submitting account' }),
  evidence: Type.Array(EvidenceSchema),
  completedMilestoneIds: Type.Array(Type.String({ format: 'uuid' })),
});
export type ReportDto = Static<typeof ReportSchema>;

export const NoticeSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('reminder'), Type.Literal('escalation')], { description: '提醒 / 督办单' }),
  reason: Type.Union([Type.Literal('milestone_overdue'), Type.Literal('report_missing')]),
  measureNo: Type.Integer(),
  measureTitle: Type.String(),
  milestoneId: Nullable(Type.String({ format: 'uuid' })),
  milestoneTitle: Nullable(Type.String()),
  department: DepartmentRefSchema,
  period: Nullable(Type.String()),
  dueOn: IsoDate,
  overdueWorkdays: Type.Integer(),
  createdAt: Instant,
  resolvedAt: Nullable(Instant),
});
export type NoticeDto = Static<typeof NoticeSchema>;

export const MeasureDetailSchema = Type.Object({
  ...MeasureSummarySchema.properties,
  body: Type.String(),
  milestones: Type.Array(MilestoneSchema),
  reports: Type.Array(ReportSchema, { description: 'empty unless the caller holds plan.read' }),
  notices: Type.Array(NoticeSchema, { description: 'empty unless the caller holds plan.read' }),
});
export type MeasureDetailDto = Static<typeof MeasureDetailSchema>;

export const MeasureListQuery = Type.Object(
  {
    status: Type.Optional(MeasureStatusSchema),
    partNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    sectionNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'department code' })),
  },
  { additionalProperties: false },
);
export type MeasureListFilter = Static<typeof MeasureListQuery>;

export const MeasureNoParams = Type.Object({ no: Type.Integer({ minimum: 1, maximum: 100000 }) });
export const MilestoneIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const MAX_EVIDENCE = 10;

export const ReportInputSchema = Type.Object(
  {
    period: Period,
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
    body: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
    evidenceFileIds: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), {
        uniqueItems: true,
        maxItems: MAX_EVIDENCE,
        description: 'ids of files the caller uploaded through POST /api/files',
      }),
    ),
    completedMilestoneIds: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), { uniqueItems: true, maxItems: 100 }),
    ),
  },
  { additionalProperties: false },
);
export type ReportInput = Static<typeof ReportInputSchema>;

const milestoneFields = {
  title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  description: Type.String({ maxLength: 5000 }),
  dueOn: IsoDate,
  ownerDepartmentCode: Type.String({ minLength: 1, maxLength: 64 }),
};

export const MilestoneCreateSchema = Type.Object(
  { ...milestoneFields, description: Type.Optional(milestoneFields.description) },
  { additionalProperties: false },
);
export type MilestoneCreateInput = Static<typeof MilestoneCreateSchema>;

export const MilestoneUpdateSchema = Type.Object(milestoneFields, { additionalProperties: false });
export type MilestoneUpdateInput = Static<typeof MilestoneUpdateSchema>;

const ReportDueSchema = Type.Object({ period: Type.String(), dueOn: IsoDate, overdue: Type.Boolean() });

export const MyMeasureSchema = Type.Object({
  ...MeasureSummarySchema.properties,
  role: UnitRoleSchema,
  myLatestReport: Nullable(ReportSchema),
  reportDue: Nullable(ReportDueSchema),
});

export const MyWorkSchema = Type.Object({
  department: DepartmentRefSchema,
  measures: Type.Array(MyMeasureSchema),
  milestones: Type.Array(MilestoneSchema, { description: "this department's, open first by due date" }),
  notices: Type.Array(NoticeSchema),
});
export type MyWorkDto = Static<typeof MyWorkSchema>;

export const NoticeListQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    kind: Type.Optional(Type.Union([Type.Literal('reminder'), Type.Literal('escalation')])),
  },
  { additionalProperties: false },
);
export type NoticeListFilter = Static<typeof NoticeListQuery>;

export const NoticeListSchema = Type.Object({ items: Type.Array(NoticeSchema), total: Type.Integer() });

const ByStatusSchema = Type.Object({
  not_started: Type.Integer(),
  in_progress: Type.Integer(),
  completed: Type.Integer(),
  lagging: Type.Integer(),
});
export type ByStatus = Static<typeof ByStatusSchema>;

const Rollup = {
  measures: Type.Integer(),
  byStatus: ByStatusSchema,
  averageProgress: Type.Number({
    minimum: 0,
    maximum: 100,
    description: "mean of the measures' progress, one decimal",
  }),
};

export const SummarySchema = Type.Object(Rollup);

export const DashboardSchema = Type.Object({
  summary: SummarySchema,
  byPart: Type.Array(
    Type.Object({ no: Type.Integer(), label: Type.String(), title: Type.String(), ...Rollup }),
  ),
  bySection: Type.Array(
    Type.Object({
      no: Type.Integer(),
      label: Type.String(),
      title: Type.String(),
      partNo: Type.Integer(),
      ...Rollup,
    }),
  ),
  byDepartment: Type.Array(
    Type.Object({
      ...DepartmentRefSchema.properties,
      ...Rollup,
      averageProgress: Type.Number({
        minimum: 0,
        maximum: 100,
        description: "mean of this department's own latest percent over the measures it reports on",
      }),
      overdueMilestones: Type.Integer(),
      missingReports: Type.Integer(),
    }),
  ),
  overdue: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('milestone'), Type.Literal('report')]),
      measureNo: Type.Integer(),
      measureTitle: Type.String(),
      milestoneId: Nullable(Type.String({ format: 'uuid' })),
      title: Type.String(),
      department: DepartmentRefSchema,
      dueOn: IsoDate,
      overdueWorkdays: Type.Integer(),
      escalated: Type.Boolean({ description: 'a 督办单 has been issued and is not resolved' }),
    }),
  ),
  kpis: Type.Array(KpiSchema, { description: 'the KPIs of the plan (as GET /api/action-plan/kpis)' }),
});
export type DashboardDto = Static<typeof DashboardSchema>;
