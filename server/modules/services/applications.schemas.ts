import { Type, type Static, type TSchema } from 'typebox';

const DateOnly = Type.String({ format: 'date' });
const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Paging = {
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

export const ApplicationStatusSchema = Type.Union([
  Type.Literal('submitted'),
  Type.Literal('in_progress'),
  Type.Literal('supplement'),
  Type.Literal('completed'),
  Type.Literal('rejected'),
  Type.Literal('notice'),
  Type.Literal('objected'),
]);

export const TaskStatusSchema = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('pending'),
  Type.Literal('claimed'),
  Type.Literal('supplement'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
  Type.Literal('cancelled'),
]);

export const ReasonSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
});

export const PrecheckBody = Type.Object({
  bundleCode: Type.String({ maxLength: 64 }),
  promise: Type.Boolean({ default: false }),
});
export const PrecheckSchema = Type.Object({
  allowed: Type.Boolean(),
  promiseAllowed: Type.Boolean(),
  decision: Type.Union([Type.Literal('allow'), Type.Literal('flag'), Type.Literal('block')]),
  reasons: Type.Array(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      decision: Type.Union([Type.Literal('flag'), Type.Literal('block')]),
      basis: Type.String(),
      purpose: Type.Union([Type.Literal('application'), Type.Literal('commitment')]),
    }),
  ),
});
export type PrecheckDto = Static<typeof PrecheckSchema>;

export const MaterialInput = Type.Union([
  Type.Object({ code: Type.String({ maxLength: 64 }), fileId: Uuid }, { additionalProperties: false }),
  Type.Object(
    {
      code: Type.String({ maxLength: 64 }),
      replacedBy: Type.Union([Type.Literal('elicence'), Type.Literal('earlier_submission')]),
      ref: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { code: Type.String({ maxLength: 64 }), paper: Type.Literal(true) },
    { additionalProperties: false },
  ),
]);
export type MaterialInputDto = Static<typeof MaterialInput>;

export const SubmitBody = Type.Object({
  bundleCode: Type.String({ maxLength: 64 }),
  form: Type.Record(Type.String(), Type.Unknown()),
  materials: Type.Array(MaterialInput, { maxItems: 100, default: [] }),
  promise: Type.Boolean({ default: false }),
});
export type SubmitInput = Static<typeof SubmitBody>;

export const ListQuery = Type.Object({
  status: Type.Optional(ApplicationStatusSchema),
  bundleCode: Type.Optional(Type.String({ maxLength: 64 })),
  ...Paging,
});
export type ListQueryInput = Static<typeof ListQuery>;

export const ApplicationSummarySchema = Type.Object({
  id: Uuid,
  number: Type.String(),
  bundleCode: Type.String(),
  bundleName: Type.String(),
  status: ApplicationStatusSchema,
  submittedAt: Instant,
  dueDate: Nullable(DateOnly),
  completedAt: Nullable(Instant),
  applicantName: Type.String(),
  enterpriseId: Nullable(Uuid),
});
export type ApplicationSummaryDto = Static<typeof ApplicationSummarySchema>;

export const ApplicationPageSchema = Type.Object({
  items: Type.Array(ApplicationSummarySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type ApplicationPageDto = Static<typeof ApplicationPageSchema>;

export const ApplicationTaskSchema = Type.Object({
  id: Uuid,
  key: Type.String(),
  itemCode: Type.String(),
  name: Type.String(),
  department: Type.String(),
  departmentId: Uuid,
  dependsOn: Type.Array(Type.String()),
  status: TaskStatusSchema,
  deadlineWorkdays: Type.Integer(),
  startedOn: Nullable(DateOnly),
  dueDate: Nullable(DateOnly),
  claimedBy: Nullable(Type.String({ description: '认领人显示名' })),
  finishedAt: Nullable(Instant),
  comment: Nullable(Type.String()),
  pausedWorkdays: Type.Integer({ description: '补正暂停的工作日数' }),
});
export type ApplicationTaskDto = Static<typeof ApplicationTaskSchema>;

export const TimelineEventSchema = Type.Object({
  at: Instant,
  kind: Type.String(),
  actor: Type.String(),
  taskId: Nullable(Uuid),
  text: Type.String(),
});

export const SupplementSchema = Type.Object({
  id: Uuid,
  taskId: Uuid,
  requestedAt: Instant,
  reason: Type.String(),
  materials: Type.Array(Type.String()),
  answeredAt: Nullable(Instant),
  note: Nullable(Type.String()),
});

export const ResultSchema = Type.Object({
  kind: Type.Union([Type.Literal('licence'), Type.Literal('record')]),
  name: Type.String(),
  number: Type.String(),
  fileId: Nullable(Uuid),
  issuedAt: Instant,
  itemCode: Type.String(),
});

export const NoticeSchema = Type.Object({
  id: Uuid,
  applicationId: Uuid,
  enterpriseName: Type.String(),
  uscc: Type.String(),
  startsOn: DateOnly,
  endsOn: DateOnly,
  status: Type.Union([Type.Literal('running'), Type.Literal('objected'), Type.Literal('ended')]),
  objections: Type.Integer(),
});
export type NoticeDto = Static<typeof NoticeSchema>;

export const ApplicationMaterialSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  fileId: Type.Optional(Uuid),
  fileName: Type.Optional(Type.String()),
  replacedBy: Type.Optional(Type.Union([Type.Literal('elicence'), Type.Literal('earlier_submission')])),
  ref: Type.Optional(Nullable(Type.String())),
  paper: Type.Optional(Type.Boolean()),
  promise: Type.Optional(Type.Boolean({ description: '以告知承诺代替' })),
});

export const ApplicationSchema = Type.Object({
  ...ApplicationSummarySchema.properties,
  form: Type.Record(Type.String(), Type.Unknown()),
  materials: Type.Array(ApplicationMaterialSchema),
  promise: Type.Boolean(),
  creditFlags: Type.Array(ReasonSchema),
  tasks: Type.Array(ApplicationTaskSchema),
  timeline: Type.Array(TimelineEventSchema),
  results: Type.Array(ResultSchema),
  supplements: Type.Array(SupplementSchema),
  notice: Type.Optional(NoticeSchema),
});
export type ApplicationDto = Static<typeof ApplicationSchema>;

export const IdParams = Type.Object({ id: Uuid });
export const SupplementParams = Type.Object({ id: Uuid, supplementId: Uuid });

export const AnswerSupplementBody = Type.Object({
  note: Type.String({ maxLength: 2000, default: '' }),
  materials: Type.Array(Type.Object({ code: Type.String({ maxLength: 64 }), fileId: Uuid }), {
    maxItems: 50,
    default: [],
  }),
});
export type AnswerSupplementInput = Static<typeof AnswerSupplementBody>;

export const PrefillSchema = Type.Object({
  values: Type.Record(Type.String(), Type.Unknown()),
  sources: Type.Record(Type.String(), Type.Union([Type.Literal('profile'), Type.Literal('earlier')])),
});
export type PrefillDto = Static<typeof PrefillSchema>;

// ---- officer queue ----

export const QueueTaskSchema = Type.Object({
  ...ApplicationTaskSchema.properties,
  applicationId: Uuid,
  applicationNumber: Type.String(),
  bundleCode: Type.String(),
  bundleName: Type.String(),
  applicantName: Type.String(),
  remainingWorkdays: Nullable(Type.Integer({ description: '剩余工作日（负数为已超期天数）' })),
  overdue: Type.Boolean(),
  dueSoon: Type.Boolean(),
  promise: Type.Boolean(),
  creditFlags: Type.Array(ReasonSchema),
});
export type QueueTaskDto = Static<typeof QueueTaskSchema>;

export const QueuePageSchema = Type.Object({
  items: Type.Array(QueueTaskSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type QueuePageDto = Static<typeof QueuePageSchema>;

export const QueueQuery = Type.Object({
  status: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('all')], { default: 'open' }),
  due: Type.Optional(Type.Union([Type.Literal('overdue'), Type.Literal('soon')])),
  bundleCode: Type.Optional(Type.String({ maxLength: 64 })),
  ...Paging,
});
export type QueueQueryInput = Static<typeof QueueQuery>;

export const ApproveBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 500 })) });
export const RejectBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) });
export const SupplementRequestBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  materials: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50, default: [] }),
});

// ---- notices ----

export const NoticeQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('running'), Type.Literal('objected'), Type.Literal('ended')]),
  ),
  ...Paging,
});
export const NoticePageSchema = Type.Object({
  items: Type.Array(NoticeSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const ObjectionBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  contact: Type.String({ minLength: 3, maxLength: 100 }),
  reason: Type.String({ minLength: 2, maxLength: 2000 }),
});
export const ObjectionSchema = Type.Object({ id: Uuid, noticeId: Uuid, createdAt: Instant });

// ---- overview ----

export const OverviewSchema = Type.Object({
  bundlesLive: Type.Integer(),
  applications: Type.Object({
    total: Type.Integer(),
    byStatus: Type.Record(Type.String(), Type.Integer()),
  }),
  openingTime: Type.Object({
    count: Type.Integer(),
    medianWorkdays: Nullable(Type.Number()),
    medianHours: Nullable(Type.Number()),
    p90Hours: Nullable(Type.Number()),
    histogram: Type.Array(Type.Object({ bucket: Type.String(), count: Type.Integer() })),
  }),
  zeroPaperShare: Nullable(Type.Number({ description: '无纸化办结占比（%）' })),
  overdueByDepartment: Type.Array(
    Type.Object({
      departmentId: Uuid,
      department: Type.String(),
      overdue: Type.Integer(),
      open: Type.Integer(),
    }),
  ),
});
export type OverviewDto = Static<typeof OverviewSchema>;
