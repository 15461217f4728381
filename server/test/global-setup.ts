/**
 * Runs once per test run: migrates a template database and hands its location to every test file, which then
 * starts from its own copy (a PGlite image per file, or a PostgreSQL database created from the template).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../kernel/db/database.ts';
import { migrateToLatest } from '../kernel/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `ys_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const u = new URL(url);
    u.pathname = `/${template}`;
    const handle = await openDatabase({ url: u.toString(), poolSize: 2 });
    await migrateToLatest(handle.db);
    await handle.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteImage', '');
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-test-'));
  const handle = await openDatabase({});
  await migrateToLatest(handle.db);
  const blob = await handle.pglite!.dumpDataDir('none');
  const file = path.join(dir, 'image.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await handle.close();
  project.provide('pgliteImage', file);
  project.provide('pgTemplate', '');
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
