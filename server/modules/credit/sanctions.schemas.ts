import { Type, type Static } from 'typebox';

export const Uscc = Type.String({ minLength: 1, maxLength: 40, description: '统一社会信用代码（18位）' });

export const PurposeSchema = Type.Union(
  [
    Type.Literal('commitment'),
    Type.Literal('application'),
    Type.Literal('policy'),
    Type.Literal('grant'),
    Type.Literal('procurement'),
    Type.Literal('honour'),
  ],
  {
    description:
      'commitment 告知承诺 / application 事项办理 / policy 政策兑现（财政资金支持） / grant 免申即享 / procurement 政府采购 / honour 评优评先',
  },
);

export const SanctionCheckBody = Type.Object(
  {
    uscc: Type.Optional(Uscc),
    enterpriseId: Type.Optional(Type.String({ format: 'uuid' })),
    purpose: PurposeSchema,
  },
  { additionalProperties: false },
);
export type SanctionCheckInput = Static<typeof SanctionCheckBody>;

const ClassLetter = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')]);

export const SanctionDecisionSchema = Type.Object({
  uscc: Type.String(),
  purpose: PurposeSchema,
  checkedOn: Type.String({ format: 'date' }),
  decision: Type.Union([Type.Literal('allow'), Type.Literal('flag'), Type.Literal('block')]),
  reasons: Type.Array(
    Type.Object({
      code: Type.String(),
      decision: Type.Union([Type.Literal('flag'), Type.Literal('block')]),
      effect: Type.Union([Type.Literal('restriction'), Type.Literal('incentive')]),
      message: Type.String(),
      basis: Type.String(),
      list: Type.Union([
        Type.Object({ code: Type.String(), name: Type.String(), entryId: Type.String() }),
        Type.Null(),
      ]),
      record: Type.Union([Type.Object({ id: Type.String(), decisionNo: Type.String() }), Type.Null()]),
      class: Type.Union([ClassLetter, Type.Null()]),
    }),
  ),
});

const Trigger = Type.Union([
  Type.Object({ type: Type.Literal('list'), list: Type.String() }),
  Type.Object({
    type: Type.Literal('listType'),
    listType: Type.Union([Type.Literal('red'), Type.Literal('black')]),
  }),
  Type.Object({ type: Type.Literal('class'), classes: Type.Array(ClassLetter) }),
]);

const MeasureFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  trigger: Trigger,
  purposes: Type.Array(PurposeSchema, { minItems: 1, uniqueItems: true }),
  decision: Type.Union([Type.Literal('flag'), Type.Literal('block')]),
  effect: Type.Union([Type.Literal('restriction'), Type.Literal('incentive')]),
  message: Type.String({ minLength: 1, maxLength: 500 }),
  basis: Type.String({ minLength: 1, maxLength: 1000 }),
};

export const MeasureCodeParams = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9-]{2,60}$', description: '措施代码（小写字母、数字、连字符）' }),
});

export const MeasureBody = Type.Object(
  { ...MeasureFields, active: Type.Boolean({ description: '停用的措施不参与 checkSanctions 判断' }) },
  { additionalProperties: false },
);
export type MeasureInput = Static<typeof MeasureBody>;

export const MeasureSchema = Type.Object({ code: Type.String(), ...MeasureFields, active: Type.Boolean() });
export type MeasureDto = Static<typeof MeasureSchema>;

export const MeasureListSchema = Type.Object({ items: Type.Array(MeasureSchema) });

export const SanctionCatalogueSchema = Type.Object({
  lists: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      type: Type.Union([Type.Literal('red'), Type.Literal('black')]),
      description: Type.String(),
    }),
  ),
  measures: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      trigger: Trigger,
      purposes: Type.Array(PurposeSchema),
      decision: Type.Union([Type.Literal('flag'), Type.Literal('block')]),
      effect: Type.Union([Type.Literal('restriction'), Type.Literal('incentive')]),
      message: Type.String(),
      basis: Type.String(),
    }),
  ),
});
export type SanctionCatalogueDto = Static<typeof SanctionCatalogueSchema>;
