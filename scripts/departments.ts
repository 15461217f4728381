/**
 * Regenerates config/departments.json from the district's action plan (the seed document): every unit named as
 * 责任单位/牵头单位, the leading-group office and the towns. Run after the plan changes:
 *   node scripts/departments.ts [path/to/plan.txt]
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildDepartmentRegistry } from '../server/kernel/demo/departments.ts';

const root = path.resolve(import.meta.dirname, '..');
const input = process.argv[2] ?? path.join(root, 'config', 'plan', 'xiangcheng-2022.txt');

const registry = buildDepartmentRegistry(fs.readFileSync(input, 'utf8'));
const out = path.join(root, 'config', 'departments.json');
fs.writeFileSync(out, `${JSON.stringify(registry, null, 2)}\n`);
console.log(`${registry.length} departments → config/departments.json`);
