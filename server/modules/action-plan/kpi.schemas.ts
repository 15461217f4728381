import { Type, type Static } from 'typebox';

export const KPI_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{1,40}$';
export const KPI_HISTORY_PERIODS = 24;

const KpiStatus = Type.Union([Type.Literal('ok'), Type.Literal('no_source'), Type.Literal('error')], {
  description: 'ok：已计算（无可计量对象时数值为 null）；no_source：暂无数据源；error：数据源计算出错',
});
const Direction = Type.Union([Type.Literal('at_least'), Type.Literal('at_most')], {
  description: 'at_least：不低于目标值；at_most：不高于目标值',
});
const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '统计期（中国时间的年月）' });

export const KpiSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  unit: Type.String(),
  target: Type.Number(),
  direction: Direction,
  measureNos: Type.Array(Type.Integer()),
  provider: Type.Union([Type.String(), Type.Null()], { description: '指标数据源（metric provider id）' }),
  source: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], {
    description: 'null = 暂无数据源（数据源模块尚未注册）',
  }),
  latest: Type.Union([
    Type.Object({
      period: Period,
      value: Type.Union([Type.Number(), Type.Null()]),
      status: KpiStatus,
      met: Type.Union([Type.Boolean(), Type.Null()], { description: '是否达标；无数值时为 null' }),
      computedAt: Type.String({ format: 'date-time' }),
    }),
    Type.Null(),
  ]),
  history: Type.Array(
    Type.Object({ period: Period, value: Type.Union([Type.Number(), Type.Null()]), status: KpiStatus }),
    { description: `按统计期从早到晚，最多 ${KPI_HISTORY_PERIODS} 期` },
  ),
});
export type KpiDto = Static<typeof KpiSchema>;

export const MetricProviderSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  description: Type.String(),
});
export type MetricProviderDto = Static<typeof MetricProviderSchema>;

const KpiFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  unit: Type.String({ minLength: 1, maxLength: 20, description: '如 %、工作日、个、类' }),
  target: Type.Number({ minimum: -1e12, maximum: 1e12 }),
  direction: Direction,
  // Null first: with type coercion on, ajv would otherwise coerce null to "" in the string branch.
  provider: Type.Optional(
    Type.Union([Type.Null(), Type.String({ minLength: 3, maxLength: 100 })], {
      description: '已注册的指标数据源 id（GET /api/action-plan/metric-providers）；null = 暂无数据源',
    }),
  ),
  measureNos: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1, maximum: 9999 }), { maxItems: 200, uniqueItems: true }),
  ),
};

export const CreateKpiBody = Type.Object(
  {
    code: Type.String({ pattern: KPI_CODE_PATTERN, description: '小写字母、数字和连字符，2–41 位' }),
    ...KpiFields,
  },
  { additionalProperties: false },
);
export type CreateKpiInput = Static<typeof CreateKpiBody>;

export const UpdateKpiBody = Type.Object(KpiFields, { additionalProperties: false });
export type UpdateKpiInput = Static<typeof UpdateKpiBody>;

export const KpiCodeParams = Type.Object({ code: Type.String({ pattern: KPI_CODE_PATTERN }) });
