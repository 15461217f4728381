import { Type, type Static } from 'typebox';

export const EnterpriseSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  uscc: Type.String({ description: '统一社会信用代码' }),
  name: Type.String(),
  legalRepresentative: Type.String(),
  industrySection: Type.String({ description: 'GB/T 4754 门类' }),
  industrySectionName: Type.String(),
  industryDivision: Type.String({ description: 'GB/T 4754 大类' }),
  industryName: Type.String(),
  size: Type.Union([
    Type.Literal('micro'),
    Type.Literal('small'),
    Type.Literal('medium'),
    Type.Literal('large'),
  ]),
  entityType: Type.String(),
  registeredCapital: Type.Number({ description: '注册资本（万元）' }),
  employees: Type.Integer(),
  annualRevenue: Type.Number({ description: '年营业收入（万元）' }),
  foundedOn: Type.String({ format: 'date' }),
  town: Type.String(),
  address: Type.String(),
  highTech: Type.Boolean(),
  specialisedSme: Type.Boolean(),
  status: Type.String(),
});
export type EnterpriseDto = Static<typeof EnterpriseSchema>;

export const EnterpriseListQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  town: Type.Optional(Type.String({ maxLength: 50 })),
  industrySection: Type.Optional(Type.String({ pattern: '^[A-T]$' })),
  size: Type.Optional(
    Type.Union([Type.Literal('micro'), Type.Literal('small'), Type.Literal('medium'), Type.Literal('large')]),
  ),
});

export const EnterpriseListSchema = Type.Object({
  items: Type.Array(EnterpriseSchema),
  total: Type.Integer(),
});

const Bucket = Type.Object({ key: Type.String(), count: Type.Integer() });
export const EnterpriseStatsSchema = Type.Object({
  total: Type.Integer(),
  bySize: Type.Array(Bucket),
  byTown: Type.Array(Bucket),
  bySection: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), count: Type.Integer() })),
});

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
