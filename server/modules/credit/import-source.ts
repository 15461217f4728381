/**
 * Where an import's steps come from: a large CSV or XLSX is decoded, parsed and validated in a worker thread
 * (import-worker.ts), fed the file's raw bytes; small files are read on the main thread (the same `RowPipeline`).
 * The worker is kept one message ahead of the main thread, so reading and validating overlap with the database
 * writes while at most two pieces of the file are in flight (memory stays flat).
 */
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { RefusedFile, type RowPipeline, type SourceRow, type Step } from './import-rows.ts';
import type { WorkerIn, WorkerInit, WorkerOut } from './import-worker.ts';

export type OpenSource = () => Promise<Readable>;

/** Steps from rows read on this thread. */
export async function* stepsOnThisThread(
  rows: AsyncIterable<SourceRow[]>,
  pipeline: RowPipeline,
): AsyncGenerator<Step> {
  for await (const batch of rows) yield pipeline.push(batch);
  yield pipeline.end();
}

/** The CSV worker's next reply: one step per message sent. */
async function nextStep(inbox: Inbox): Promise<Step> {
  const m = await inbox.next();
  if (m.type === 'fatal') throw new RefusedFile(m.message);
  if (m.type !== 'step') throw new Error(`credit import worker: unexpected ${m.type}`);
  return m.step;
}

/** Steps of a CSV validated in a worker thread. */
export async function* csvStepsInWorker(open: OpenSource, init: WorkerInit): AsyncGenerator<Step> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
    workerData: init,
    // Its live data is a piece of the file and a chunk or two (a few MB), so the old generation stays small. It
    // allocates a few short-lived strings per cell: a young generation of 64 MB (semi-spaces of ~21 MB) scavenges
    // far less often than the default and took about a fifth off the worker's time per row.
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 48 },
  });
  const inbox = new Inbox(worker);
  const send = (m: WorkerIn, transfer: ArrayBuffer[] = []): void => worker.postMessage(m, transfer);
  const stream = await open();
  let inFlight = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      // A copy of its own, so its memory can move to the worker (stream buffers may share a pool).
      const bytes = new Uint8Array(buf.length);
      bytes.set(buf);
      send({ type: 'data', bytes }, [bytes.buffer]);
      if (++inFlight >= 2) {
        yield await nextStep(inbox);
        inFlight--;
      }
    }
    send({ type: 'end' });
    inFlight++;
    while (inFlight > 0) {
      yield await nextStep(inbox);
      inFlight--;
    }
  } finally {
    stream.destroy();
    await worker.terminate();
  }
}

/** Messages of a worker in arrival order; a crash or an early exit rejects the waiting and all later reads. */
class Inbox {
  readonly #queue: WorkerOut[] = [];
  readonly #waiting: { resolve: (m: WorkerOut) => void; reject: (e: Error) => void }[] = [];
  #error: Error | undefined;

  constructor(worker: Worker) {
    worker.on('message', (m: WorkerOut) => {
      const w = this.#waiting.shift();
      if (w) w.resolve(m);
      else this.#queue.push(m);
    });
    worker.on('error', (e: Error) => this.#fail(e));
    worker.on('exit', (code) => this.#fail(new Error(`credit import worker exited (${code})`)));
  }

  #fail(e: Error): void {
    this.#error ??= e;
    for (const w of this.#waiting.splice(0)) w.reject(this.#error);
  }

  async next(): Promise<WorkerOut> {
    const m = this.#queue.shift();
    if (m) return m;
    if (this.#error) throw this.#error;
    return new Promise<WorkerOut>((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }
}

/**
 * Steps of an XLSX read and validated in a worker thread: the file's bytes go over while at most two pieces are
 * unacknowledged, steps come back as the worker produces them (ExcelJS parses XML — the main thread stays free for
 * requests and, with PGlite, for the database).
 */
export async function* xlsxStepsInWorker(open: OpenSource, init: WorkerInit): AsyncGenerator<Step> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
    workerData: { ...init, format: 'xlsx' } satisfies WorkerInit,
    // ExcelJS keeps the shared strings of the workbook: more room than the CSV worker needs.
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 48 },
  });
  const inbox = new Inbox(worker);
  const stream = await open();
  const pieces = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let unacknowledged = 0;
  let sentAll = false;
  try {
    for (;;) {
      while (!sentAll && unacknowledged < 2) {
        const next = await pieces.next();
        if (next.done) {
          worker.postMessage({ type: 'end' } satisfies WorkerIn);
          sentAll = true;
        } else {
          const bytes = new Uint8Array(next.value.length);
          bytes.set(next.value);
          worker.postMessage({ type: 'data', bytes } satisfies WorkerIn, [bytes.buffer]);
          unacknowledged++;
        }
      }
      const m = await inbox.next();
      if (m.type === 'ack') unacknowledged--;
      else if (m.type === 'step') yield m.step;
      else if (m.type === 'fatal') throw new RefusedFile(m.message);
      else return;
    }
  } finally {
    stream.destroy();
    await worker.terminate();
  }
}
