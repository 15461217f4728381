import { Type } from 'typebox';
import { appendAudit, listAudit, verifyAuditChain } from '../../kernel/audit.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditOrigin } from '../../kernel/http/actor.ts';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { pingDatabase } from '../../kernel/db/database.ts';

const AuditItem = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Unknown(),
  hash: Type.String(),
  prevHash: Type.String(),
});

const Verification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBroken: Type.Union([Type.Null(), Type.Object({ id: Type.Integer(), reason: Type.String() })]),
});

export function systemRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
          }),
        },
      },
    },
    async () => {
      await pingDatabase(ctx.db);
      return { status: 'ok' as const, database: ctx.database.kind };
    },
  );

  app.get(
    '/api/admin/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['admin'],
        summary: '审计日志（只读）',
        querystring: Type.Object({
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          action: Type.Optional(Type.String({ maxLength: 64 })),
          actor: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(AuditItem), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const r = await listAudit(ctx.db, req.query);
      return { total: r.total, items: r.items.map(({ seq, ...rest }) => ({ id: seq, ...rest })) };
    },
  );

  app.get(
    '/api/admin/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: { tags: ['admin'], summary: '校验审计哈希链', response: { 200: Verification } },
    },
    async () => {
      const r = await verifyAuditChain(ctx.db);
      return {
        ok: r.ok,
        checked: r.checked,
        firstBroken: r.firstBroken ? { id: r.firstBroken.seq, reason: r.firstBroken.reason } : null,
      };
    },
  );

  app.get(
    '/api/system/jobs',
    {
      config: { permission: 'job.read' },
      schema: {
        tags: ['admin'],
        summary: '后台任务状态',
        response: {
          200: Type.Object({
            queues: Type.Array(
              Type.Object({
                name: Type.String(),
                description: Type.String(),
                schedule: Type.Union([Type.String(), Type.Null()]),
                queued: Type.Integer(),
                active: Type.Integer(),
                failed: Type.Integer(),
                total: Type.Integer(),
                completed: Type.Integer(),
                lastRun: Type.Union([
                  Type.Null(),
                  Type.Object({
                    id: Type.String(),
                    state: Type.String(),
                    startedAt: Type.Union([Type.String(), Type.Null()]),
                    finishedAt: Type.Union([Type.String(), Type.Null()]),
                    output: Type.Unknown(),
                  }),
                ]),
                lastProgress: Type.Union([
                  Type.Null(),
                  Type.Object({
                    percent: Type.Number(),
                    message: Type.Union([Type.String(), Type.Null()]),
                    at: Type.String(),
                  }),
                ]),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ queues: await ctx.jobs.status() }),
  );

  app.post(
    '/api/system/jobs/:name/run',
    {
      config: { permission: 'job.run' },
      schema: {
        tags: ['admin'],
        summary: '立即运行一个后台任务',
        params: Type.Object({ name: Type.String({ pattern: '^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$' }) }),
        response: { 202: Type.Object({ jobId: Type.String() }) },
      },
    },
    async (req, reply) => {
      const jobId = await ctx.jobs.runNow(req.params.name);
      if (!jobId)
        throw new AppError('NOT_FOUND', `No such job: ${req.params.name}`, {
          params: { reason: 'job', name: req.params.name },
        });
      await ctx.db.transaction().execute((trx) =>
        appendAudit(trx, auditOrigin(req), {
          action: 'system.job_started',
          subjectType: 'job',
          subjectId: req.params.name,
          detail: { jobId },
        }),
      );
      return reply.code(202).send({ jobId });
    },
  );
}
