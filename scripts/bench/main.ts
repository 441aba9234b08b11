/**
 * `npm run bench`: builds deterministic synthetic repositories and prints figures and ratios
 * against the targets in the issues. Measurements live here, never as timed assertions in tests.
 * BENCH_SCALE=0.1 runs everything at a tenth of the size (quick look).
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../lib/io/shipped-schemas.ts';
import { bench as checkBench } from './check.ts';
import { bench as reportBench } from './report.ts';
import type { BenchModule, BenchRow } from './types.ts';
import { bench as validateBench } from './validate.ts';

const modules: [string, BenchModule][] = [['validate', validateBench], ['check', checkBench], ['report', reportBench]];

const only = process.argv.slice(2);
const scale = Number(process.env['BENCH_SCALE'] ?? '1');
const workDir = join(PACKAGE_ROOT, '.bench');
// The previous run's ~100,000 files are moved aside now and deleted only after measuring: on ext4,
// creating files right after deleting a large tree was measured 15-30 s slower (the inode
// allocator walks the recently freed inodes), which would be charged to the next measurement.
const previous = `${workDir}.old-${process.pid}`;
try { renameSync(workDir, previous); } catch { /* no previous run */ }
mkdirSync(workDir, { recursive: true });

const rows: BenchRow[] = [];
for (const [name, run] of modules) {
  if (only.length && !only.includes(name)) continue;
  rows.push(...(await run({ workDir: join(workDir, name), scale })));
}
for (const r of rows) {
  const figures = Object.entries(r.figures).map(([k, v]) => `${k}=${v}`).join('  ');
  const verdict = r.met === undefined ? '' : r.met ? '  ✔ target met' : '  ✖ target missed';
  console.log(`${r.name.padEnd(42)} ${figures}${r.target ? `  (target ${r.target})` : ''}${verdict}`);
}
if (!rows.length) console.log('no benchmarks selected');
rmSync(previous, { recursive: true, force: true });
