import { Type, type Static } from 'typebox';

/** The most plan text one import takes: the seed is 38 kB, so 2 MB is room for any district's plan. */
export const PLAN_TEXT_MAX_BYTES = 2 * 1024 * 1024;

export const PLAN_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;

export const PlanCode = Type.String({
  pattern: PLAN_CODE_PATTERN.source,
  description: '方案代码：小写字母、数字和连字符，如 xiangcheng-2022',
  examples: ['xiangcheng-2022'],
});

export const ByStatusSchema = Type.Object({
  not_started: Type.Integer({ minimum: 0 }),
  in_progress: Type.Integer({ minimum: 0 }),
  completed: Type.Integer({ minimum: 0 }),
  lagging: Type.Integer({ minimum: 0 }),
});

export const PlanSummarySchema = Type.Object({
  measures: Type.Integer({ minimum: 0 }),
  byStatus: ByStatusSchema,
  averageProgress: Type.Number({
    minimum: 0,
    maximum: 100,
    description: '各措施进度的平均值（0–100，一位小数）',
  }),
});
export type PlanSummaryDto = Static<typeof PlanSummarySchema>;

export const PlanOverviewSchema = Type.Object({
  plan: Type.Object({
    code: Type.String(),
    title: Type.String(),
    issuer: Type.Union([Type.String(), Type.Null()]),
    documentNo: Type.Union([Type.String(), Type.Null()]),
    issuedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    reportingPeriod: Type.Union([Type.Literal('monthly'), Type.Literal('quarterly')]),
  }),
  parts: Type.Array(
    Type.Object({
      no: Type.Integer({ description: '部分序号（二 → 2）' }),
      label: Type.String({ examples: ['二'] }),
      title: Type.String(),
      sections: Type.Array(
        Type.Object({
          no: Type.Integer({ description: '小节序号 1…19' }),
          label: Type.String({ examples: ['（一）'] }),
          title: Type.String(),
          measureCount: Type.Integer({ minimum: 0 }),
        }),
      ),
    }),
  ),
  summary: PlanSummarySchema,
});
export type PlanOverviewDto = Static<typeof PlanOverviewSchema>;

export const ImportPlanJsonBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: PLAN_TEXT_MAX_BYTES,
      description: '方案全文（UTF-8 文本，与 config/plan/ 中的方案同样格式）',
    }),
    code: Type.Optional(PlanCode),
  },
  { additionalProperties: false },
);
export type ImportPlanJson = Static<typeof ImportPlanJsonBody>;

const UnmatchedUnit = Type.Object({ measureNo: Type.Integer(), name: Type.String() });

export const PlanImportResultSchema = Type.Object({
  importId: Type.String({ format: 'uuid' }),
  planCode: Type.String(),
  planCreated: Type.Boolean({ description: '本次导入新建了方案（新的 code）' }),
  parts: Type.Integer(),
  sections: Type.Integer(),
  measures: Type.Integer({ description: '文本中的措施数' }),
  added: Type.Integer(),
  updated: Type.Integer({ description: '标题、正文、小节或单位有变化的措施（原地更新，进展记录保留）' }),
  unchanged: Type.Integer(),
  removed: Type.Array(Type.Integer(), {
    description: '库中有而新文本中没有的措施编号；不删除，保留其进展记录',
  }),
  unmatchedUnits: Type.Array(UnmatchedUnit, { description: '未能对应到部门名录的单位（集体范围除外）' }),
  warnings: Type.Array(Type.String(), { description: '解析时发现但不妨碍导入的问题' }),
});
export type PlanImportResultDto = Static<typeof PlanImportResultSchema>;

export const PlanImportListQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});
export type PlanImportListInput = Static<typeof PlanImportListQuery>;

export const PlanImportSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  planCode: Type.String(),
  importedAt: Type.String({ format: 'date-time' }),
  importedBy: Type.String({ description: '账号名，或 system:<来源>（seed、cli）' }),
  sourceSha256: Type.String(),
  added: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  unmatchedUnits: Type.Array(UnmatchedUnit),
});
export type PlanImportDto = Static<typeof PlanImportSchema>;

export const PlanImportListSchema = Type.Object({
  items: Type.Array(PlanImportSchema),
  total: Type.Integer(),
});
export type PlanImportListDto = Static<typeof PlanImportListSchema>;
