import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../test/harness.ts';
import { createHttpServer } from './server.ts';
import { defineModule } from '../context.ts';
import { defineErrors } from '../errors.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('route permissions', () => {
  it('every API route declares a permission', () => {
    const api = t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(api.length).toBeGreaterThan(10);
    const undeclared = api.filter((r) => !r.permission).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses to start with a route that declares none', async () => {
    const bad = defineModule({
      name: 'bad',
      routes: (app) => {
        app.get('/api/bad', async () => ({ ok: true }));
      },
    });
    await expect(
      createHttpServer({
        ctx: t.ctx,
        authenticator: { authenticate: async () => undefined },
        modules: [bad],
        logger: false,
      }),
    ).rejects.toThrow(/declares no permission/);
  });
});

describe('module manifests', () => {
  it('refuses to start on an error code two manifests declare', async () => {
    const dup = defineErrors({ NOT_FOUND: { status: 404, title: 'Again' } });
    await expect(buildTestApp({ extraModules: () => [{ name: 'dup', errors: [dup] }] })).rejects.toThrow(
      /error code NOT_FOUND is declared twice/,
    );
  });

  it('refuses to start on a route whose permission no manifest declares', async () => {
    const stray = defineModule({
      name: 'stray',
      routes: (app) => {
        // The cast stands for a typo the type check would catch: the registry must refuse it at start too.
        app.get('/api/stray', { config: { permission: 'stray.read' as 'job.read' } }, async () => ({}));
      },
    });
    await expect(
      createHttpServer({
        ctx: t.ctx,
        authenticator: { authenticate: async () => undefined },
        modules: [stray],
        logger: false,
      }),
    ).rejects.toThrow(/checks stray.read, which no manifest declares/);
  });

  it('refuses to start on a permission two manifests declare', async () => {
    await expect(
      buildTestApp({ extraModules: () => [{ name: 'again', permissions: { 'job.read': 'x' } }] }),
    ).rejects.toThrow(/permission job.read is declared by system and again/);
  });
});

describe('problem+json', () => {
  it('unknown API paths are 404 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    // The values travel as params (the web renders errors.NOT_FOUND with them); detail is the English fallback.
    expect(res.json().params).toEqual({ url: '/api/no-such-thing' });
    expect(res.json().detail).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('malformed JSON is a 400 that names the problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it('5xx bodies carry no stack, SQL or driver message', async () => {
    const boom = defineModule({
      name: 'boom',
      routes: (app, ctx) => {
        app.get('/api/boom/sql', { config: { permission: 'public' } }, async () => {
          await sql.raw('select * from table_that_does_not_exist_secret').execute(ctx.db);
          return {};
        });
        app.get('/api/boom/throw', { config: { permission: 'public' } }, async () => {
          throw new Error('password=hunter2 at /srv/app/secret.ts:12');
        });
      },
    });
    const { app } = await createHttpServer({
      ctx: t.ctx,
      authenticator: { authenticate: async () => undefined },
      modules: [boom],
      logger: false,
    });
    for (const url of ['/api/boom/sql', '/api/boom/throw']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.body;
      expect(body).not.toMatch(/table_that_does_not_exist|select|hunter2|secret\.ts|\bat\s/);
      expect(res.json()).toMatchObject({ code: 'INTERNAL', status: 500 });
      expect(res.json().requestId).toBe(res.headers['x-request-id']);
    }
    await app.close();
  });
});

describe('OpenAPI', () => {
  it('is 3.1, generated from the route schemas, and lists each route permission', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const login = doc.paths['/api/auth/login'].post;
    expect(login['x-permission']).toBe('public');
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(doc.paths['/api/enterprises/{id}'].get['x-permission']).toBe('enterprise.read');
  });

  it('serves a browsable reference at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('health', () => {
  it('reports the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({
      status: 'ok',
      database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
    });
  });
});

describe('web app serving', () => {
  it('answers client routes with index.html, missing assets and API paths with 404', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>营商</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1)');
    const { app } = await createHttpServer({
      ctx: t.ctx,
      authenticator: { authenticate: async () => undefined },
      modules: [],
      webDir: dir,
      logger: false,
    });
    const route = await app.inject({ method: 'GET', url: '/public/calendar' });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('营商');
    // Added after start (a rebuild): still served.
    fs.writeFileSync(path.join(dir, 'assets', 'app-2.js'), 'console.log(2)');
    const fresh = await app.inject({ method: 'GET', url: '/assets/app-2.js' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await app.inject({ method: 'GET', url: '/api/missing' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('problem+json');
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
