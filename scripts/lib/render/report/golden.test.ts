import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../io/shipped-schemas.ts';
import { shippedValidator } from '../../io/shipped-validator.ts';
import { parseIncidentFile } from '../../parse/incident-file.ts';
import { planReports, type PlannedFile } from './compile.ts';
import { fixedContext, loadSources } from './test-support.ts';
import { AUDIENCES } from './tlp.ts';

/**
 * Golden files: every audience, both formats, the dashboards and checksums, over the shipped example
 * incidents plus two fixtures (a TLP:CLEAR incident and a TLP:AMBER DORA incident with a public
 * statement). Refresh with UPDATE_GOLDEN=1 npx vitest run scripts/lib/render/report/golden.test.ts
 * and review the diff like code.
 */
const HERE = relative(PACKAGE_ROOT, dirname(new URL(import.meta.url).pathname));
const GOLDEN = join(PACKAGE_ROOT, HERE, 'testdata', 'golden');
const FIXTURES = `${HERE}/testdata/incidents`;
const NOTICES = [
  { incident: 'INC-20261118-R7WM', regime: 'gdpr-art33', stage: 'initial', due_at: '2026-11-21T06:00:00Z', status: 'overdue' },
  { incident: 'INC-20261118-R7WM', regime: 'nis2-notification', stage: 'notification', due_at: '2026-12-02T06:00:00Z', status: 'upcoming' },
  { incident: 'INC-20261002-K3DN', regime: 'gdpr-art33', stage: 'initial', due_at: '2026-10-05T10:30:00Z', status: 'met' },
];

let plan: PlannedFile[];

beforeAll(async () => {
  const sources = await loadSources(PACKAGE_ROOT, ['incidents', FIXTURES]);
  plan = planReports(sources, fixedContext(), { audiences: AUDIENCES, formats: ['md', 'html'], dashboard: true, notices: NOTICES });
  if (process.env['UPDATE_GOLDEN'] === '1') {
    rmSync(GOLDEN, { recursive: true, force: true });
    for (const f of plan) {
      mkdirSync(dirname(join(GOLDEN, f.path)), { recursive: true });
      writeFileSync(join(GOLDEN, f.path), f.content);
    }
  }
});

function goldenFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const abs = join(dir, e);
    return statSync(abs).isDirectory() ? goldenFiles(abs) : [relative(GOLDEN, abs).split('\\').join('/')];
  });
}

describe('report goldens', () => {
  it('the fixtures are valid incidents (so the goldens show real records)', async () => {
    const { collectIncidentFiles } = await import('../../io/incident-files.ts');
    const { files } = await collectIncidentFiles(PACKAGE_ROOT, [FIXTURES]);
    expect(files).toHaveLength(2);
    expect(shippedValidator().validateFiles(files.map((f) => parseIncidentFile(f.path, f.bytes)))).toEqual([]);
  });

  it('plans exactly the golden file set', () => {
    expect(plan.map((f) => f.path).sort()).toEqual(goldenFiles(GOLDEN).sort());
  });

  it('covers every audience in both formats', () => {
    for (const a of AUDIENCES) {
      const ext = (e: string) => plan.some((f) => (a === 'public' ? f.path.startsWith('public/INC-') : f.path.endsWith(`/${a}.${e}`)) && f.path.endsWith(`.${e}`));
      expect(ext('md'), a).toBe(true);
      expect(ext('html'), a).toBe(true);
    }
  });

  it('matches every golden file byte for byte', () => {
    const mismatched = plan.filter((f) => readFileSync(join(GOLDEN, f.path), 'utf8') !== f.content).map((f) => f.path);
    expect(mismatched, 'run with UPDATE_GOLDEN=1 and review the diff').toEqual([]);
  });

  it('writes exactly its text, and SHA256SUMS holds the hash of every other file', () => {
    const bytesOf = (f: PlannedFile) => Buffer.from(f.bytes ?? Buffer.from(f.content, 'utf8'));
    for (const f of plan) expect(bytesOf(f).toString('utf8'), f.path).toBe(f.content);
    const sums = plan.find((f) => f.path === 'SHA256SUMS')!.content.trimEnd().split('\n').map((l) => l.split('  '));
    expect(sums.map(([, path]) => path)).toEqual(plan.map((f) => f.path).filter((p) => p !== 'SHA256SUMS').sort());
    for (const [sum, path] of sums) expect(sum, path).toBe(createHash('sha256').update(bytesOf(plan.find((f) => f.path === path)!)).digest('hex'));
  });

  it('is reproducible: a second plan over the same inputs is identical', async () => {
    const again = planReports(await loadSources(PACKAGE_ROOT, ['incidents', FIXTURES]), fixedContext(), { audiences: AUDIENCES, formats: ['md', 'html'], dashboard: true, notices: NOTICES });
    expect(again).toEqual(plan);
  });
});
