/**
 * Working-day calendar administration from the shell (工作日历维护命令行).
 *
 *   node scripts/calendar.ts list
 *   node scripts/calendar.ts show <year>
 *   node scripts/calendar.ts load <file.json> [--reason "…"]
 *   node scripts/calendar.ts check <YYYY-MM-DD> [days]
 *
 * Opens the database exactly as the server does (DATABASE_URL, or the embedded PGlite in DATA_DIR), migrates it
 * and loads the shipped config years that are missing, so it sees what the server would see. Everything else is
 * the calendar module's service: `load` is the same use case as `PUT /api/calendar/years/{year}`, audited as
 * `system:cli`. The embedded database belongs to one process: stop the server before using this against it.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../server/kernel/errors.ts';
import {
  getCalendarYear,
  getWorkCalendar,
  listCalendarYears,
  listCalendarYearVersions,
  saveCalendarYear,
  seedCalendarYearsFromConfig,
  type SaveYearInput,
} from '../server/modules/calendar/index.ts';
import type { AppContext } from '../server/kernel/context.ts';
import { openCliContext } from './cli-context.ts';

const USAGE = `用法 Usage:
  node scripts/calendar.ts list                                 列出已加载年份 (list loaded years)
  node scripts/calendar.ts show <year>                          显示某年安排及历史版本 (show a year and its versions)
  node scripts/calendar.ts load <file.json> [--reason "…"]      加载或修订一年 (load or amend a year from a JSON file)
  node scripts/calendar.ts check <YYYY-MM-DD> [days]            查询某日 / 第 N 个工作日 (check a day / the Nth working day)`;

const KIND_LABEL: Record<string, string> = {
  workday: '工作日 working day',
  weekend: '周末 weekend',
  holiday: '节假日 holiday',
  makeup_workday: '调休上班 make-up working day',
};
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

class UsageError extends Error {}

function weekday(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

function yearArg(raw: string | undefined): number {
  if (!raw || !/^\d{4}$/.test(raw))
    throw new UsageError(`年份应为四位数字 (year must be four digits): ${raw ?? '(missing)'}`);
  return Number(raw);
}

async function list(ctx: AppContext): Promise<void> {
  const years = await listCalendarYears(ctx);
  if (years.length === 0) {
    console.log('尚未加载任何年份。 No year is loaded.');
    return;
  }
  console.log('年份 year | 版本 version | 工作日 workdays | 更新 updated | 通知 notice');
  for (const y of years) {
    console.log(
      `${y.year} | v${y.version} | ${y.workdays} | ${y.updatedAt.slice(0, 16).replace('T', ' ')}Z ${y.updatedBy ?? ''} | ${y.notice}`,
    );
  }
}

async function show(ctx: AppContext, year: number): Promise<void> {
  const y = await getCalendarYear(ctx, year);
  console.log(`${y.year} 年节假日安排 (holiday schedule) — 版本 version ${y.version}`);
  console.log(`  通知 notice:        ${y.notice}`);
  console.log(`  发布 published on:  ${y.publishedOn ?? '—'}`);
  console.log(`  工作日 workdays:    ${y.workdays}`);
  console.log(`  更新 updated:       ${y.updatedAt} ${y.updatedBy ?? ''}`);
  console.log('  放假 holidays:');
  for (const h of y.holidays) console.log(`    ${h.name}\t${h.start} – ${h.end}`);
  console.log('  调休上班 make-up working days:');
  for (const m of y.makeupWorkdays) console.log(`    ${m.date} ${weekday(m.date)}\t${m.name}`);
  console.log('  历史版本 versions:');
  for (const v of await listCalendarYearVersions(ctx, year)) {
    console.log(`    v${v.version}  ${v.createdAt}  ${v.createdBy ?? ''}  ${v.reason ?? ''}`);
  }
}

async function load(ctx: AppContext, file: string | undefined, reason: string | undefined): Promise<void> {
  if (!file) throw new UsageError('缺少文件名 (missing file name)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`无法读取 JSON 文件 (cannot read JSON file) ${file}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${file} 应为一个年度安排对象 (must hold one year's schedule object)`);
  }
  const year = (parsed as { year?: unknown }).year;
  if (typeof year !== 'number' || !Number.isInteger(year)) {
    throw new UsageError(`${file} 缺少整数字段 year (needs an integer "year")`);
  }
  // The service validates the whole object, including keys this script does not know about.
  const input = { ...(parsed as SaveYearInput), ...(reason !== undefined ? { reason } : {}) };
  const saved = await saveCalendarYear(ctx, null, year, input, { system: 'cli' });
  console.log(
    `已保存 ${saved.year} 年安排，版本 ${saved.version}，全年工作日 ${saved.workdays} 天。` +
      ` Saved ${saved.year} as version ${saved.version} (${saved.workdays} working days).`,
  );
}

async function check(ctx: AppContext, date: string | undefined, days: string | undefined): Promise<void> {
  if (!date) throw new UsageError('缺少日期 (missing date)');
  if (days !== undefined && !/^-?\d{1,4}$/.test(days)) {
    throw new UsageError(`天数应为整数 (days must be an integer): ${days}`);
  }
  const calendar = await getWorkCalendar(ctx);
  const info = calendar.dayInfo(date);
  console.log(
    `${info.date} ${weekday(info.date)}  ${KIND_LABEL[info.kind] ?? info.kind}${info.holiday ? `（${info.holiday}）` : ''}`,
  );
  if (days !== undefined) {
    const n = Number(days);
    const result = calendar.addWorkdays(date, n);
    const what =
      n >= 0
        ? `之后第 ${n} 个工作日 (working day ${n} after)`
        : `之前第 ${-n} 个工作日 (working day ${-n} before)`;
    console.log(`${date} ${what}: ${result} ${weekday(result)}`);
  }
}

function parseArgs(argv: string[]): {
  command: string | undefined;
  args: string[];
  reason: string | undefined;
} {
  const args: string[] = [];
  let reason: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--reason') {
      reason = argv[++i];
      if (reason === undefined) throw new UsageError('--reason 需要一个值 (needs a value)');
    } else if (a.startsWith('--reason=')) {
      reason = a.slice('--reason='.length);
    } else if (a === '-h' || a === '--help') {
      return { command: 'help', args: [], reason };
    } else if (a.startsWith('--')) {
      throw new UsageError(`未知选项 (unknown option) ${a}`);
    } else {
      args.push(a);
    }
  }
  return { command: args[0], args: args.slice(1), reason };
}

function printError(err: unknown): void {
  if (err instanceof AppError) {
    console.error(`错误 Error [${err.code}]: ${err.detail}`);
    for (const e of err.errors ?? []) console.error(`  ${e.field}: ${e.message} (${e.rule})`);
  } else if (err instanceof RangeError || err instanceof UsageError) {
    console.error(`错误 Error: ${err.message}`);
  } else {
    console.error('意外错误 Unexpected error:', err);
  }
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (err) {
    printError(err);
    console.error(USAGE);
    return 2;
  }
  const { command, args, reason } = parsed;
  if (!command || command === 'help' || !['list', 'show', 'load', 'check'].includes(command)) {
    if (command && command !== 'help') console.error(`未知命令 (unknown command): ${command}`);
    console.error(USAGE);
    return command === 'help' ? 0 : 2;
  }

  const opened = await openCliContext();
  if (typeof opened === 'number') return opened;
  const { ctx, close } = opened;
  try {
    await seedCalendarYearsFromConfig(ctx);
    switch (command) {
      case 'list':
        await list(ctx);
        break;
      case 'show':
        await show(ctx, yearArg(args[0]));
        break;
      case 'load':
        await load(ctx, args[0], reason);
        break;
      case 'check':
        await check(ctx, args[0], args[1]);
        break;
    }
    return 0;
  } catch (err) {
    printError(err);
    return err instanceof UsageError ? 2 : 1;
  } finally {
    await close();
  }
}

process.exitCode = await main();
