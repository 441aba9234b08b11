import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../lib/io/shipped-schemas.ts';
import { collectIncidentFiles } from '../lib/io/incident-files.ts';
import { shippedValidator } from '../lib/io/shipped-validator.ts';
import { parseIncidentFile } from '../lib/parse/incident-file.ts';
import { planReportFiles } from '../lib/render/report/compile.ts';
import { reportSource } from '../lib/render/report/sources.ts';
import { fixedContext } from '../lib/render/report/test-support.ts';
import { AUDIENCES } from '../lib/render/report/tlp.ts';
import { threadCount } from '../lib/io/workers.ts';
import type { BenchModule, BenchRow } from './types.ts';

/**
 * `incident report` over 10,000 incidents: every audience in markdown and HTML, the dashboards and
 * checksums, written to disk — the same code path CI runs on merge (read, validate, render, write).
 * Incidents are the shipped examples and report fixtures re-stamped with new ids and shifted dates
 * (a local generator: deterministic, no randomness), so bodies and front matter look like real ones.
 */
const TARGET_MS = 15_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function templates(): { id: string; text: string }[] {
  const dirs = [join(PACKAGE_ROOT, 'incidents/2026'), join(PACKAGE_ROOT, 'scripts/lib/render/report/testdata/incidents/2026')];
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.md')).sort().map((f) => {
    const text = readFileSync(join(d, f), 'utf8');
    return { id: /^id: (\S+)$/m.exec(text)![1]!, text };
  }));
}

function code4(n: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) { s = CROCKFORD[n % 32]! + s; n = Math.floor(n / 32); }
  return s;
}

/** Writes `count` incidents under <dir>/incidents/<year>/: template i % k, dates shifted by up to a year. */
export function writeSyntheticIncidents(dir: string, count: number): void {
  const base = templates();
  const day = 86_400_000;
  for (let i = 0; i < count; i++) {
    const t = base[i % base.length]!;
    const shift = -((i * 37) % 360) * day - (i % 24) * 3_600_000;
    const text = t.text.replace(/\b(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\b/g, (m) => new Date(Date.parse(m) + shift).toISOString().replace('.000Z', 'Z'));
    const detected = /detected_at: (\S+)/.exec(text)?.[1] ?? '2026-01-01T00:00:00Z';
    const id = `INC-${detected.slice(0, 10).replace(/-/g, '')}-${code4(i)}`;
    const year = detected.slice(0, 4);
    mkdirSync(join(dir, 'incidents', year), { recursive: true });
    writeFileSync(join(dir, 'incidents', year, `${id}-synthetic.md`), text.split(t.id).join(id));
  }
}

export const bench: BenchModule = async ({ workDir, scale }) => {
  const count = Math.max(10, Math.round(10_000 * scale));
  writeSyntheticIncidents(workDir, count);
  const stages = await stageTimes(workDir);
  const run = compileInChild(workDir);
  const files = countFiles(join(workDir, 'out/reports'));
  const memory = compileToMemoryFs(workDir);
  const rows: BenchRow[] = [{
    name: `report: ${count} incidents, all audiences + dashboard`,
    figures: {
      'wall ms': Math.round(run.wallMs), files, 'ms/incident': (run.wallMs / count).toFixed(2), 'peak RSS MiB': Math.round(run.usage.maxRSS / 1024),
      'cpu user s': (run.usage.userCPUTime / 1e6).toFixed(1), 'cpu sys s': (run.usage.systemCPUTime / 1e6).toFixed(1),
      threads: threadCount(count, undefined, { minCores: 2 }), exit: run.code,
    },
    target: `<= ${Math.round(TARGET_MS * scale)} ms`,
    met: run.code === 0 && run.wallMs <= TARGET_MS * scale,
  }, ...(memory ? [{
    // The same compile writing to tmpfs: what is left is the compile's own CPU. The difference is
    // the file system (this machine's root is ext4 without a journal; see compileInChild).
    name: '  same compile, output on tmpfs (/dev/shm)',
    figures: { 'wall ms': Math.round(memory.wallMs), 'cpu user s': (memory.usage.userCPUTime / 1e6).toFixed(1), 'cpu sys s': (memory.usage.systemCPUTime / 1e6).toFixed(1), exit: memory.code },
  }] : []), {
    name: '  stage alone, one thread: read + parse + validate',
    figures: { 'wall ms': Math.round(stages.load), 'ms/incident': (stages.load / count).toFixed(2) },
  }, {
    name: '  stage alone, one thread: render (md + html)',
    figures: { 'wall ms': Math.round(stages.render), 'ms/incident': (stages.render / count).toFixed(2), 'output MB': Math.round(stages.bytes / 1e6) },
  }];
  return rows;
};

/**
 * `incident report` as CI runs it on merge: the bin, in a process of its own, timed from spawn to
 * exit. CPU system time is mostly the file system creating ~9 files per incident; on ext4 it can
 * triple for a few minutes after a large delete (freed inodes are skipped), so a run right after
 * removing a previous output tree is not representative.
 */
function compileInChild(workDir: string, out = 'out/reports'): { wallMs: number; code: number; usage: NodeJS.ResourceUsage } {
  const usageFile = join(workDir, 'rusage.json');
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['--import', pathToFileURL(join(PACKAGE_ROOT, 'scripts/bench/rusage-hook.mjs')).href,
    join(PACKAGE_ROOT, 'scripts/bin/incident.js'), 'report', '--out', out, '--format', 'both', '--generated-at', '2026-12-01T00:00:00Z'],
  { cwd: workDir, env: { ...process.env, BENCH_RUSAGE_FILE: usageFile, TZ: 'UTC' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const wallMs = performance.now() - t0;
  return { wallMs, code: child.status ?? 1, usage: JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage };
}

/** compileInChild with the output on tmpfs, when this machine has one (removed afterwards). */
function compileToMemoryFs(workDir: string): ReturnType<typeof compileInChild> | undefined {
  if (!existsSync('/dev/shm')) return undefined;
  let dir: string;
  try { dir = mkdtempSync('/dev/shm/incident-ledger-bench-'); } catch { return undefined; }
  try {
    return compileInChild(workDir, join(dir, 'reports'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The compile's stages timed on their own in this thread (same functions the CLI calls), to show
 * where time goes; the compile itself renders in several threads (io/parallel-report.ts).
 */
async function stageTimes(workDir: string): Promise<{ load: number; render: number; bytes: number }> {
  const t0 = performance.now();
  const { files } = await collectIncidentFiles(workDir, []);
  const parsed = files.map((f) => parseIncidentFile(f.path, f.bytes));
  shippedValidator().validateFiles(parsed);
  const sources = parsed.map((p, i) => reportSource(p as typeof p & { data: Record<string, unknown> }, files[i]!.bytes));
  const t1 = performance.now();
  let bytes = 0;
  for (const f of planReportFiles(sources, fixedContext(), { audiences: AUDIENCES, formats: ['md', 'html'], dashboard: true })) bytes += f.bytes?.length ?? f.content.length;
  return { load: t1 - t0, render: performance.now() - t1, bytes };
}

function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}
