import { Type } from 'typebox';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditOrigin, requireActor } from '../../kernel/http/actor.ts';
import { clearSessionCookie, setSessionCookie } from '../../kernel/http/server.ts';
import { findEnterpriseIdByCode } from '../enterprise/index.ts';
import { findDepartmentByCode, listDepartments } from './identity.repository.ts';
import {
  ChangePasswordBody,
  CreateUserBody,
  DepartmentSchema,
  IdParams,
  LoginBody,
  MeSchema,
  PageQuery,
  TokenBody,
  TokenSchema,
  UserListSchema,
} from './identity.schemas.ts';
import {
  changePassword,
  createApiToken,
  createUser,
  getMe,
  listApiTokens,
  listUsers,
  login,
  logout,
  revokeApiToken,
  unlockUser,
} from './identity.service.ts';

export function identityRoutes(app: HttpApp, ctx: AppContext): void {
  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录（会话 Cookie）',
        body: LoginBody,
        response: { 200: MeSchema },
      },
    },
    async (req, reply) => {
      const result = await login(ctx, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: String(req.id),
      });
      setSessionCookie(reply, result.token, result.maxAgeSeconds, ctx.config.cookieSecure);
      return result.me;
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'authenticated' }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (req, reply) => {
      await logout(ctx, requireActor(req), auditOrigin(req));
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeSchema } },
    },
    async (req) => getMe(ctx, requireActor(req)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['auth'], summary: '修改密码', body: ChangePasswordBody },
    },
    async (req, reply) => {
      await changePassword(ctx, requireActor(req), req.body, auditOrigin(req));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { permission: 'token.manage' },
      schema: { tags: ['auth'], summary: '我的 API 令牌', response: { 200: Type.Array(TokenSchema) } },
    },
    async (req) => listApiTokens(ctx, requireActor(req)),
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { permission: 'token.manage' },
      schema: {
        tags: ['auth'],
        summary: '创建 API 令牌（只显示一次）',
        body: TokenBody,
        response: {
          201: Type.Object({
            id: Type.String(),
            token: Type.String(),
            prefix: Type.String(),
            expiresAt: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createApiToken(ctx, requireActor(req), req.body, auditOrigin(req))),
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { permission: 'token.manage' },
      schema: { tags: ['auth'], summary: '吊销 API 令牌', params: IdParams },
    },
    async (req, reply) => {
      await revokeApiToken(ctx, requireActor(req), req.params.id, auditOrigin(req));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/departments',
    {
      config: { permission: 'public' },
      schema: { tags: ['identity'], summary: '部门名录', response: { 200: Type.Array(DepartmentSchema) } },
    },
    async () =>
      (await listDepartments(ctx.db)).map((d) => ({
        id: d.id,
        code: d.code,
        name: d.name,
        shortName: d.short_name,
        kind: d.kind,
      })),
  );

  app.get(
    '/api/admin/users',
    {
      config: { permission: 'user.read' },
      schema: {
        tags: ['admin'],
        summary: '账号列表',
        querystring: PageQuery,
        response: { 200: UserListSchema },
      },
    },
    async (req) => listUsers(ctx, req.query),
  );

  app.post(
    '/api/admin/users',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags: ['admin'],
        summary: '创建账号',
        body: CreateUserBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const departmentId = b.departmentCode
        ? (await findDepartmentByCode(ctx.db, b.departmentCode))?.id
        : undefined;
      if (b.departmentCode && !departmentId) {
        throw new AppError('VALIDATION_FAILED', `No department ${b.departmentCode}.`, {
          params: { reason: 'no-department', code: b.departmentCode },
          errors: [{ field: '/body/departmentCode', rule: 'exists', message: 'no such department' }],
        });
      }
      const enterpriseId = b.enterpriseUscc
        ? await findEnterpriseIdByCode(ctx.db, b.enterpriseUscc)
        : undefined;
      if (b.enterpriseUscc && !enterpriseId) {
        throw new AppError('VALIDATION_FAILED', `No enterprise ${b.enterpriseUscc}.`, {
          params: { reason: 'no-enterprise', uscc: b.enterpriseUscc },
          errors: [{ field: '/body/enterpriseUscc', rule: 'exists', message: 'no such enterprise' }],
        });
      }
      if (b.kind === 'officer' && !departmentId) {
        throw new AppError('VALIDATION_FAILED', 'An officer must belong to a department.', {
          params: { reason: 'officer-department' },
          errors: [
            {
              field: '/body/departmentCode',
              rule: 'required',
              message: 'officers need a department',
            },
          ],
        });
      }
      if (b.kind === 'enterprise' && !enterpriseId) {
        throw new AppError('VALIDATION_FAILED', 'An enterprise user must be bound to a USCC.', {
          params: { reason: 'enterprise-uscc' },
          errors: [
            {
              field: '/body/enterpriseUscc',
              rule: 'required',
              message: 'enterprise users need a USCC',
            },
          ],
        });
      }
      const id = await ctx.db.transaction().execute((trx) =>
        createUser(trx, auditOrigin(req), {
          username: b.username,
          displayName: b.displayName,
          kind: b.kind,
          password: b.password,
          ...(b.roles ? { roles: b.roles } : {}),
          departmentId: departmentId ?? null,
          enterpriseId: enterpriseId ?? null,
          mustChangePassword: true,
        }),
      );
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/admin/users/:id/unlock',
    {
      config: { permission: 'user.unlock' },
      schema: { tags: ['admin'], summary: '解锁账号', params: IdParams },
    },
    async (req, reply) => {
      await unlockUser(ctx, req.params.id, auditOrigin(req));
      return reply.code(204).send();
    },
  );
}
