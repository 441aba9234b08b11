import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runAuditCommand } from '../cli/commands/audit.ts';
import { runCheckCommand } from '../cli/commands/check.ts';
import type { CliIo } from '../cli/io.ts';
import { PACKAGE_ROOT } from '../lib/io/shipped-schemas.ts';
import type { BenchModule, BenchRow } from './types.ts';

/**
 * `incident check` with one changed incident in a 10,000-incident repository (target <= 0.5 s)
 * and `incident audit` over 1,000 incidents with 10 commits each. Repositories are generated
 * with `git fast-import` from the shipped phishing example (a local generator: no shared
 * synthetic-data module existed when this was written).
 */
const EXAMPLE = readFileSync(join(PACKAGE_ROOT, 'incidents/2026/INC-20261130-4HQP-payroll-phishing-report.md'), 'utf8');
const LAST_TIMELINE = /(  - \{ at: 2026-11-30T08:52:00Z.*\n)/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function incidentId(n: number): string {
  return `INC-20261130-${[3, 2, 1, 0].map((k) => CROCKFORD[Math.floor(n / 32 ** k) % 32]).join('')}`;
}

function incidentPath(n: number): string {
  return `incidents/2026/${incidentId(n)}-bench.md`;
}

/** The example incident under another id, with `extra` timeline entries (one per minute after 09:00). */
function incidentText(n: number, extra = 0): string {
  const entries = Array.from({ length: extra }, (_, k) => `  - { at: 2026-11-30T${String(9 + Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:00Z, by: m.okafor, kind: action, entry: "Step ${k + 1}." }\n`).join('');
  return EXAMPLE.replace('id: INC-20261130-4HQP', `id: ${incidentId(n)}`).replace(LAST_TIMELINE, `$1${entries}`);
}

interface FastCommit {
  branch: string;
  message: string;
  files: [string, string][];
  /** Start the branch from this mark instead of continuing it. */
  from?: number;
}

/** Writes commits through one `git fast-import` (seconds for 10,000 files or commits). */
async function fastImport(dir: string, commits: Iterable<FastCommit>): Promise<void> {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))));
  let mark = 0;
  let time = Date.parse('2026-12-01T00:00:00Z') / 1000;
  const write = (s: string) => (child.stdin.write(s) ? Promise.resolve() : new Promise<void>((r) => child.stdin.once('drain', () => r())));
  const data = (s: string) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  for (const c of commits) {
    mark++;
    time += 60;
    let chunk = `commit refs/heads/${c.branch}\nmark :${mark}\nauthor Bench <bench@example.org> ${time} +0000\ncommitter Bench <bench@example.org> ${time} +0000\n${data(c.message)}`;
    if (c.from) chunk += `from :${c.from}\n`;
    for (const [path, text] of c.files) chunk += `M 100644 inline ${path}\n${data(text)}`;
    await write(chunk);
  }
  await write('done\n');
  child.stdin.end();
  await done;
}

function quietIo(cwd: string): CliIo {
  return { cwd, env: {}, interactive: false, stdout: () => {}, stderr: () => {} };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const bench: BenchModule = async ({ workDir, scale }) => {
  const rows: BenchRow[] = [];

  // --- check: one changed incident among N -------------------------------------------------
  const n = Math.max(10, Math.round(10_000 * scale));
  const checkRepo = join(workDir, 'check-repo');
  mkdirSync(checkRepo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: checkRepo });
  let t = performance.now();
  await fastImport(checkRepo, [
    { branch: 'main', message: 'Seed', files: Array.from({ length: n }, (_, i) => [incidentPath(i), incidentText(i)] as [string, string]) },
    { branch: 'feature', from: 1, message: 'Log one step', files: [[incidentPath(Math.floor(n / 2)), incidentText(Math.floor(n / 2), 1)]] },
  ]);
  execFileSync('git', ['checkout', '-q', 'feature'], { cwd: checkRepo });
  const buildMs = performance.now() - t;
  const io = quietIo(checkRepo);
  const args = { base: 'main', format: 'json' as const };
  const first = await timed(() => runCheckCommand(io, args));
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await timed(() => runCheckCommand(io, args)));
  const code = await runCheckCommand(io, args);
  // A fresh process, as CI runs it: the `incident` bin (the bundle `npm ci` builds; tsx if stale).
  const freshness = spawnSync(process.execPath, ['--input-type=module', '-e', `import { bundleIsFresh } from ${JSON.stringify(join(PACKAGE_ROOT, 'scripts/bin/load-main.js'))}; console.log(bundleIsFresh() ? 'bundle' : 'tsx (bundle stale or missing: npm run build)')`], { encoding: 'utf8' }).stdout.trim();
  const processRuns: number[] = [];
  let proc!: SpawnSyncReturns<string>;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    proc = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'scripts/bin/incident.js'), 'check', '--base', 'main', '--format', 'json'], { cwd: checkRepo, encoding: 'utf8' });
    processRuns.push(performance.now() - t);
  }
  const processMs = median(processRuns);
  const changed = proc.status === 0 ? (JSON.parse(proc.stdout) as { incidents: unknown[] }).incidents.length : -1;
  const inProcess = median(runs);
  rows.push({ name: `check: 1 changed of ${n} incidents (in-process)`, figures: { 'median ms': Math.round(inProcess), 'first ms': Math.round(first), exit: code, 'repo build ms': Math.round(buildMs) },
    target: '<= 500 ms', met: inProcess <= 500 });
  rows.push({ name: `check: 1 changed of ${n} incidents (new process)`, figures: { 'median wall ms (3 runs)': Math.round(processMs), 'incidents reported': changed, runs: freshness },
    target: '<= 500 ms (excluding install)', met: processMs <= 500 });

  // --- audit: M incidents × 10 commits each -------------------------------------------------
  const m = Math.max(10, Math.round(1_000 * scale));
  const perIncident = 10;
  const auditRepo = join(workDir, 'audit-repo');
  mkdirSync(auditRepo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: auditRepo });
  t = performance.now();
  // Round-robin: commit k of every incident, then commit k+1 … so files interleave like real work.
  function* history(): Generator<FastCommit> {
    for (let k = 0; k < perIncident; k++) {
      for (let i = 0; i < m; i++) yield { branch: 'main', message: `${incidentId(i)}: step ${k}`, files: [[incidentPath(i), incidentText(i, k)]] };
    }
  }
  await fastImport(auditRepo, history());
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: auditRepo });
  const auditBuild = performance.now() - t;
  let auditCode = -1;
  const auditMs = await timed(async () => { auditCode = await runAuditCommand(quietIo(auditRepo), { format: 'json' }); });
  const commits = m * perIncident;
  rows.push({ name: `audit: ${m} incidents × ${perIncident} commits`, figures: { 'wall ms': Math.round(auditMs), 'ms per commit': +(auditMs / commits).toFixed(2), 'commits/s': Math.round(commits / (auditMs / 1000)), exit: auditCode, 'repo build ms': Math.round(auditBuild) } });
  return rows;
};
