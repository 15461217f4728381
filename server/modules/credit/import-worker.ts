/**
 * The file side of an import in a worker thread: decoding and parsing (CSV, or XLSX through ExcelJS), validation,
 * hashing and the literals or COPY text — everything per row — so the main thread only writes to the database
 * (with PGlite the database runs on the main thread too, and was sharing it with this work). Driven by
 * `csvStepsInWorker` / `xlsxStepsInWorker` (import-source.ts): raw bytes of the file come in, steps go back.
 */
import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { CsvParser, CsvSyntaxError } from './csv.ts';
import { RefusedFile, RowPipeline, type PipelineOptions, type Step, type Timeliness } from './import-rows.ts';
import { xlsxRows } from './xlsx-rows.ts';

export interface WorkerInit {
  pipeline: Omit<PipelineOptions, 'timeliness' | 'env'> & { today: string; loadedYears: number[] };
  coreLabels: [string, string][];
  /** `csv`: one reply per message (see `start`); `xlsx`: streamed with acknowledgements (see `startXlsx`). */
  format?: 'csv' | 'xlsx';
  encoding: string;
  /** Timeliness by decision date for every date a valid row can have; null for a dry run. */
  timeliness: Record<string, Timeliness> | null;
}

export type WorkerIn = { type: 'data'; bytes: Uint8Array } | { type: 'end' };
export type WorkerOut =
  | { type: 'step'; step: Step }
  | { type: 'fatal'; message: string }
  /** XLSX: a data message has been taken in (the main thread may send another). */
  | { type: 'ack' }
  /** XLSX: the last step has been sent. */
  | { type: 'done' };

function pipelineOf(init: WorkerInit): RowPipeline {
  const table = init.timeliness;
  return new RowPipeline(
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
}

function start(port: NonNullable<typeof parentPort>, init: WorkerInit): void {
  const pipeline = pipelineOf(init);
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

/**
 * XLSX: ExcelJS reads the workbook as a stream fed by the data messages; each message is acknowledged once the
 * stream has taken it (so the main thread keeps only a couple of pieces in flight), steps go back as rows are
 * validated, and `done` follows the last one.
 */
function startXlsx(port: NonNullable<typeof parentPort>, init: WorkerInit): void {
  const pipeline = pipelineOf(init);
  const input = new PassThrough({ highWaterMark: 256 * 1024 });
  let failed = false;
  port.on('message', (msg: WorkerIn) => {
    if (failed) return;
    if (msg.type === 'data') input.write(Buffer.from(msg.bytes), () => port.postMessage({ type: 'ack' }));
    else input.end();
  });
  const send = (step: Step): void => {
    if (step.header || step.rows > 0 || step.chunks.length > 0) port.postMessage({ type: 'step', step });
  };
  void (async () => {
    try {
      for await (const batch of xlsxRows(input)) send(pipeline.push(batch));
      send(pipeline.end());
      port.postMessage({ type: 'done' });
    } catch (err) {
      failed = true;
      input.destroy();
      const message =
        err instanceof RefusedFile
          ? err.message
          : `无法读取该 XLSX 文件：${err instanceof Error ? err.message : String(err)}`;
      port.postMessage({ type: 'fatal', message });
    }
  })();
}

if (parentPort) {
  const init = workerData as WorkerInit;
  if (init.format === 'xlsx') startXlsx(parentPort, init);
  else start(parentPort, init);
}
