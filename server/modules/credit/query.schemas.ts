import { Type, type Static } from 'typebox';
import { ClassLetter } from './classification.schemas.ts';
import { Paging, PublicListEntrySchema } from './lists.schemas.ts';
import { RepairSchema } from './repair.schemas.ts';

const DateOnly = Type.String({ format: 'date' });
const Kind = Type.Union([Type.Literal('license'), Type.Literal('penalty'), Type.Literal('other')], {
  description: 'license 行政许可 / penalty 行政处罚 / other 其他信用信息',
});
const SeveritySchema = Type.Union([
  Type.Literal('minor'),
  Type.Literal('ordinary'),
  Type.Literal('serious'),
  Type.Null(),
]);

export const PublicRecordSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Kind,
  category: Type.String(),
  categoryCode: Type.String(),
  decisionNo: Type.String(),
  decisionDate: DateOnly,
  severity: SeveritySchema,
  publishedFrom: Type.Union([DateOnly, Type.Null()]),
  publishedUntil: Type.Union([DateOnly, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown(), {
    description: '记录内容；个人姓名、身份证号、电话已脱敏',
  }),
});

export const PublicEntitySchema = Type.Object({
  uscc: Type.String(),
  name: Type.String(),
  class: Type.Union([ClassLetter, Type.Null()], { description: '最近一期信用风险分类；尚未分类为 null' }),
  classPeriod: Type.Union([Type.String(), Type.Null()]),
  records: Type.Array(PublicRecordSchema),
  lists: Type.Array(PublicListEntrySchema),
});
export type PublicEntityDto = Static<typeof PublicEntitySchema>;

export const UsccParams = Type.Object({ uscc: Type.String({ minLength: 1, maxLength: 40 }) });

export const EntitySearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 100, description: '名称（包含）或统一社会信用代码（前缀）' }),
    ...Paging,
  },
  { additionalProperties: false },
);
export type EntitySearchQueryInput = Static<typeof EntitySearchQuery>;

export const EntitySearchSchema = Type.Object({
  items: Type.Array(Type.Object({ uscc: Type.String(), name: Type.String() })),
  total: Type.Integer(),
});
export type EntitySearchDto = Static<typeof EntitySearchSchema>;

const RepairOption = Type.Object({
  status: Type.Union(
    [
      Type.Literal('eligible'),
      Type.Literal('too_early'),
      Type.Literal('pending'),
      Type.Literal('not_applicable'),
    ],
    { description: 'eligible 可申请 / too_early 最短公示期未满 / pending 审核中 / not_applicable 不适用' },
  ),
  eligibleFrom: Type.Union([DateOnly, Type.Null()]),
  message: Type.String(),
});

export const MyRecordSchema = Type.Object({
  ...PublicRecordSchema.properties,
  publication: Type.Union([
    Type.Literal('published'),
    Type.Literal('not_published'),
    Type.Literal('ended_repaired'),
    Type.Literal('ended_expired'),
    Type.Literal('revoked'),
  ]),
  publishMinUntil: Type.Union([DateOnly, Type.Null()]),
  publicationEndedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  repair: RepairOption,
});

export const MyCreditSchema = Type.Object({
  uscc: Type.String(),
  name: Type.String(),
  class: Type.Object({
    class: ClassLetter,
    score: Type.Integer(),
    period: Type.Union([Type.String(), Type.Null()]),
    parts: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), points: Type.Integer() })),
    explanation: Type.String(),
    history: Type.Array(
      Type.Object({
        period: Type.String(),
        class: ClassLetter,
        score: Type.Integer(),
        explanation: Type.String(),
      }),
      { description: '已保存的月度分类（最近 24 期，新的在前）' },
    ),
  }),
  records: Type.Array(MyRecordSchema),
  lists: Type.Array(PublicListEntrySchema),
  repairs: Type.Array(RepairSchema),
});
export type MyCreditDto = Static<typeof MyCreditSchema>;
