import { Type, type Static } from 'typebox';

const Uuid = Type.String({ format: 'uuid' });
const DateOnly = Type.String({ format: 'date' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SubjectSchema = Type.Union(
  [Type.Literal('enterprise'), Type.Literal('individual'), Type.Literal('connection')],
  { description: 'enterprise 企业 / individual 个人（人才政策计算器） / connection 用电报装' },
);
export const ModeSchema = Type.Union([Type.Literal('apply'), Type.Literal('auto'), Type.Literal('fast')], {
  description: 'apply 申报 / auto 免申即享 / fast 快申快享',
});
const StatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('published'),
  Type.Literal('withdrawn'),
]);
const Department = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() });
const FactValuesSchema = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 80 });

export const ClauseSummarySchema = Type.Object({
  id: Uuid,
  no: Type.Integer(),
  title: Type.String(),
  citation: Type.String(),
  mode: ModeSchema,
  subject: SubjectSchema,
  effectiveFrom: DateOnly,
  effectiveTo: Nullable(DateOnly),
  benefitText: Nullable(Type.String()),
});

export const PolicySummarySchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  title: Type.String(),
  status: StatusSchema,
  department: Department,
  documentNo: Type.String(),
  issuedOn: DateOnly,
  summary: Type.String(),
  topics: Type.Array(Type.String()),
  measureNos: Type.Array(Type.Integer()),
  demo: Type.Boolean(),
  score: Nullable(Type.Number({ description: '检索相关度（0–1，仅在 q 时）' })),
  clauses: Type.Array(ClauseSummarySchema),
});
export type PolicySummaryDto = Static<typeof PolicySummarySchema>;
export type ClauseSummaryDto = Static<typeof ClauseSummarySchema>;

const RequirementSchema = Type.Object({
  label: Type.String(),
  fact: Nullable(Type.String()),
  required: Type.String(),
});
export const TestCaseSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  facts: FactValuesSchema,
  expectEligible: Type.Boolean(),
  expectAmount: Type.Optional(Nullable(Type.Number())),
});
export type TestCaseInput = Static<typeof TestCaseSchema>;

export const ClauseDetailSchema = Type.Object({
  ...ClauseSummarySchema.properties,
  rule: Type.Unknown({ description: 'JsonLogic 规则' }),
  benefit: Type.Unknown({ description: '待遇计算公式（JSON）或 null' }),
  conditions: Type.Array(RequirementSchema),
});
export const PolicyDetailSchema = Type.Object({
  ...PolicySummarySchema.properties,
  clauses: Type.Array(ClauseDetailSchema),
});
export type PolicyDetailDto = Static<typeof PolicyDetailSchema>;
export type ClauseDetailDto = Static<typeof ClauseDetailSchema>;

export const ManagedClauseSchema = Type.Object({
  ...ClauseDetailSchema.properties,
  tests: Type.Array(TestCaseSchema),
});
export const ManagedPolicySchema = Type.Object({
  ...PolicySummarySchema.properties,
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  updatedAt: Type.String({ format: 'date-time' }),
  clauses: Type.Array(ManagedClauseSchema),
});
export type ManagedPolicyDto = Static<typeof ManagedPolicySchema>;
export type ManagedClauseDto = Static<typeof ManagedClauseSchema>;

export const PolicyListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  mode: Type.Optional(ModeSchema),
  subject: Type.Optional(SubjectSchema),
  topic: Type.Optional(Type.String({ maxLength: 40 })),
  department: Type.Optional(Type.String({ maxLength: 60, description: '部门 id 或 code' })),
});
export type PolicyListQueryInput = Static<typeof PolicyListQuery>;

export const ManageListQuery = Type.Object({ status: Type.Optional(StatusSchema) });
export const IdParams = Type.Object({ id: Uuid });
export const ClauseParams = Type.Object({ clauseId: Uuid });
export const SubjectQuery = Type.Object({ subject: Type.Optional(SubjectSchema) });

export const TopicSchema = Type.Object({ code: Type.String(), label: Type.String(), labelEn: Type.String() });
export const FactSchema = Type.Object({
  name: Type.String(),
  subject: SubjectSchema,
  label: Type.String(),
  labelEn: Type.String(),
  type: Type.String(),
  unit: Type.Optional(Type.String()),
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }))),
  source: Type.String(),
  sourceLabel: Type.String(),
  derived: Type.Optional(Type.Boolean()),
});

export const CalculateBody = Type.Object({ subject: SubjectSchema, facts: FactValuesSchema });
export type CalculateInput = Static<typeof CalculateBody>;

const SourceSchema = Type.Object({
  kind: Type.String({ description: 'feed 部门数据 / declared 自行申报 / platform 平台' }),
  label: Type.String(),
  verified: Type.Boolean(),
  at: Nullable(Type.String()),
});
export const ConditionSchema = Type.Object({
  label: Type.String(),
  fact: Nullable(Type.String()),
  actual: Type.Unknown(),
  actualText: Type.String({ description: '实际值（带单位或选项名称），未知为“未知”' }),
  required: Type.String(),
  passed: Type.Boolean(),
  source: Type.Optional(Nullable(SourceSchema)),
});
export type ConditionDto = Static<typeof ConditionSchema>;
const BenefitSchema = Nullable(Type.Object({ amount: Nullable(Type.Number()), formula: Type.String() }));

export const CalculationSchema = Type.Object({
  policyId: Uuid,
  policyCode: Type.String(),
  clauseId: Uuid,
  clauseNo: Type.Integer(),
  title: Type.String(),
  mode: ModeSchema,
  citation: Type.String(),
  eligible: Type.Boolean(),
  missing: Type.Integer({ description: '未满足的条件数' }),
  summary: Type.String(),
  conditions: Type.Array(ConditionSchema),
  benefit: BenefitSchema,
});
export type CalculationDto = Static<typeof CalculationSchema>;

export const ExplanationSchema = Type.Object({
  policyId: Uuid,
  policyCode: Type.String(),
  policyTitle: Type.String(),
  clauseId: Uuid,
  clauseNo: Type.Integer(),
  clauseTitle: Type.String(),
  mode: ModeSchema,
  citation: Type.String(),
  topics: Type.Array(Type.String()),
  eligible: Type.Boolean(),
  missing: Type.Integer(),
  summary: Type.String(),
  conditions: Type.Array(ConditionSchema),
  benefit: BenefitSchema,
  firstMatchedAt: Nullable(Type.String({ format: 'date-time' })),
  grant: Nullable(Type.Object({ id: Uuid, status: Type.String() })),
});
export type ExplanationDto = Static<typeof ExplanationSchema>;
export const MyMatchesSchema = Type.Object({
  enterprise: Type.Object({ id: Uuid, name: Type.String() }),
  matches: Type.Array(ExplanationSchema),
  nearMisses: Type.Array(ExplanationSchema),
});
export type MyMatchesDto = Static<typeof MyMatchesSchema>;

export const MyFactsSchema = Type.Object({
  values: FactValuesSchema,
  sources: Type.Record(Type.String(), SourceSchema),
  facts: Type.Array(FactSchema),
});
export type MyFactsDto = Static<typeof MyFactsSchema>;
export const PutFactsBody = Type.Object({ facts: FactValuesSchema });

export const SubscriptionSchema = Type.Object({
  topics: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 40, description: '空表示全部主题' }),
});

export const PolicyInputBody = Type.Object({
  code: Type.Optional(
    Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,39}$', description: '政策编号（留空自动生成）' }),
  ),
  title: Type.String({ minLength: 2, maxLength: 200 }),
  documentNo: Type.String({ minLength: 1, maxLength: 100 }),
  issuedOn: DateOnly,
  summary: Type.String({ maxLength: 4000 }),
  topics: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 12 }),
  measureNos: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 999 }), { maxItems: 20 })),
  demo: Type.Optional(Type.Boolean()),
});
export type PolicyInput = Static<typeof PolicyInputBody>;

export const ClauseInputBody = Type.Object({
  no: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  citation: Type.String({ minLength: 1, maxLength: 1000 }),
  subject: SubjectSchema,
  mode: ModeSchema,
  rule: Type.Unknown({ description: 'JsonLogic 规则（只能引用该主体的事实）' }),
  benefit: Type.Optional(Type.Unknown({ description: '待遇公式或 null' })),
  effectiveFrom: DateOnly,
  effectiveTo: Type.Optional(Nullable(DateOnly)),
  tests: Type.Array(TestCaseSchema, { maxItems: 50 }),
});
export type ClauseInput = Static<typeof ClauseInputBody>;

export const ValidateRuleBody = Type.Object({ subject: SubjectSchema, rule: Type.Unknown() });
export const ValidateRuleResult = Type.Object({
  ok: Type.Boolean(),
  errors: Type.Array(Type.Object({ path: Type.String(), rule: Type.String(), message: Type.String() })),
  conditions: Type.Array(RequirementSchema),
});
export type ValidateRuleResultDto = Static<typeof ValidateRuleResult>;

export const TestResultSchema = Type.Object({
  clauseId: Uuid,
  clauseNo: Type.Integer(),
  name: Type.String(),
  passed: Type.Boolean(),
  eligible: Type.Boolean(),
  amount: Nullable(Type.Number()),
  expectEligible: Type.Boolean(),
  expectAmount: Nullable(Type.Number()),
  conditions: Type.Array(ConditionSchema),
  message: Nullable(Type.String()),
});
export type TestResultDto = Static<typeof TestResultSchema>;

const GrantStatus = Type.Union([
  Type.Literal('excluded'),
  Type.Literal('pending'),
  Type.Literal('awaiting_confirmation'),
  Type.Literal('confirmed'),
  Type.Literal('disbursed'),
]);
export const GrantEntrySchema = Type.Object({
  id: Uuid,
  listId: Uuid,
  policyId: Uuid,
  policyTitle: Type.String(),
  clauseId: Uuid,
  clauseTitle: Type.String(),
  citation: Type.String(),
  enterprise: Type.Object({ id: Uuid, name: Type.String(), uscc: Type.String() }),
  included: Type.Boolean(),
  exclusionReason: Nullable(Type.String()),
  amount: Nullable(Type.Number()),
  formula: Nullable(Type.String()),
  status: GrantStatus,
  confirmedAt: Nullable(Type.String({ format: 'date-time' })),
  disbursedAt: Nullable(Type.String({ format: 'date-time' })),
  disbursedAmount: Nullable(Type.Number()),
  reference: Nullable(Type.String()),
});
export type GrantEntryDto = Static<typeof GrantEntrySchema>;

export const GrantListSchema = Type.Object({
  id: Uuid,
  clauseId: Uuid,
  policyId: Uuid,
  policyTitle: Type.String(),
  clauseTitle: Type.String(),
  department: Department,
  status: Type.Union([Type.Literal('building'), Type.Literal('pending'), Type.Literal('approved')], {
    description: 'building 生成中（信用核查） / pending 待审核 / approved 已审核',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  approvedAt: Nullable(Type.String({ format: 'date-time' })),
  counts: Type.Object({
    included: Type.Integer(),
    excluded: Type.Integer(),
    confirmed: Type.Integer(),
    disbursed: Type.Integer(),
  }),
  totalAmount: Type.Number(),
});
export type GrantListDto = Static<typeof GrantListSchema>;
export const GrantListDetailSchema = Type.Object({
  ...GrantListSchema.properties,
  entries: Type.Array(GrantEntrySchema),
});
export type GrantListDetailDto = Static<typeof GrantListDetailSchema>;
export const DisburseBody = Type.Object({
  amount: Type.Number({ minimum: 0, maximum: 100_000_000 }),
  reference: Type.String({ minLength: 1, maxLength: 200, description: '兑付凭证号' }),
});

export const StatsSchema = Type.Object({
  scope: Type.Union([Type.Literal('district'), Type.Literal('department')]),
  policies: Type.Object({ published: Type.Integer(), draft: Type.Integer(), withdrawn: Type.Integer() }),
  clauses: Type.Object({ apply: Type.Integer(), auto: Type.Integer(), fast: Type.Integer() }),
  matches: Type.Object({ active: Type.Integer(), enterprises: Type.Integer(), notified: Type.Integer() }),
  grants: Type.Object({
    lists: Type.Integer(),
    included: Type.Integer(),
    excluded: Type.Integer(),
    confirmed: Type.Integer(),
    disbursed: Type.Integer(),
    disbursedAmount: Type.Number(),
  }),
  byPolicy: Type.Array(
    Type.Object({
      policyId: Uuid,
      title: Type.String(),
      activeMatches: Type.Integer(),
      granted: Type.Integer(),
    }),
  ),
});
export type StatsDto = Static<typeof StatsSchema>;
