import { Type, type Static } from 'typebox';
import { Paging } from './lists.schemas.ts';
import { SanctionDecisionSchema, Uscc } from './sanctions.schemas.ts';

const KindSchema = Type.Union([Type.Literal('notification'), Type.Literal('credit')], {
  description: 'notification 告知承诺（代替证明材料） / credit 信用承诺',
});
const StatusSchema = Type.Union(
  [Type.Literal('pending'), Type.Literal('fulfilled'), Type.Literal('broken')],
  {
    description: 'pending 待核查 / fulfilled 已履行 / broken 违背承诺（形成失信信息）',
  },
);
const DateOnly = Type.String({ format: 'date' });

export const CommitmentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: KindSchema,
  enterpriseId: Type.String({ format: 'uuid' }),
  uscc: Type.String(),
  entityName: Type.String(),
  departmentId: Type.String({ format: 'uuid' }),
  subject: Type.String(),
  content: Type.String(),
  applicationRef: Type.Union([Type.String(), Type.Null()]),
  committedOn: DateOnly,
  verifyBy: DateOnly,
  status: StatusSchema,
  verifiedOn: Type.Union([DateOnly, Type.Null()]),
  verificationNote: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  sanctions: Type.Optional(SanctionDecisionSchema),
});
export type CommitmentDto = Static<typeof CommitmentSchema>;

export const CommitmentListSchema = Type.Object({
  items: Type.Array(CommitmentSchema),
  total: Type.Integer(),
});
export type CommitmentListDto = Static<typeof CommitmentListSchema>;

export const CommitmentListQuery = Type.Object(
  { ...Paging, status: Type.Optional(StatusSchema) },
  { additionalProperties: false },
);
export type CommitmentListQueryInput = Static<typeof CommitmentListQuery>;

export const RecordCommitmentBody = Type.Object(
  {
    kind: KindSchema,
    uscc: Type.Optional(Uscc),
    departmentId: Type.Optional(
      Type.String({ format: 'uuid', description: '核查部门（企业作出承诺时必填；部门录入时为本部门）' }),
    ),
    subject: Type.String({ minLength: 1, maxLength: 200, description: '承诺事项（如：食品经营许可）' }),
    content: Type.String({ minLength: 1, maxLength: 10_000, description: '承诺内容' }),
    applicationRef: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    verifyBy: DateOnly,
  },
  { additionalProperties: false },
);
export type RecordCommitmentInput = Static<typeof RecordCommitmentBody>;

export const VerifyCommitmentBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('fulfilled'), Type.Literal('broken')]),
    note: Type.Optional(Type.String({ maxLength: 4000, description: '核查说明；违背承诺时必填（理由）' })),
  },
  { additionalProperties: false },
);
export type VerifyCommitmentInput = Static<typeof VerifyCommitmentBody>;
