import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { AuditResult } from './run-audit.ts';
import { advancePhishing, captureIo, EXAMPLES, exampleText, TestRepo } from './test-repo.ts';

/**
 * `incident audit` replays first-parent history. The histories are built like real ones: an
 * incident created in detection and advanced through pull requests (merge commits), plus the
 * direct pushes the audit exists to catch.
 */
const P = EXAMPLES.phishing;

let parent: string;
beforeAll(() => { parent = mkdtempSync(join(tmpdir(), 'incident-audit-')); });
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** main: the phishing report created, then advanced through a merged pull request. */
function cleanHistory(): TestRepo {
  const repo = TestRepo.init(parent);
  repo.write('README.md', '# incidents\n');
  repo.commit('Initial commit');
  repo.write(P, exampleText(P));
  repo.commit('Record the payroll phishing report', 'Mo Okafor <m.okafor@example.org>');
  repo.git('checkout', '-q', '-b', 'advance');
  advancePhishing(repo);
  repo.commit('Advance to preliminary analysis', 'Mo Okafor <m.okafor@example.org>');
  repo.replace(P, /(  - \{ at: 2026-11-30T08:52:00Z.*\n)/, '$1  - { at: 2026-11-30T09:40:00Z, by: m.okafor, kind: action, entry: "Sender domain blocked." }\n');
  repo.commit('Log the domain block', 'Mo Okafor <m.okafor@example.org>');
  repo.git('checkout', '-q', 'main');
  repo.git('merge', '-q', '--no-ff', '-m', 'Merge pull request #1 from advance', 'advance');
  repo.write('docs/runbook.md', 'unrelated\n');
  repo.commit('Docs');
  return repo;
}

async function audit(repo: TestRepo, args: string[] = []): Promise<{ code: number; result: AuditResult; human: string }> {
  const json = captureIo(repo.dir);
  const code = await main(['audit', '--format', 'json', ...args], json.io);
  const human = captureIo(repo.dir);
  expect(await main(['audit', ...args], human.io)).toBe(code);
  return { code, result: JSON.parse(json.text()) as AuditResult, human: human.text() };
}

describe('incident audit', () => {
  it('exits 0 on a clean history', async () => {
    const { code, result, human } = await audit(cleanHistory());
    expect(result.violations).toEqual([]);
    expect(result.commits).toBe(2); // the creation and the merge; commits not touching incidents are skipped
    expect(result.versions).toBe(2);
    expect(human.trimEnd().split('\n').pop()).toBe('✔ no violations: every incident change in this history followed the rules.');
    expect(code).toBe(0);
  });

  it('names commit, author, file and line of a direct rewrite of a timeline entry', async () => {
    const repo = cleanHistory();
    repo.replace(P, 'Reported via the Report Phishing button.', 'Reported by phone.');
    const sha = repo.commit('Tidy wording', 'Mallory Quinn <mallory@example.org>');
    repo.write('README.md', '# incidents (later commit)\n');
    repo.commit('Later unrelated commit');
    const { code, result, human } = await audit(repo);
    expect(result.violations.map((v) => `${v.commit} ${v.author} ${v.file}:${v.line}:${v.column} ${v.rule}`)).toEqual([
      `${sha.slice(0, 12)} Mallory Quinn <mallory@example.org> ${P}:27:75 append-only/edited`,
    ]);
    expect(result.violations[0]!.subject).toBe('Tidy wording');
    expect(human).toContain(`commit ${sha.slice(0, 12)}  `);
    expect(human).toContain('Mallory Quinn <mallory@example.org>  "Tidy wording"');
    expect(human).toContain(`  ${P}:27:75  error  timeline entry 2 (at 2026-11-30T08:34:00Z) was edited (\`entry\` changed)`);
    expect(code).toBe(1);
    const gh = captureIo(repo.dir);
    expect(await main(['audit', '--format', 'github'], gh.io)).toBe(1);
    expect(gh.text().split('\n')[0]).toBe(`::error file=${P},line=27,col=75,title=append-only/edited::commit ${sha.slice(0, 12)} by Mallory Quinn <mallory@example.org>: timeline entry 2 (at 2026-11-30T08:34:00Z) was edited (\`entry\` changed); merged entries of \`timeline\` are never edited%0ARestore it exactly as merged; corrections are new entries, e.g. \`- { at: 2026-12-03T09:30:00Z, by: a.ng, kind: observation, entry: "Correction to the entry of 2026-11-30T08:34:00Z: ..." }\` in the timeline.`);
  });

  it('reports a phase jump pushed directly, and --since limits the replay to later commits', async () => {
    const repo = cleanHistory();
    repo.replace(P, 'phase: preliminary-analysis\n', 'phase: notification\n');
    const jump = repo.commit('Jump ahead', 'Eve Example <eve@example.org>');
    const { code, result } = await audit(repo);
    const rules = [...new Set(result.violations.map((v) => v.rule))].sort();
    expect(rules).toEqual(['gate/missing-field', 'gate/placeholder-section', 'phase-history/mismatch']);
    expect(new Set(result.violations.map((v) => v.commit))).toEqual(new Set([jump.slice(0, 12)]));
    expect(code).toBe(1);
    const since = await audit(repo, ['--since', jump]);
    expect(since.result.commits).toBe(0);
    expect(since.code).toBe(0);
    const before = await audit(repo, ['--since', `${jump}~1`]);
    expect(before.result.commits).toBe(1);
    expect(before.code).toBe(1);
  });

  it('follows an incident through a rename that keeps its id, and catches a deletion', async () => {
    const repo = cleanHistory();
    repo.git('mv', P, 'incidents/2026/INC-20261130-4HQP-payroll.md');
    repo.commit('Shorter file name');
    repo.replace('incidents/2026/INC-20261130-4HQP-payroll.md', 'Sender domain blocked.', 'Sender domain blocked at the gateway.');
    const edit = repo.commit('Edit after rename');
    repo.remove('incidents/2026/INC-20261130-4HQP-payroll.md');
    const del = repo.commit('Remove', 'Eve Example <eve@example.org>');
    const { result } = await audit(repo);
    expect(result.violations.map((v) => `${v.commit} ${v.rule} ${v.file}:${v.line}`)).toEqual([
      `${edit.slice(0, 12)} append-only/edited incidents/2026/INC-20261130-4HQP-payroll.md:29`,
      `${del.slice(0, 12)} file/deleted incidents/2026/INC-20261130-4HQP-payroll.md:3`,
    ]);
  });
});
