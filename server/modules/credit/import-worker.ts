/**
 * The CSV side of an import in a worker thread: decoding, parsing, validation, hashing and the array literals —
 * everything per row — so the main thread only writes to the database (with PGlite the database runs on the main
 * thread too, and was sharing it with this work). Driven by `csvStepsInWorker` (import-source.ts): raw bytes come
 * in, one `Step` goes back per message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CsvParser, CsvSyntaxError } from './csv.ts';
import { RefusedFile, RowPipeline, type PipelineOptions, type Step, type Timeliness } from './import-rows.ts';

export interface WorkerInit {
  pipeline: Omit<PipelineOptions, 'timeliness' | 'env'> & { today: string; loadedYears: number[] };
  coreLabels: [string, string][];
  encoding: string;
  /** Timeliness by decision date for every date a valid row can have; null for a dry run. */
  timeliness: Record<string, Timeliness> | null;
}

export type WorkerIn = { type: 'data'; bytes: Uint8Array } | { type: 'end' };
export type WorkerOut = { type: 'step'; step: Step } | { type: 'fatal'; message: string };

function start(port: NonNullable<typeof parentPort>, init: WorkerInit): void {
  const table = init.timeliness;
  const pipeline = new RowPipeline(
    {
      ...init.pipeline,
      env: { today: init.pipeline.today, loadedYears: new Set(init.pipeline.loadedYears) },
      timeliness: table
        ? (date) => {
            const t = table[date];
            // Validation admits only dates in loaded years up to today; the table has all of them unless an
            // unloaded year lies between the date and today (the import then fails, as on the main thread).
            if (!t)
              throw new RefusedFile(`决定日期 ${date} 与今天之间有未加载工作日历的年份，无法计算录入时效。`);
            return t;
          }
        : null,
    },
    init.coreLabels,
  );
  const decoder = new TextDecoder(init.encoding, { fatal: true });
  const parser = new CsvParser();
  let bytes = 0;
  let failed = false;
  port.on('message', (msg: WorkerIn) => {
    if (failed) return;
    let reply: WorkerOut;
    try {
      if (msg.type === 'data') {
        let text: string;
        try {
          text = decoder.decode(msg.bytes, { stream: true });
        } catch {
          throw new RefusedFile(`文件约第 ${bytes} 字节处不是有效的 ${init.encoding} 文本。`);
        }
        bytes += msg.bytes.length;
        reply = { type: 'step', step: pipeline.push(parser.push(text)) };
      } else {
        const rest = parser.push(decoder.decode());
        const first = pipeline.push([...rest, ...parser.end()]);
        const last = pipeline.end();
        reply = {
          type: 'step',
          step: {
            ...(first.header ? { header: first.header } : {}),
            rows: first.rows + last.rows,
            ok: first.ok + last.ok,
            errors: [...first.errors, ...last.errors],
            chunks: [...first.chunks, ...last.chunks],
          },
        };
      }
    } catch (err) {
      failed = true;
      if (!(err instanceof RefusedFile || err instanceof CsvSyntaxError)) throw err;
      reply = { type: 'fatal', message: err.message };
    }
    port.postMessage(reply);
  });
}

if (parentPort) start(parentPort, workerData as WorkerInit);
