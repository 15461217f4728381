import { Type, type Static } from 'typebox';

const Code = Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$', description: '小写字母、数字与连字符' });
const DateOnly = Type.String({ format: 'date' });
const JsonObject = Type.Record(Type.String(), Type.Unknown());

export const FileExtSchema = Type.Union([
  Type.Literal('pdf'),
  Type.Literal('jpg'),
  Type.Literal('png'),
  Type.Literal('ofd'),
  Type.Literal('docx'),
  Type.Literal('xlsx'),
]);

export const MaterialSchema = Type.Object({
  code: Code,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  required: Type.Boolean(),
  replaceableBy: Type.Union([Type.Literal('elicence'), Type.Literal('earlier_submission'), Type.Null()], {
    description: '可由电子证照或已提交材料替代',
  }),
  accept: Type.Array(FileExtSchema, { minItems: 1, uniqueItems: true }),
  maxBytes: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024 }),
  promiseReplaces: Type.Boolean({ description: '选择告知承诺时可免交' }),
});

export const ProducesSchema = Type.Object({
  kind: Type.Union([Type.Literal('licence'), Type.Literal('record')]),
  name: Type.String({ minLength: 1, maxLength: 200 }),
});

export const ServiceItemSchema = Type.Object({
  code: Code,
  name: Type.String(),
  department: Type.String({ description: '部门名称' }),
  departmentId: Type.String({ format: 'uuid' }),
  departmentCode: Type.String(),
  deadlineWorkdays: Type.Integer({ description: '办理时限（工作日）' }),
  legalBasis: Type.String(),
  promiseAllowed: Type.Boolean({ description: '可适用告知承诺' }),
  materials: Type.Array(MaterialSchema),
  formSchema: JsonObject,
  produces: Type.Array(ProducesSchema),
  active: Type.Boolean(),
});
export type ServiceItemDto = Static<typeof ServiceItemSchema>;

export const ServiceItemBody = Type.Object(
  {
    code: Code,
    name: Type.String({ minLength: 2, maxLength: 200 }),
    departmentId: Type.Optional(Type.String({ format: 'uuid' })),
    departmentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    deadlineWorkdays: Type.Integer({ minimum: 0, maximum: 365 }),
    legalBasis: Type.String({ minLength: 2, maxLength: 2000 }),
    promiseAllowed: Type.Boolean(),
    materials: Type.Array(MaterialSchema, { maxItems: 50 }),
    formSchema: JsonObject,
    produces: Type.Array(ProducesSchema, { maxItems: 10 }),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
);
export type ServiceItemInput = Static<typeof ServiceItemBody>;

export const CategorySchema = Type.Union([
  Type.Literal('opening'),
  Type.Literal('change'),
  Type.Literal('closing'),
  Type.Literal('utilities'),
  Type.Literal('industry'),
  Type.Literal('other'),
]);
export const BundleKindSchema = Type.Union([Type.Literal('standard'), Type.Literal('simple_deregistration')]);

export const BundleItemRefSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  department: Type.String(),
  deadlineWorkdays: Type.Integer(),
});

export const BundleSummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  category: CategorySchema,
  kind: BundleKindSchema,
  description: Type.String(),
  launchedOn: DateOnly,
  active: Type.Boolean(),
  deadlineWorkdays: Type.Integer({ description: '任务图最长路径（工作日）' }),
  items: Type.Array(BundleItemRefSchema),
});
export type BundleSummaryDto = Static<typeof BundleSummarySchema>;

export const BundleTaskSchema = Type.Object({
  key: Type.String(),
  itemCode: Type.String(),
  name: Type.String(),
  department: Type.String(),
  departmentId: Type.String({ format: 'uuid' }),
  dependsOn: Type.Array(Type.String()),
  deadlineWorkdays: Type.Integer(),
});

export const BundleSchema = Type.Object({
  ...BundleSummarySchema.properties,
  tasks: Type.Array(BundleTaskSchema),
  formSchema: JsonObject,
  uiSchema: JsonObject,
  materials: Type.Array(Type.Object({ ...MaterialSchema.properties, items: Type.Array(Type.String()) })),
  promiseAllowed: Type.Boolean(),
  sharedFields: Type.Array(Type.String()),
  noticeDays: Type.Optional(Type.Integer()),
});
export type BundleDto = Static<typeof BundleSchema>;

export const BundleBody = Type.Object({
  code: Code,
  name: Type.String({ minLength: 2, maxLength: 100 }),
  category: CategorySchema,
  kind: Type.Optional(BundleKindSchema),
  description: Type.String({ maxLength: 2000 }),
  items: Type.Array(Code, { minItems: 1, maxItems: 30, uniqueItems: true }),
  tasks: Type.Optional(
    Type.Array(
      Type.Object({
        key: Type.String({ pattern: '^[a-z][a-z0-9-]{0,31}$' }),
        itemCode: Code,
        dependsOn: Type.Array(Type.String(), { maxItems: 30 }),
      }),
      { maxItems: 30 },
    ),
  ),
  sharedFields: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 })),
  noticeDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  launchedOn: Type.Optional(DateOnly),
  active: Type.Optional(Type.Boolean()),
});
export type BundleInput = Static<typeof BundleBody>;

export const CodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
