import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { CheckResult } from './check-result.ts';
import { advancePhishing, captureIo, EXAMPLES, exampleRepo, TestRepo } from './test-repo.ts';

/** Git situations CI meets: shallow clones (case 19), a base branch that moved on, huge PRs. */
const P = EXAMPLES.phishing;
const R = EXAMPLES.ransomware;


let parent: string;
beforeAll(() => { parent = mkdtempSync(join(tmpdir(), 'incident-check-git-')); });
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** origin: main moves on by three unrelated commits after `feature` branched and edited one incident. */
function originWithFeature(): TestRepo {
  const origin = exampleRepo(parent);
  origin.git('checkout', '-q', '-b', 'feature');
  advancePhishing(origin);
  origin.commit('Advance the phishing report');
  origin.git('checkout', '-q', 'main');
  for (let i = 1; i <= 3; i++) { origin.write('notes.txt', `note ${i}\n`); origin.commit(`main ${i}`); }
  return origin;
}

function shallowClone(origin: TestRepo): TestRepo {
  const dir = mkdtempSync(join(parent, 'clone-'));
  const clone = new TestRepo(dir);
  clone.git('clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, '.');
  clone.git('fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
  return clone;
}

describe('shallow clones (case 19)', () => {
  it('deepens step by step until the merge base resolves; the diff is exactly the PR change', async () => {
    const clone = shallowClone(originWithFeature());
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('true');
    const c = captureIo(clone.dir);
    const code = await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'origin/main', '--format', 'json'], c.io);
    const result = JSON.parse(c.text()) as CheckResult;
    expect(result.files).toEqual([P]);
    expect(result.incidents.map((i) => `${i.id} ${i.phaseBefore} → ${i.phaseAfter}`)).toEqual(['INC-20261130-4HQP detection → preliminary-analysis']);
    expect(result.mergeBase).toBe(clone.git('merge-base', 'origin/main', 'HEAD'));
    expect(c.errText()).toMatch(/^note: shallow clone: fetching 50 more commits to find the merge base\n$/);
    expect(code).toBe(0);
  });

  it('a base sha the depth-1 checkout does not hold (the event\'s base.sha) is fetched, then deepened', async () => {
    const origin = originWithFeature();
    const dir = mkdtempSync(join(parent, 'clone-'));
    const clone = new TestRepo(dir);
    clone.git('clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, '.');
    const baseSha = origin.git('rev-parse', 'main');
    expect(() => clone.git('cat-file', '-e', `${baseSha}^{commit}`)).toThrow();
    const c = captureIo(clone.dir);
    const code = await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', baseSha, '--format', 'json'], c.io);
    const result = JSON.parse(c.text()) as CheckResult;
    expect(result.baseSha).toBe(baseSha);
    expect(result.files).toEqual([P]);
    expect(code).toBe(0);
  });

  it('fails closed with the fetch-depth hint when the history cannot be deepened', async () => {
    const origin = originWithFeature();
    const clone = shallowClone(origin);
    rmSync(origin.dir, { recursive: true, force: true }); // the remote is gone: nothing to deepen from
    const c = captureIo(clone.dir);
    const code = await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'origin/main', '--format', 'json'], c.io);
    expect(code).toBe(2);
    expect(c.text()).toBe(''); // never "0 incidents changed"
    expect(c.errText()).toContain('could not deepen the shallow clone from remote `origin`');
    expect(c.errText()).toContain('set `fetch-depth: 0` on actions/checkout');
  });

  it('--head checks another commit than the checked-out one (files are read from git, not the work tree)', async () => {
    const origin = originWithFeature(); // main is checked out; feature holds the change
    origin.write(P, 'uncommitted junk\n');
    const c = captureIo(origin.dir);
    const code = await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'main', '--head', 'feature', '--format', 'json'], c.io);
    const result = JSON.parse(c.text()) as CheckResult;
    expect(result.headSha).toBe(origin.git('rev-parse', 'feature'));
    expect(result.incidents.map((i) => `${i.phaseBefore} → ${i.phaseAfter}`)).toEqual(['detection → preliminary-analysis']);
    expect(c.errText()).toBe(''); // uncommitted work is only mentioned when HEAD is checked
    expect(code).toBe(0);
    const local = captureIo(origin.dir);
    expect(await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'main'], local.io)).toBe(0);
    expect(local.errText()).toBe(`note: 1 incident file has uncommitted changes that are not checked (the check reads commits): ${P}\n`);
  });

  it('an unknown base ref is a usage error (exit 2), not an empty result', async () => {
    const repo = exampleRepo(parent);
    const c = captureIo(repo.dir);
    expect(await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'origin/nope'], c.io)).toBe(2);
    expect(c.errText()).toContain('`origin/nope` is not a commit in this repository');
  });
});

describe('the base branch moves on meanwhile', () => {
  it('unrelated merges into main after branching are not attributed to the pull request', async () => {
    const repo = exampleRepo(parent);
    repo.git('checkout', '-q', '-b', 'feature');
    advancePhishing(repo);
    repo.commit('Advance the phishing report');
    // Meanwhile on main: another PR edits (and breaks the rules of) a different incident and is merged.
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-q', '-b', 'other');
    repo.replace(R, 'Declared sev1 ransomware incident.', 'Declared sev1.');
    repo.commit('Edit the ransomware timeline');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge other', 'other');
    repo.git('checkout', '-q', 'feature');
    // …and the feature branch merges main back in before the check runs.
    repo.git('merge', '-q', '--no-ff', '-m', 'Merge main into feature', 'main');
    const c = captureIo(repo.dir);
    const code = await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'main', '--format', 'json'], c.io);
    const result = JSON.parse(c.text()) as CheckResult;
    expect(result.files).toEqual([P]);
    expect(result.diagnostics).toEqual([]);
    expect(code).toBe(0);
    // A two-dot diff against main would have shown the other PR's change too: the merge base prevents it.
    expect(repo.git('diff', '--name-only', 'main', 'HEAD~1')).toContain(R);
  });
});

describe('huge pull requests (case 22)', () => {
  it('3,500 new incident files: all come from local git (no cap), the bad one at the end is found with its line', async () => {
    const repo = exampleRepo(parent);
    repo.git('checkout', '-q', '-b', 'import/vcdb-2024');
    const base = repo.read(P);
    const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const id = (n: number) => `INC-20240101-${[3, 2, 1, 0].map((k) => crockford[Math.floor(n / 32 ** k) % 32]).join('')}`;
    for (let n = 0; n < 3500; n++) {
      let text = base.replace('id: INC-20261130-4HQP', `id: ${id(n)}`);
      if (n === 3499) text = text.replace('tlp: TLP:AMBER\n', 'tlp: TLP:AMBER\nseverity: urgent\n');
      repo.write(`incidents/vcdb/${id(n)}.md`, text);
    }
    repo.replace(P, 'Acknowledged; pulling', 'Acknowledged, pulling');
    repo.commit('Import VCDB 2024');
    const c = captureIo(repo.dir);
    const code = await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'main', '--format', 'json'], c.io);
    const result = JSON.parse(c.text()) as CheckResult;
    expect(result.files).toHaveLength(3501);
    expect(result.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}`)).toEqual([
      `append-only/edited ${P}:27`,
      `schema/pattern incidents/vcdb/${id(3499)}.md:9`,
    ]);
    expect(code).toBe(1);
  }, 120_000);
});

describe('output formats', () => {
  it('github: escaped annotations, and a job summary with incident text neutralised (case 21)', async () => {
    const repo = exampleRepo(parent);
    repo.git('checkout', '-q', '-b', 'feature');
    const payload = '$(id) `uname -a` <img src=x onerror=alert(1)> @example-org/security-team';
    repo.replace(P, 'title: Payroll-themed phishing email reported by finance staff', `title: "${payload}"`);
    repo.replace(P, 'Acknowledged; pulling', 'Acknowledged, pulling');
    repo.commit('Edit');
    const summary = join(repo.dir, '..', `summary-${Date.now()}.md`);
    writeFileSync(summary, '');
    const c = captureIo(repo.dir, { GITHUB_STEP_SUMMARY: summary });
    const code = await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'main', '--format', 'github', '--result-file', 'result.json'], c.io);
    expect(code).toBe(1);
    const annotations = c.text().split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toEqual([
      `::error file=${P},line=27,col=70,title=append-only/edited::timeline entry 3 (at 2026-11-30T08:52:00Z) was edited (\`entry\` changed); merged entries of \`timeline\` are never edited%0ARestore it exactly as merged; corrections are new entries, e.g. \`- { at: 2026-12-03T09:30:00Z, by: a.ng, kind: observation, entry: "Correction to the entry of 2026-11-30T08:52:00Z: ..." }\` in the timeline.`,
    ]);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('## Incident check');
    expect(md).toContain('$\\(id\\) \\`uname \\-a\\` &lt;img src=x onerror=alert\\(1\\)&gt; @\u200Bexample\\-org/security\\-team');
    expect(md).not.toContain('<img');
    expect(md).not.toMatch(/@example-org/);
    const result = JSON.parse(readFileSync(join(repo.dir, 'result.json'), 'utf8')) as CheckResult;
    expect(result.incidents[0]!.title).toBe(payload); // data stays literal; consumers escape it
  });

  it('github: annotations capped per severity with an overflow notice; the summary still lists everything', async () => {
    const repo = exampleRepo(parent);
    repo.git('checkout', '-q', '-b', 'feature');
    // 12 deleted timeline entries across incidents: more errors than GitHub shows per step.
    for (const f of [EXAMPLES.ransomware, EXAMPLES.stuffing]) repo.replace(f, /(timeline:\n)(  - \{ at:.*\n)+/, '$1');
    repo.commit('Wipe timelines');
    const summary = join(repo.dir, '..', `summary-cap-${Date.now()}.md`);
    writeFileSync(summary, '');
    const c = captureIo(repo.dir, { GITHUB_STEP_SUMMARY: summary });
    expect(await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'main', '--format', 'github'], c.io)).toBe(1);
    const lines = c.text().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    const notice = lines.find((l) => l.startsWith('::notice title=more findings::'));
    expect(notice).toMatch(/::\d+ more findings not annotated/);
    const md = readFileSync(summary, 'utf8');
    expect(md.split('\n').filter((l) => l.startsWith('- **✖ error**')).length).toBeGreaterThan(10);
  });

  it('human: incident lines with phase change, findings with a code frame, verdict', async () => {
    const repo = exampleRepo(parent);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.remove(EXAMPLES.invoice);
    repo.commit('Delete');
    const c = captureIo(repo.dir);
    expect(await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', 'main'], c.io)).toBe(1);
    const text = c.text();
    expect(text).toContain('  INC-20261105-9XTB    deleted   closed → (deleted)');
    expect(text).toContain(`${EXAMPLES.invoice}\n  3:5      error   incident file`);
    expect(text).toContain('    > 3 | id: INC-20261105-9XTB');
    expect(text.trimEnd().split('\n').pop()).toBe('✖ 1 error, 0 warnings, 0 notices.');
  });
});
