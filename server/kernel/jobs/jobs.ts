/**
 * Declared background jobs on pg-boss (PostgreSQL-backed; on PGlite through its adapter). A job has an id, a
 * payload schema, an idempotent handler and optionally a cron schedule (Asia/Shanghai). API processes only send;
 * worker processes (or `ROLE=all`) work. No ad-hoc timers anywhere else.
 */
import { PgBoss, fromKysely, fromPglite } from 'pg-boss';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle, Db } from '../db/database.ts';
import { systemActor, type SystemActor } from '../policy.ts';

export interface JobRunContext {
  jobId: string;
  logger: FastifyBaseLogger;
  /** Reports progress for the job-status page (0–100). */
  progress(percent: number, message?: string): void;
}

export interface JobDefinition<S extends TSchema = TSchema> {
  id: string;
  description: string;
  payload: S;
  /** Cron expression in China time, e.g. `0 2 * * *`. */
  schedule?: string;
  retryLimit?: number;
  /**
   * 'stately': at most one queued and one active job per singleton key (a retried send is a no-op); jobs sent
   * without a key share one slot. 'standard' (default): every send is a job.
   */
  policy?: 'standard' | 'stately';
  handler(payload: Static<S>, run: JobRunContext): Promise<Record<string, unknown> | void>;
}

/**
 * A declared job. Its `actor` is the system actor it acts as (named after the job id): audit entries written by the
 * handler use `systemOrigin(job.actor)` and are recorded as `system:<job id>`, never as a borrowed or invented user.
 */
export function defineJob<S extends TSchema>(
  def: JobDefinition<S>,
): JobDefinition<S> & { actor: SystemActor } {
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(def.id)) {
    throw new Error(`job id ${def.id} must look like module.verb-noun`);
  }
  return { ...def, actor: systemActor(def.id) };
}

export interface QueueStatus {
  name: string;
  description: string;
  schedule: string | null;
  queued: number;
  active: number;
  failed: number;
  total: number;
  completed: number;
  /** The latest finished run, from pg-boss's own job table (kept 14 days), so every process sees it. */
  lastRun: {
    id: string;
    state: string;
    startedAt: string | null;
    finishedAt: string | null;
    output: unknown;
  } | null;
  lastProgress: { percent: number; message: string | null; at: string } | null;
}

interface RunRow {
  name: string;
  completed: number;
  id: string | null;
  state: string | null;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  output: unknown;
}

function iso(v: Date | string | null): string | null {
  if (v === null) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

export class JobQueue {
  readonly #defs = new Map<string, JobDefinition>();
  readonly #handle: DatabaseHandle;
  readonly #logger: FastifyBaseLogger;
  readonly #progress = new Map<string, { percent: number; message: string | null; at: string }>();
  #boss: PgBoss | undefined;
  #starting: Promise<PgBoss> | undefined;

  constructor(handle: DatabaseHandle, logger: FastifyBaseLogger) {
    this.#handle = handle;
    this.#logger = logger;
  }

  register(def: JobDefinition): void {
    if (this.#defs.has(def.id)) throw new Error(`job ${def.id} declared twice`);
    this.#defs.set(def.id, def);
  }

  definitions(): JobDefinition[] {
    return [...this.#defs.values()];
  }

  async #ensureStarted(): Promise<PgBoss> {
    if (this.#boss) return this.#boss;
    this.#starting ??= (async () => {
      const boss =
        this.#handle.kind === 'pglite' && this.#handle.pglite
          ? new PgBoss({ db: fromPglite(this.#handle.pglite) })
          : new PgBoss({ connectionString: this.#handle.url ?? '', max: 4 });
      boss.on('error', (err: unknown) => this.#logger.error({ err }, 'job queue error'));
      await boss.start();
      for (const def of this.#defs.values()) {
        await boss.createQueue(def.id, {
          policy: def.policy ?? 'standard',
          retryLimit: def.retryLimit ?? 3,
          retryBackoff: true,
        });
      }
      this.#boss = boss;
      return boss;
    })();
    return this.#starting;
  }

  /** Sends a job; on a 'stately' job `singletonKey` makes a retried send a no-op while the first is still queued. */
  async send<S extends TSchema>(
    def: JobDefinition<S>,
    payload: Static<S>,
    options: { singletonKey?: string; startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    if (!Value.Check(def.payload, payload)) {
      throw new Error(`payload for job ${def.id} does not match its schema`);
    }
    const boss = await this.#ensureStarted();
    return boss.send(def.id, payload as object, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    });
  }

  /**
   * Starts the queue (schema, declared queues and pg-boss's queue cache). Call it before opening a transaction in
   * which `sendWith` will run: on PGlite, pg-boss's own queries wait for the one connection the transaction holds.
   */
  async ready(): Promise<void> {
    await this.#ensureStarted();
  }

  /**
   * Sends a job on the caller's transaction (pg-boss's `db` option), so the job exists exactly when the rows the use
   * case wrote commit: a rolled-back use case leaves no job, a committed one never lacks its job. `ready()` must
   * have been awaited first (see there); sending before it throws rather than deadlocking on PGlite.
   */
  async sendWith<S extends TSchema>(
    trx: Db,
    def: JobDefinition<S>,
    payload: Static<S>,
    options: { singletonKey?: string; startAfterSeconds?: number } = {},
  ): Promise<string | null> {
    if (!Value.Check(def.payload, payload)) {
      throw new Error(`payload for job ${def.id} does not match its schema`);
    }
    const boss = this.#boss;
    if (!boss)
      throw new Error(
        `job queue not started: await jobs.ready() before the transaction that sends ${def.id}`,
      );
    return boss.send(def.id, payload as object, {
      db: fromKysely(trx),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    });
  }

  /** Starts workers for every declared job and installs the cron schedules. */
  async startWorkers(options: { schedules: boolean }): Promise<void> {
    const boss = await this.#ensureStarted();
    for (const def of this.#defs.values()) {
      await boss.work(def.id, { batchSize: 1, pollingIntervalSeconds: 2 }, async (jobs) => {
        for (const job of jobs) {
          const payload: unknown = job.data ?? {};
          if (!Value.Check(def.payload, payload)) {
            throw new Error(`job ${def.id} ${job.id}: payload does not match its schema`);
          }
          const run: JobRunContext = {
            jobId: job.id,
            logger: this.#logger.child({ job: def.id, jobId: job.id }),
            progress: (percent, message) =>
              this.#progress.set(def.id, { percent, message: message ?? null, at: new Date().toISOString() }),
          };
          run.progress(0, 'started');
          const result = await def.handler(payload, run);
          run.progress(100, 'done');
          return result ?? {};
        }
        return {};
      });
      if (options.schedules && def.schedule) {
        await boss.schedule(def.id, def.schedule, {}, { tz: 'Asia/Shanghai' });
      }
    }
  }

  /** Queues a declared job by id with an empty payload (the admin page's "run now"). */
  async runNow(id: string): Promise<string | null> {
    const def = this.#defs.get(id);
    // Only jobs that need no payload can be started by hand.
    if (!def || !Value.Check(def.payload, {})) return null;
    const boss = await this.#ensureStarted();
    return boss.send(def.id, {});
  }

  /** Waits until a job is finished (tests and CLI). */
  async waitFor(
    def: JobDefinition,
    jobId: string,
    timeoutMs = 30_000,
  ): Promise<{ state: string; output: unknown }> {
    const boss = await this.#ensureStarted();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [job] = await boss.findJobs(def.id, { id: jobId });
      if (job && ['completed', 'failed', 'cancelled'].includes(job.state)) {
        return { state: job.state, output: job.output };
      }
      if (Date.now() > deadline) throw new Error(`job ${def.id} ${jobId} not finished in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async status(): Promise<QueueStatus[]> {
    const boss = await this.#ensureStarted();
    const names = [...this.#defs.keys()];
    const stats = await Promise.all(names.map(async (name) => (await boss.getQueueStats(name))[0]));
    const runs = await boss.getDb().executeSql(
      `select n.name,
              (select count(*)::int from pgboss.job j where j.name = n.name and j.state = 'completed') as completed,
              l.id, l.state::text as state, l.started_on, l.completed_on, l.output
         from unnest($1::text[]) as n(name)
         left join lateral (
           select id, state, started_on, completed_on, output from pgboss.job j
            where j.name = n.name and j.state in ('completed', 'failed', 'cancelled')
            order by j.completed_on desc nulls last limit 1
         ) l on true`,
      [names],
    );
    const byName = new Map((runs.rows as RunRow[]).map((r) => [r.name, r]));
    return [...this.#defs.values()].map((def, i) => {
      const q = stats[i];
      const run = byName.get(def.id);
      return {
        name: def.id,
        description: def.description,
        schedule: def.schedule ?? null,
        queued: q?.queuedCount ?? 0,
        active: q?.activeCount ?? 0,
        failed: q?.failedCount ?? 0,
        total: q?.totalCount ?? 0,
        completed: run?.completed ?? 0,
        lastRun:
          run?.id && run.state
            ? {
                id: run.id,
                state: run.state,
                startedAt: iso(run.started_on),
                finishedAt: iso(run.completed_on),
                output: run.output,
              }
            : null,
        lastProgress: this.#progress.get(def.id) ?? null,
      };
    });
  }

  async stop(): Promise<void> {
    const boss = this.#boss ?? (this.#starting ? await this.#starting.catch(() => undefined) : undefined);
    if (boss) await boss.stop({ graceful: true, timeout: 5000, close: this.#handle.kind !== 'pglite' });
    this.#boss = undefined;
    this.#starting = undefined;
  }
}
