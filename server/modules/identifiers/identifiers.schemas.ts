import { Type, type Static } from 'typebox';

const CodeName = Type.Object({ code: Type.String(), name: Type.String() });
const Reason = {
  reason: Type.Union([Type.String(), Type.Null()], { description: '不通过的原因（中文），通过时为 null' }),
  reasonCode: Type.Union([Type.String(), Type.Null()], {
    description: '机器可读的原因代码，如 CHECK、LENGTH',
  }),
};

export const UsccParams = Type.Object({
  // Anything up to 64 characters is answered (an invalid code is a 200 with valid: false), not rejected.
  code: Type.String({ maxLength: 64, description: '统一社会信用代码（全角字符、小写字母会被规范化）' }),
});

export const UsccCheckSchema = Type.Object({
  code: Type.String({ description: '规范化后的代码' }),
  valid: Type.Boolean(),
  ...Reason,
  registrationAuthority: Type.Union([CodeName, Type.Null()], { description: '第1位 登记管理部门' }),
  entityType: Type.Union([CodeName, Type.Null()], { description: '第2位 机构类别' }),
  division: Type.Union(
    [Type.Object({ code: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }), Type.Null()],
    { description: '第3–8位 登记管理机关行政区划码' },
  ),
  organizationCode: Type.Union([Type.String(), Type.Null()], { description: '第9–17位 组织机构代码' }),
});
export type UsccCheckDto = Static<typeof UsccCheckSchema>;

export const IdCardCheckBody = Type.Object(
  { number: Type.String({ maxLength: 64, description: '居民身份证号码（18位）' }) },
  { additionalProperties: false },
);

export const IdCardCheckSchema = Type.Object({
  valid: Type.Boolean(),
  ...Reason,
  // Year and month only: the full birth date would fill in the masked digits and give back the whole number.
  birthMonth: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}$' }), Type.Null()]),
  sex: Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Null()]),
  masked: Type.String({ description: '脱敏号码：仅保留前6位和后4位' }),
});
export type IdCardCheckDto = Static<typeof IdCardCheckSchema>;
