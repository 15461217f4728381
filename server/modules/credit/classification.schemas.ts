import { Type, type Static } from 'typebox';
import { ClassificationRulesSchema } from './classification.rules.ts';

export const ClassLetter = Type.Union(
  [Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')],
  {
    description: 'A 低风险 / B 一般风险 / C 较高风险 / D 高风险',
  },
);
const Part = Type.Object({ code: Type.String(), label: Type.String(), points: Type.Integer() });
const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

const ClassEntry = {
  class: ClassLetter,
  score: Type.Integer(),
  parts: Type.Array(Part, { description: '得分构成，如“行政处罚（一般）2 条”，-30' }),
  explanation: Type.String(),
  computedAt: Type.String({ format: 'date-time' }),
};

export const EnterpriseClassSchema = Type.Object({
  current: Type.Object({
    enterpriseId: Type.String({ format: 'uuid' }),
    period: Type.Union([Period, Type.Null()]),
    stored: Type.Boolean({ description: 'false：尚无月度分类结果，按当前数据即时计算' }),
    ...ClassEntry,
  }),
  history: Type.Array(Type.Object({ period: Period, ...ClassEntry })),
});
export type EnterpriseClassDto = Static<typeof EnterpriseClassSchema>;

export const ClassSummarySchema = Type.Object({
  period: Type.Union([Period, Type.Null()]),
  counts: Type.Object({ A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), D: Type.Integer() }),
  classified: Type.Integer(),
  registered: Type.Integer(),
});
export type ClassSummaryDto = Static<typeof ClassSummarySchema>;

export const ClassSummaryQuery = Type.Object(
  { period: Type.Optional(Period) },
  { additionalProperties: false },
);

export const RulesSchema = ClassificationRulesSchema;
export const EnterpriseIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
