/**
 * The HTTP kernel: Fastify with TypeBox schemas, problem+json errors, authentication, per-route permissions and
 * OpenAPI 3.1 generated from the same schemas. Modules add routes; this file knows none of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../errors.ts';
import { loggerOptions } from '../logger.ts';
import { can } from '../policy.ts';
import type { AppContext, Authenticator, HttpApp, ModuleDefinition } from '../context.ts';
import { problemFromError, sendProblem } from './problem.ts';

export const SESSION_COOKIE = 'ys_session';

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: string | undefined;
}

export interface HttpOptions {
  ctx: AppContext;
  authenticator: Authenticator;
  modules: readonly ModuleDefinition[];
  webDir?: string | undefined;
  logger?: boolean;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function createHttpServer(
  options: HttpOptions,
): Promise<{ app: HttpApp; routes: DeclaredRoute[] }> {
  const { ctx } = options;
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(ctx.config.logLevel),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true, strict: false, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes: DeclaredRoute[] = [];
  app.decorateRequest('actor', undefined);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const permission = route.config?.permission;
    for (const m of methods) {
      if (m === 'HEAD') continue;
      routes.push({ method: m, url: route.url, permission });
    }
    const isOwnApiRoute = route.url.startsWith('/api/') && !route.url.startsWith('/api/docs');
    if (isOwnApiRoute && permission === undefined) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no permission`);
    }
    if (isOwnApiRoute && permission !== undefined && !ctx.registry.isDeclaredPermission(permission)) {
      throw new Error(
        `route ${methods.join(',')} ${route.url} checks ${permission}, which no manifest declares`,
      );
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', String(req.id));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('cache-control') && req.url.startsWith('/api/'))
      reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.config.uploadMaxBytes, files: 10, fields: 20 },
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '营商 Yingshang API',
        version: '0.1.0',
        description:
          'HTTP API of the Yingshang business-environment platform. Errors are RFC 9457 problem+json; see docs/errors.md.',
      },
      components: {
        // The problem+json body (see problem.ts), for the generated web client.
        schemas: {
          Problem: {
            type: 'object',
            required: ['type', 'title', 'status', 'detail', 'code'],
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer' },
              detail: {
                type: 'string',
                description: 'Fallback text in English; render errors.<code> with params instead.',
              },
              code: { type: 'string', description: 'Stable error code, see docs/errors.md.' },
              params: {
                type: 'object',
                description:
                  'Values the message is built from ({name} placeholders of the web dictionary); `reason` names the case.',
                additionalProperties: {
                  anyOf: [
                    { type: 'string' },
                    { type: 'number' },
                    { type: 'boolean' },
                    { type: 'null' },
                    { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
                  ],
                },
              },
              instance: { type: 'string' },
              requestId: { type: 'string' },
              errors: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['field', 'rule', 'message'],
                  properties: {
                    field: { type: 'string' },
                    rule: { type: 'string' },
                    message: { type: 'string' },
                    params: { type: 'object', additionalProperties: true },
                  },
                },
              },
            },
            additionalProperties: true,
          },
        },
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const permission = route.config?.permission;
      const out = { ...(schema ?? {}) } as Record<string, unknown>;
      if (permission) {
        out['x-permission'] = permission;
        const desc = typeof out.description === 'string' ? `${out.description}\n\n` : '';
        out.description = `${desc}Permission: \`${permission}\``;
        if (permission !== 'public') out.security = [{ session: [] }, { token: [] }];
      }
      // Documentation only (transform does not touch serialisation): every error answer is a Problem, so the
      // generated client types its errors, `params` included.
      const responses = (out.response ?? {}) as Record<string, unknown>;
      out.response = {
        ...responses,
        default: {
          description: 'Problem (RFC 9457), see docs/errors.md',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      };
      return { schema: out, url };
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((error, req, reply) => {
    const problem = problemFromError(error, req, ctx.registry.errors);
    if (problem.log === 'error') req.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem.status, problem.body);
  });

  const webDir =
    options.webDir && fs.existsSync(path.join(options.webDir, 'index.html')) ? options.webDir : undefined;
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    // A missing hashed asset stays a 404: answering index.html would hand the browser HTML as a script.
    if (!url.startsWith('/api/') && !url.startsWith('/assets/') && webDir && req.method === 'GET') {
      // Client-side routes of the single-page app.
      return reply.type('text/html; charset=utf-8').sendFile('index.html', webDir);
    }
    const problem = problemFromError(
      new AppError('NOT_FOUND', `No such endpoint or resource: ${url}`, { params: { url } }),
      req,
      ctx.registry.errors,
    );
    return sendProblem(reply, 404, problem.body);
  });

  // 401 before validation, 403 after it (the order the HTTP tests walk: 401, 400, 403, 404).
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const permission = req.routeOptions.config?.permission;
    const cookieToken = req.cookies[SESSION_COOKIE];
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    if (cookieToken || bearer) {
      req.actor = await options.authenticator.authenticate({
        sessionToken: cookieToken,
        bearerToken: bearer,
      });
    }
    if (permission && permission !== 'public' && !req.actor) {
      throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    }
    // Cookie-authenticated writes must come from our own origin (SameSite is the first line, this the second).
    if (req.actor?.via === 'session' && UNSAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      if (origin && new URL(origin).host !== req.headers.host) {
        throw new AppError('FORBIDDEN', 'Cross-site request refused.');
      }
    }
  });

  app.addHook('preHandler', async (req: FastifyRequest) => {
    const permission = req.routeOptions.config?.permission;
    if (permission && !can(req.actor, permission)) {
      throw new AppError('FORBIDDEN', `Permission ${permission} required.`, {
        params: { permission },
        extra: { permission },
      });
    }
  });

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  for (const mod of options.modules) {
    if (!mod.routes) continue;
    await app.register(async (scope, opts) => {
      await mod.routes?.(scope, ctx, opts);
    });
  }

  if (webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      // Looked up per request, so a rebuilt web app is served without a restart; misses fall through to the
      // not-found handler, which answers the single-page app's index.html (or a problem for /api/).
      wildcard: true,
      index: ['index.html'],
      setHeaders: (reply, filePath) => {
        // Hashed assets never change; the HTML shell always revalidates.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          void reply.header('cache-control', 'public, max-age=31536000, immutable');
        } else {
          void reply.header('cache-control', 'no-cache');
        }
      },
    });
  }

  return { app: app as unknown as HttpApp, routes };
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
  secure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
