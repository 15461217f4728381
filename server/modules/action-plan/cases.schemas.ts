import { Type, type Static } from 'typebox';

const CaseStatus = Type.Union(
  [Type.Literal('submitted'), Type.Literal('published'), Type.Literal('rejected')],
  {
    description: 'submitted 待审核 / published 已发布 / rejected 未采用',
  },
);
export type CaseStatus = Static<typeof CaseStatus>;

export const TypicalCaseSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  summary: Type.String(),
  body: Type.String(),
  measureNo: Type.Union([Type.Integer(), Type.Null()]),
  department: Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String(), name: Type.String() }),
  status: CaseStatus,
  submittedAt: Type.String({ format: 'date-time' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reviewComment: Type.Union([Type.String(), Type.Null()], {
    description: '审核意见；只有报送部门和领导小组办公室可见',
  }),
});
export type TypicalCaseDto = Static<typeof TypicalCaseSchema>;

export const TypicalCaseListSchema = Type.Object({
  items: Type.Array(TypicalCaseSchema),
  total: Type.Integer(),
});
export type TypicalCaseListDto = Static<typeof TypicalCaseListSchema>;

const Paging = {
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

export const CaseListQuery = Type.Object(Paging, { additionalProperties: false });
export type CaseListQueryInput = Static<typeof CaseListQuery>;

export const CaseReviewListQuery = Type.Object(
  {
    ...Paging,
    status: Type.Optional(Type.Union([CaseStatus, Type.Literal('all')], { default: 'submitted' })),
  },
  { additionalProperties: false },
);
export type CaseReviewListQueryInput = Static<typeof CaseReviewListQuery>;

export const SubmitCaseBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    summary: Type.String({ minLength: 1, maxLength: 1000 }),
    body: Type.String({ minLength: 1, maxLength: 50_000 }),
    // Null first: with type coercion on, ajv would otherwise coerce null to 0 in the integer branch.
    measureNo: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 9999 })])),
  },
  { additionalProperties: false },
);
export type SubmitCaseInput = Static<typeof SubmitCaseBody>;

export const ReviewCaseBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('publish'), Type.Literal('reject')]),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ReviewCaseInput = Static<typeof ReviewCaseBody>;

export const CaseIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
