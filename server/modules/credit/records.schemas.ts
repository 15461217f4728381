import { Type, type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Paging = {
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

export const CategoryFieldSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    label: Type.String({ minLength: 1, maxLength: 50 }),
    type: Type.Union([
      Type.Literal('string'),
      Type.Literal('number'),
      Type.Literal('date'),
      Type.Literal('enum'),
      Type.Literal('boolean'),
    ]),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 100 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 20_000 })),
  },
  { additionalProperties: false },
);

const Kind = Type.Union([Type.Literal('license'), Type.Literal('penalty'), Type.Literal('other')], {
  description: 'license 行政许可 / penalty 行政处罚（双公示）/ other 其他信用信息',
});
const Collection = Type.Union([Type.Literal('monthly'), Type.Literal('on_event')]);

export const CategorySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Kind,
  description: Type.String(),
  fields: Type.Array(CategoryFieldSchema),
  collection: Collection,
  departmentCodes: Type.Array(Type.String(), { description: '职责部门代码；空表示所有部门均可录入' }),
  public: Type.Boolean(),
  active: Type.Boolean(),
});
export type CategoryDto = Static<typeof CategorySchema>;
export const CategoryListSchema = Type.Object({ items: Type.Array(CategorySchema) });

export const CategoryCodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }) });

export const UpdateCategoryBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    fields: Type.Optional(Type.Array(CategoryFieldSchema, { maxItems: 50 })),
    collection: Type.Optional(Collection),
    departmentCodes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 100 }),
    ),
    public: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCategoryInput = Static<typeof UpdateCategoryBody>;

const Severity = Type.Union([Type.Literal('minor'), Type.Literal('ordinary'), Type.Literal('serious')]);
const PublicationState = Type.Union([
  Type.Literal('published'),
  Type.Literal('not_published'),
  Type.Literal('ended_repaired'),
  Type.Literal('ended_expired'),
  Type.Literal('revoked'),
]);

export const RecordSchema = Type.Object({
  id: Uuid,
  categoryCode: Type.String(),
  uscc: Type.String(),
  entityName: Type.String(),
  enterpriseId: Nullable(Uuid),
  departmentId: Uuid,
  decisionNo: Type.String(),
  decisionDate: DateOnly,
  enteredAt: Type.String({ format: 'date-time' }),
  entryWorkdays: Type.Integer({ description: '决定日期（不含）至录入日期（含）的工作日数' }),
  timely: Type.Boolean({ description: '是否在录入时限（默认 5 个工作日）内录入；逾期照常入库并标记' }),
  data: Type.Record(Type.String(), Type.Unknown()),
  severity: Nullable(Severity),
  publication: PublicationState,
  publishFrom: Nullable(DateOnly),
  publishMinUntil: Nullable(DateOnly),
  publishUntil: Nullable(DateOnly),
  source: Type.Union([Type.Literal('form'), Type.Literal('api'), Type.Literal('import')]),
  importId: Nullable(Uuid),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type RecordDto = Static<typeof RecordSchema>;

export const EnterRecordBody = Type.Object(
  {
    categoryCode: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    uscc: Type.String({ minLength: 1, maxLength: 40 }),
    entityName: Type.String({ minLength: 1, maxLength: 200 }),
    decisionNo: Type.String({ minLength: 1, maxLength: 100 }),
    decisionDate: Type.String({ minLength: 1, maxLength: 20 }),
    data: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { default: {}, maxProperties: 60 }),
    source: Type.Optional(Type.Union([Type.Literal('form'), Type.Literal('api')], { default: 'api' })),
  },
  { additionalProperties: false },
);
export type EnterRecordInput = Static<typeof EnterRecordBody>;

export const EnterRecordResultSchema = Type.Object({
  outcome: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')], {
    description:
      'created 新录入 / updated 同一决定文书号内容变化（更正，留痕） / unchanged 内容相同，未作改动',
  }),
  record: RecordSchema,
});
export type EnterRecordResult = Static<typeof EnterRecordResultSchema>;

export const RecordListQuery = Type.Object(
  {
    ...Paging,
    category: Type.Optional(Type.String({ maxLength: 40 })),
    department: Type.Optional(Type.String({ maxLength: 40, description: '部门代码（领导小组办公室可用）' })),
    uscc: Type.Optional(Type.String({ maxLength: 40 })),
    timely: Type.Optional(Type.Boolean()),
    from: Type.Optional(DateOnly),
    to: Type.Optional(DateOnly),
  },
  { additionalProperties: false },
);
export type RecordListQueryInput = Static<typeof RecordListQuery>;

export const RecordListSchema = Type.Object({ items: Type.Array(RecordSchema), total: Type.Integer() });
export type RecordListDto = Static<typeof RecordListSchema>;

export const RecordIdParams = Type.Object({ id: Uuid });

export const PeriodQuery = Type.Object(
  { period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }) },
  { additionalProperties: false },
);

export const TimelinessStatsSchema = Type.Object({
  period: Type.String(),
  deadlineWorkdays: Type.Integer(),
  closesOn: DateOnly,
  departments: Type.Array(
    Type.Object({
      departmentId: Uuid,
      departmentCode: Type.String(),
      departmentName: Type.String(),
      entered: Type.Integer({ description: '决定日期在本期的已录入双公示信息' }),
      timely: Type.Integer({ description: '其中在时限内录入的' }),
      enteredByClose: Type.Integer({ description: '其中在本期截止日（月末后第 N 个工作日）前录入的' }),
      entryRate: Nullable(Type.Number({ description: '入库率 % = enteredByClose / entered' })),
      timelyRate: Nullable(Type.Number({ description: '时效率 % = timely / entered' })),
    }),
  ),
});
export type TimelinessStatsDto = Static<typeof TimelinessStatsSchema>;

export const CollectionStatsSchema = Type.Object({
  period: Type.String(),
  categories: Type.Integer({ description: '按月归集的类别数' }),
  collected: Type.Integer({ description: '本期有数据的类别数' }),
  cells: Type.Array(
    Type.Object({
      departmentCode: Type.String(),
      departmentName: Type.String(),
      categoryCode: Type.String(),
      categoryName: Type.String(),
      records: Type.Integer(),
      collected: Type.Boolean(),
    }),
  ),
});
export type CollectionStatsDto = Static<typeof CollectionStatsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Imports

export const ImportErrorSchema = Type.Object({
  row: Type.Integer(),
  column: Type.String(),
  rule: Type.String(),
  message: Type.String(),
});
export type ImportErrorDto = Static<typeof ImportErrorSchema>;

export const ImportSchema = Type.Object({
  id: Uuid,
  categoryCode: Type.String(),
  departmentId: Uuid,
  filename: Type.String(),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  encoding: Nullable(Type.String()),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  dryRun: Type.Boolean(),
  partial: Type.Boolean(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  phase: Type.String({
    description: 'queued 排队 / validating 校验 / writing 写入 / done 完成 / failed 失败',
  }),
  rowsProcessed: Type.Integer({ description: '当前阶段已处理的行数（进度）' }),
  rowsTotal: Type.Integer(),
  rowsOk: Type.Integer({ description: '校验通过的行（含内容未变的行）' }),
  rowsFailed: Type.Integer(),
  rowsUnchanged: Type.Integer({ description: '与已入库内容相同、未作改动的行' }),
  errorSample: Type.Array(ImportErrorSchema, { description: '前 100 条错误；完整清单见错误报告' }),
  errorReportUrl: Nullable(Type.String()),
  message: Nullable(Type.String()),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type ImportDto = Static<typeof ImportSchema>;
export const ImportListSchema = Type.Object({ items: Type.Array(ImportSchema), total: Type.Integer() });
export type ImportListDto = Static<typeof ImportListSchema>;
export const ImportListQuery = Type.Object(Paging, { additionalProperties: false });
export type ImportListQueryInput = Static<typeof ImportListQuery>;
export const ImportIdParams = Type.Object({ id: Uuid });
