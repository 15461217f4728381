import { Type } from 'typebox';
const Kind = Type.Union([
  Type.Literal('enterprise'),
  Type.Literal('individual'),
  Type.Literal('officer'),
  Type.Literal('office'),
  Type.Literal('sysadmin'),
  Type.Literal('secadmin'),
  Type.Literal('auditor'),
]);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const MeSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  kind: Kind,
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  department: Type.Union([
    Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
    Type.Null(),
  ]),
  enterprise: Type.Union([
    Type.Object({ id: Type.String(), uscc: Type.String(), name: Type.String() }),
    Type.Null(),
  ]),
  mustChangePassword: Type.Boolean(),
});

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
    newPassword: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const DepartmentSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  kind: Type.String(),
});

export const PageQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  q: Type.Optional(Type.String({ maxLength: 64 })),
  locked: Type.Optional(Type.Boolean({ description: '只看当前被锁定的账号' })),
});

export const UserListSchema = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      username: Type.String(),
      displayName: Type.String(),
      kind: Kind,
      roles: Type.Array(Type.String()),
      department: Type.Union([Type.String(), Type.Null()]),
      enterprise: Type.Union([Type.String(), Type.Null()]),
      enterpriseUscc: Type.Union([Type.String(), Type.Null()]),
      locked: Type.Boolean(),
      lockedUntil: Type.Union([Type.String(), Type.Null()]),
      failedAttempts: Type.Integer(),
      lastLoginAt: Type.Union([Type.String(), Type.Null()]),
      disabled: Type.Boolean(),
    }),
  ),
});

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,64}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    kind: Kind,
    password: Type.String({ minLength: 1, maxLength: 128 }),
    roles: Type.Optional(Type.Array(Type.String(), { maxItems: 10 })),
    departmentCode: Type.Optional(Type.String({ maxLength: 32 })),
    enterpriseUscc: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{18}$' })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const TokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64 }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  { additionalProperties: false },
);

export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
