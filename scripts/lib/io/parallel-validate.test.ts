/**
 * `incident validate` split over worker threads prints exactly what one thread prints, in every
 * format: every failure case of the validator corpus (duplicate ids across shares, unresolved
 * references, TLP:RED masking, unreadable and hostile files) plus the shipped examples in one repo.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { PACKAGE_ROOT } from './shipped-schemas.ts';
import { escapeMarkdown } from '../render/markdown-escape.ts';
import { threadCount } from './workers.ts';

const repo = mkdtempSync(join(tmpdir(), 'parallel-validate-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const corpus = join(PACKAGE_ROOT, 'scripts/lib/validate/testdata');
for (const c of readdirSync(corpus).filter((d) => existsSync(join(corpus, d, 'incidents')))) {
  mkdirSync(join(repo, 'incidents', c), { recursive: true });
  cpSync(join(corpus, c, 'incidents'), join(repo, 'incidents', c), { recursive: true });
}
cpSync(join(PACKAGE_ROOT, 'incidents'), join(repo, 'incidents', 'examples'), { recursive: true });
// A reference to an incident that is not in the repository.
const phishing = readFileSync(join(PACKAGE_ROOT, 'incidents/2026/INC-20261130-4HQP-payroll-phishing-report.md'), 'utf8');
writeFileSync(join(repo, 'incidents', 'INC-20261130-ZZ12-related.md'), phishing.replace('id: INC-20261130-4HQP', 'id: INC-20261130-ZZ12\nrelated_incidents: [INC-20200101-AB12]'));

async function validate(threads: number, format: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(['validate', '--format', format], { cwd: repo, env: { INCIDENT_LEDGER_THREADS: String(threads) }, interactive: false, stdout: (t) => { out += t; }, stderr: (t) => { out += t; } });
  return { code, out };
}

describe('validate in worker threads', () => {
  it.each(['json', 'human', 'github'])('%s output is identical with 1, 2 and 3 threads', async (format) => {
    const one = await validate(1, format);
    expect(one.code).toBe(1);
    expect(one.out).toContain('id/duplicate');
    expect(one.out).toContain('references/unresolved');
    expect(await validate(2, format)).toEqual(one);
    expect(await validate(3, format)).toEqual(one);
  }, 60_000);

  it.each([
    [10, undefined, 8, 1], [5000, undefined, 8, 4], [5000, undefined, 3, 3], [5000, undefined, 2, 1], [5000, 1, 8, 1],
    [3, 8, 2, 3], [5000, 2, 2, 2], [5000, 64, 2, 64], [0, 4, 8, 1],
  ] as const)('threadCount(%i items, forced %s, %i cores) → %i', (items, forced, cores, expected) => {
    expect(threadCount(items, forced, { cores })).toBe(expected);
  });
});

describe('validate --format github over many findings', () => {
  it('annotates 10 per severity, and lists every finding in the log and the job summary', async () => {
    const summary = join(repo, 'summary.md');
    let out = '';
    const env = { INCIDENT_LEDGER_THREADS: '1', GITHUB_STEP_SUMMARY: summary };
    const code = await main(['validate', '--format', 'github'], { cwd: repo, env, interactive: false, stdout: (t) => { out += t; }, stderr: () => {} });
    let json = '';
    await main(['validate', '--format', 'json'], { cwd: repo, env: {}, interactive: false, stdout: (t) => { json += t; }, stderr: () => {} });
    const all = (JSON.parse(json) as { diagnostics: { file: string; line: number; column: number; rule: string; severity: string }[] }).diagnostics;
    expect(code).toBe(1);
    expect(all.length).toBeGreaterThan(20);
    expect(out.split('\n').filter((l) => l.startsWith('::error ')).length).toBe(10);
    const summaryText = readFileSync(summary, 'utf8');
    for (const d of all) {
      const where = d.line ? `${d.file}:${d.line}:${d.column}` : d.file;
      expect(out).toContain(d.rule);
      expect(summaryText).toContain(escapeMarkdown(where));
      expect(summaryText).toContain(escapeMarkdown(d.rule));
    }
  }, 60_000);
});
