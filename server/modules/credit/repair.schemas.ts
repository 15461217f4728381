import { Type, type Static } from 'typebox';
import { Paging } from './lists.schemas.ts';

const RepairStatusSchema = Type.Union(
  [Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')],
  { description: 'pending 待审核 / approved 已修复 / rejected 不予修复' },
);

export const RepairSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  recordId: Type.String({ format: 'uuid' }),
  enterpriseId: Type.String({ format: 'uuid' }),
  departmentId: Type.String({ format: 'uuid' }),
  uscc: Type.String(),
  entityName: Type.String(),
  category: Type.String(),
  decisionNo: Type.String(),
  statement: Type.String(),
  appliedAt: Type.String({ format: 'date-time' }),
  appliedOn: Type.String({ format: 'date' }),
  reviewDueOn: Type.String({ format: 'date', description: '审核时限（工作日计，含当日）' }),
  overdue: Type.Boolean(),
  status: RepairStatusSchema,
  reviewedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reviewComment: Type.Union([Type.String(), Type.Null()]),
  materials: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      contentType: Type.String(),
      sizeBytes: Type.Integer(),
    }),
    { description: '证明材料（GET /api/files/{id}/content 下载；申请企业与审核部门可读）' },
  ),
});
export type RepairDto = Static<typeof RepairSchema>;

export const RepairListSchema = Type.Object({ items: Type.Array(RepairSchema), total: Type.Integer() });
export type RepairListDto = Static<typeof RepairListSchema>;

export const RepairListQuery = Type.Object(
  { ...Paging, status: Type.Optional(RepairStatusSchema) },
  { additionalProperties: false },
);
export type RepairListQueryInput = Static<typeof RepairListQuery>;

export const ApplyRepairBody = Type.Object(
  {
    statement: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: '修复申请说明（已履行行政处罚决定、已纠正失信行为等）',
    }),
    materialFileIds: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), {
        maxItems: 10,
        uniqueItems: true,
        description: '证明材料：先经 POST /api/files 上传，再在此列出其 id（文档或图片）',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApplyRepairInput = Static<typeof ApplyRepairBody>;

export const ReviewRepairBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ReviewRepairInput = Static<typeof ReviewRepairBody>;
