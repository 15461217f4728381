/**
 * Verifies the audit log's hash chain and prints the first broken link, if any. Exit code 0 = intact, 1 = broken.
 *   npm run audit:verify            (embedded database in ./data, or DATABASE_URL)
 */
import { loadConfig } from '../server/config.ts';
import { verifyAuditChain } from '../server/kernel/audit.ts';
import { openDatabase } from '../server/kernel/db/database.ts';
import { migrateToLatest } from '../server/kernel/db/migrate.ts';

const config = loadConfig();
const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(handle.db);
const tty = process.stdout.isTTY;
const result = await verifyAuditChain(handle.db, (checked, total) => {
  if (!tty || total === 0) return;
  const pct = Math.floor((checked / total) * 100);
  process.stdout.write(
    `\r校验中 verifying ${'█'.repeat(Math.floor(pct / 5)).padEnd(20, '░')} ${checked}/${total}`,
  );
});
if (tty) process.stdout.write('\n');
await handle.close();
if (result.ok) {
  console.log(`审计日志完整 audit chain intact: ${result.checked} entries verified.`);
} else {
  console.log(
    `审计日志被篡改 audit chain BROKEN at entry ${result.firstBroken?.seq}: ${result.firstBroken?.reason} (${result.checked} entries verified before it).`,
  );
  process.exitCode = 1;
}
