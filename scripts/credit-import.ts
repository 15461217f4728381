/**
 * Imports credit records from a CSV or XLSX file (信用信息批量导入命令行).
 *
 *   node scripts/credit-import.ts <file> --category penalty --department SAMR [--dry-run] [--partial]
 *
 * The same validation and write path as `POST /api/credit/imports` (all-or-nothing unless --partial; the same file
 * twice changes nothing), recorded as a `credit_import` without a user and audited as `system:credit-import-cli`.
 * Progress goes to stderr (a bar on a terminal), the result as JSON to stdout; rows with errors are written to
 * `<file>.errors.xlsx`. Exit codes: 0 imported (or dry run clean), 1 rows or the file rejected, 2 usage/config.
 * The embedded database belongs to one process: stop the server before using this against it.
 */
import fs from 'node:fs';
import { AppError } from '../server/kernel/errors.ts';
import { calendarModule } from '../server/modules/calendar/index.ts';
import { creditModule, importLocalFile, type ImportProgress } from '../server/modules/credit/index.ts';
import { findDepartmentByCode, seedDepartmentsFromConfig } from '../server/modules/identity/index.ts';
import { openCliContext } from './cli-context.ts';

const USAGE = `用法 Usage:
  node scripts/credit-import.ts <file.csv|file.xlsx> --category <code> --department <code> [--dry-run] [--partial]

  --category    信用信息类别代码，如 penalty、license、water_payment (category code)
  --department  录入部门代码，如 SAMR（须在该类别的职责部门内）(entering department code)
  --dry-run     只校验，不写入 (validate only)
  --partial     只导入正确的行；默认任一行有错则不写入 (write the good rows; default all-or-nothing)`;

interface Args {
  file: string;
  category: string;
  department: string;
  dryRun: boolean;
  partial: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  let file: string | undefined;
  let category: string | undefined;
  let department: string | undefined;
  let dryRun = false;
  let partial = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-h' || a === '--help') return USAGE;
    else if (a === '--category') category = argv[++i];
    else if (a === '--department') department = argv[++i];
    else if (a === '--dry-run') dryRun = true;
    else if (a === '--partial') partial = true;
    else if (a.startsWith('--')) return `不认识的选项 ${a}\n\n${USAGE}`;
    else if (file === undefined) file = a;
    else return `只能导入一个文件\n\n${USAGE}`;
  }
  if (!file || !category || !department) return USAGE;
  return { file, category, department, dryRun, partial };
}

function progressPrinter(): { update: (p: ImportProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let validated = 0;
  let lastLog = 0;
  return {
    update(p) {
      if (p.phase === 'validating') validated = p.rowsProcessed;
      const secs = Math.max(0.001, (Date.now() - started) / 1000);
      const label = p.phase === 'validating' ? '校验' : '写入';
      if (tty) {
        const total = p.phase === 'writing' && validated > 0 ? validated : 0;
        const width = 30;
        const filled = total > 0 ? Math.min(width, Math.round((p.rowsProcessed / total) * width)) : 0;
        const bar = total > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
        process.stderr.write(
          `\r${label} ${bar}${p.rowsProcessed.toLocaleString('en-US')} 行  ${Math.round(p.rowsProcessed / secs).toLocaleString('en-US')} 行/秒   `,
        );
      } else if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        process.stderr.write(`${label} ${p.rowsProcessed} 行\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  if (!fs.statSync(args.file, { throwIfNoEntry: false })?.isFile()) {
    console.error(`找不到文件 ${args.file} (no such file)`);
    return 2;
  }
  const opened = await openCliContext();
  if (typeof opened === 'number') return opened;
  const { ctx, close } = opened;
  try {
    await seedDepartmentsFromConfig(ctx);
    await calendarModule(ctx).onStart?.(ctx);
    await creditModule(ctx).onStart?.(ctx);
    const dept = await findDepartmentByCode(ctx.db, args.department);
    if (!dept) {
      console.error(`没有部门代码 ${args.department}（见 config/departments.json）`);
      return 2;
    }
    const progress = progressPrinter();
    const reportPath = `${args.file}.errors.xlsx`;
    const result = await importLocalFile(ctx, {
      file: args.file,
      departmentId: dept.id,
      categoryCode: args.category,
      dryRun: args.dryRun,
      partial: args.partial,
      reportPath,
      onProgress: progress.update,
    });
    progress.done();
    const summary = {
      id: result.id,
      status: result.status,
      rowsTotal: result.rows_total,
      rowsOk: result.rows_ok,
      rowsFailed: result.rows_failed,
      rowsUnchanged: result.rows_unchanged,
      message: result.message,
      errorReport: result.rows_failed > 0 && result.status === 'done' ? reportPath : null,
      errors: result.error_sample,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return result.status === 'done' && result.rows_failed === 0 ? 0 : 1;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${err.code}: ${err.detail}`);
      return 1;
    }
    throw err;
  } finally {
    await close();
  }
}

process.exitCode = await main();
