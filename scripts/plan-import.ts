/**
 * Imports or revises an action plan from its text (行动方案导入命令行).
 *
 *   node scripts/plan-import.ts <file.txt> [--code xiangcheng-2022]
 *
 * Opens the database exactly as the server does (DATABASE_URL, or the embedded PGlite in DATA_DIR), migrates it
 * and loads the department registry if it is empty, so units are matched as the server would match them. The
 * import is the same use case as `POST /api/action-plan/import`, audited as `system:cli`. Without --code the
 * plan in force is revised; a new code creates another plan. The embedded database belongs to one process: stop
 * the server before using this against it.
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../server/kernel/errors.ts';
import { importPlan, type PlanImportResult } from '../server/modules/action-plan/index.ts';
import { seedReferenceData } from '../server/seed/reference-data.ts';
import { openCliContext } from './cli-context.ts';

const USAGE = `用法 Usage:
  node scripts/plan-import.ts <file.txt> [--code <code>]    导入或修订行动方案 (import or revise an action plan)

  --code   方案代码，如 xiangcheng-2022；省略时修订现行方案，新代码则新建一个方案
           (plan code; omitted: revise the plan in force; a new code creates another plan)`;

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): {
  file: string | undefined;
  code: string | undefined;
  help: boolean;
} {
  let file: string | undefined;
  let code: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-h' || a === '--help') return { file, code, help: true };
    if (a === '--code') {
      code = argv[++i];
      if (code === undefined) throw new UsageError('--code 需要一个值 (needs a value)');
    } else if (a.startsWith('--code=')) {
      code = a.slice('--code='.length);
    } else if (a.startsWith('-')) {
      throw new UsageError(`未知选项 (unknown option) ${a}`);
    } else if (file === undefined) {
      file = a;
    } else {
      throw new UsageError(`多余的参数 (unexpected argument) ${a}`);
    }
  }
  return { file, code, help: false };
}

function printResult(r: PlanImportResult): void {
  console.log(
    `方案 plan ${r.planCode}${r.planCreated ? '（新建 created）' : ''}: ` +
      `${r.parts} 部分 parts, ${r.sections} 小节 sections, ${r.measures} 条措施 measures`,
  );
  console.log(
    `  新增 added ${r.added}, 更新 updated ${r.updated}, 未变 unchanged ${r.unchanged}` +
      (r.removed.length > 0
        ? `, 文本中已无 no longer in the text: ${r.removed.join(', ')}（保留 kept）`
        : ''),
  );
  if (r.unmatchedUnits.length === 0) {
    console.log('  所有单位均已对应到部门 every unit matched a department');
  } else {
    console.log(`  未对应到部门的单位 units without a department (${r.unmatchedUnits.length}):`);
    for (const u of r.unmatchedUnits)
      console.log(`    第 ${u.measureNo} 条 measure ${u.measureNo}: ${u.name}`);
  }
  if (r.warnings.length > 0) {
    console.log(`  解析提示 parser warnings (${r.warnings.length}):`);
    for (const w of r.warnings) console.log(`    ${w}`);
  }
}

function printError(err: unknown): void {
  if (err instanceof AppError) {
    console.error(`错误 Error [${err.code}]: ${err.detail}`);
    for (const e of err.errors ?? []) console.error(`  ${e.field}: ${e.message} (${e.rule})`);
  } else if (err instanceof UsageError) {
    console.error(`错误 Error: ${err.message}`);
  } else {
    console.error('意外错误 Unexpected error:', err);
  }
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    printError(err);
    console.error(USAGE);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (!args.file) {
    console.error('缺少文件名 (missing file name)');
    console.error(USAGE);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(args.file);
  } catch (err) {
    console.error(`无法读取文件 (cannot read file) ${args.file}: ${(err as Error).message}`);
    return 2;
  }

  const opened = await openCliContext();
  if (typeof opened === 'number') return opened;
  const { ctx, close } = opened;
  try {
    await seedReferenceData(ctx);
    const result = await importPlan(ctx, {
      code: args.code,
      text: bytes,
      actor: null,
      origin: { system: 'cli' },
    });
    printResult(result);
    return 0;
  } catch (err) {
    printError(err);
    return 1;
  } finally {
    await close();
  }
}

process.exitCode = await main();
