import { Type, type Static } from 'typebox';
import { Uscc } from './sanctions.schemas.ts';

export const Paging = {
  page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

const ListTypeSchema = Type.Union([Type.Literal('red'), Type.Literal('black')], {
  description: 'red 守信激励（红名单） / black 失信惩戒（黑名单）',
});
const DateOnly = Type.String({ format: 'date' });

export const ListEntrySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  list: Type.Object({ code: Type.String(), name: Type.String(), type: ListTypeSchema }),
  uscc: Type.String(),
  entityName: Type.String(),
  enterpriseId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  departmentId: Type.String({ format: 'uuid' }),
  reason: Type.String(),
  basis: Type.String(),
  enteredOn: DateOnly,
  exitRule: Type.Object({
    on: Type.Union([DateOnly, Type.Null()], { description: '到期自动移出的日期' }),
    condition: Type.Union([Type.String(), Type.Null()], { description: '移出条件（如：履行完毕法律义务）' }),
  }),
  exitedOn: Type.Union([DateOnly, Type.Null()]),
  exitReason: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});
export type ListEntryDto = Static<typeof ListEntrySchema>;

export const ListEntryListSchema = Type.Object({ items: Type.Array(ListEntrySchema), total: Type.Integer() });
export type ListEntryListDto = Static<typeof ListEntryListSchema>;

/** The public face of an entry: who and since when, on which basis; no reason text (it may name people). */
export const PublicListEntrySchema = Type.Object({
  list: Type.Object({ code: Type.String(), name: Type.String(), type: ListTypeSchema }),
  uscc: Type.String(),
  entityName: Type.String(),
  basis: Type.String(),
  enteredOn: DateOnly,
  exitOn: Type.Union([DateOnly, Type.Null()]),
});
export type PublicListEntryDto = Static<typeof PublicListEntrySchema>;
export const PublicListEntryListSchema = Type.Object({
  items: Type.Array(PublicListEntrySchema),
  total: Type.Integer(),
});
export type PublicListEntryListDto = Static<typeof PublicListEntryListSchema>;

export const EntryListQuery = Type.Object(
  {
    ...Paging,
    state: Type.Optional(
      Type.Union([Type.Literal('current'), Type.Literal('exited'), Type.Literal('all')], {
        default: 'current',
      }),
    ),
  },
  { additionalProperties: false },
);
export type EntryListQueryInput = Static<typeof EntryListQuery>;

export const PublicEntryListQuery = Type.Object(Paging, { additionalProperties: false });
export type PublicEntryListQueryInput = Static<typeof PublicEntryListQuery>;

export const AddListEntryBody = Type.Object(
  {
    listCode: Type.String({ minLength: 1, maxLength: 64 }),
    uscc: Uscc,
    entityName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    basis: Type.String({ minLength: 1, maxLength: 1000, description: '认定依据（法律法规条文）' }),
    enteredOn: DateOnly,
    exitOn: Type.Optional(DateOnly),
    exitCondition: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type AddListEntryInput = Static<typeof AddListEntryBody>;

export const ExitListEntryBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 2000,
      description: '移出原因（如：已履行义务、信用修复）',
    }),
    exitedOn: Type.Optional(DateOnly),
  },
  { additionalProperties: false },
);
export type ExitListEntryInput = Static<typeof ExitListEntryBody>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const ListCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) });
