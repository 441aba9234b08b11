import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';
import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { currentApprovers } from './approvals.ts';
import { ApproversConfigError, parseApprovers } from './approvers-config.ts';
import { exampleEvent, runAsAction } from './testing/actions-run.ts';
import { FakeGithub, type FakeReview } from './testing/fake-github.ts';
import { artifactZip, BASE, checkResult, HEAD, workflowRunEvent } from './testing/fixtures.ts';

const FILE = 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md';
const BEFORE = readFileSync(join(PACKAGE_ROOT, FILE), 'utf8'); // phase: notification (its gate needs legal)
const AFTER = BEFORE.replace(/^phase: notification$/m, 'phase: investigation');
const OLD_HEAD = '0'.repeat(39) + '1';
const SETTINGS = 'deadlines: { anything: other-helpers-own-this }\napprovers:\n  legal:\n    users: [dpo-jane]\n    teams: [acme/legal]\n  ciso:\n    users: [ciso-alex]\n';

let fake: FakeGithub;
let cwd: string;
beforeEach(async () => {
  fake = await FakeGithub.start('acme', 'incidents');
  cwd = mkdtempSync(join(tmpdir(), 'il-approvals-'));
  fake.contents.set(`${BASE}:.incident-ledger.yml`, SETTINGS);
  fake.teams.set('acme/legal', new Set(['counsel-sam']));
  const pr = fake.addPull({ number: 57, headSha: HEAD, baseSha: BASE, files: [{ filename: FILE, status: 'modified' }, { filename: 'README.md', status: 'modified' }] });
  void pr;
  fake.contents.set(`${BASE}:${FILE}`, BEFORE);
  fake.contents.set(`${HEAD}:${FILE}`, AFTER);
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** A pull_request_review event from @octokit/webhooks-examples, pointed at PR #57. */
function reviewEvent(): { name: string; payload: Record<string, unknown> } {
  const payload = exampleEvent('pull_request_review', (p) => p['action'] === 'submitted');
  const pr = payload['pull_request'] as Record<string, Record<string, unknown>>;
  (pr as Record<string, unknown>)['number'] = 57;
  pr['head']!['sha'] = HEAD;
  pr['base']!['sha'] = BASE;
  (payload['repository'] as Record<string, unknown>)['full_name'] = 'acme/incidents';
  return { name: 'pull_request_review', payload };
}

const review = (user: string, state: FakeReview['state'], commit = HEAD): FakeReview => ({ id: fake.id(), user, state, commit_id: commit, submitted_at: '2026-12-01T10:00:00Z' });
const approvals = (args: string[] = []) => runAsAction(fake, ['github', 'approvals', ...args], reviewEvent(), { cwd });

describe('incident github approvals', () => {
  const table: Array<{ name: string; reviews: () => FakeReview[]; code: number; by?: string }> = [
    { name: 'no review at all', reviews: () => [], code: 1 },
    { name: 'a configured user approves the head commit', reviews: () => [review('dpo-jane', 'APPROVED')], code: 0, by: 'dpo-jane' },
    { name: 'a member of a configured team approves', reviews: () => [review('counsel-sam', 'APPROVED')], code: 0, by: 'counsel-sam' },
    { name: 'someone outside the role approves', reviews: () => [review('intern-kim', 'APPROVED')], code: 1 },
    { name: 'the approval is for an earlier commit (stale)', reviews: () => [review('dpo-jane', 'APPROVED', OLD_HEAD)], code: 1 },
    { name: 'the approval was dismissed', reviews: () => [review('dpo-jane', 'APPROVED'), review('dpo-jane', 'DISMISSED')], code: 1 },
    { name: 'the latest review requests changes', reviews: () => [review('dpo-jane', 'APPROVED'), review('dpo-jane', 'CHANGES_REQUESTED')], code: 1 },
    { name: 'a later comment does not undo the approval', reviews: () => [review('dpo-jane', 'APPROVED'), review('dpo-jane', 'COMMENTED')], code: 0, by: 'dpo-jane' },
    { name: 'an old rejection is superseded by an approval of the head', reviews: () => [review('counsel-sam', 'CHANGES_REQUESTED', OLD_HEAD), review('counsel-sam', 'APPROVED')], code: 0, by: 'counsel-sam' },
  ];
  for (const t of table) {
    it(`${t.name} → exit ${t.code}`, async () => {
      fake.pulls[0]!.reviews.push(...t.reviews());
      const r = await approvals(['--status']);
      expect(r.code).toBe(t.code);
      expect(r.outputs).toMatchObject({ required: '1', missing: String(t.code) });
      const status = fake.statuses.at(-1)!;
      expect(status).toMatchObject({ sha: HEAD, context: 'incident-ledger/approvals', state: t.code ? 'failure' : 'success' });
      if (t.by) expect(r.summary).toContain(`approved by ${t.by}`);
      else expect(r.stdout).toContain('::error title=incident-ledger approvals::leaving phase notification in INC-20261118-R7WM needs an approving review');
    });
  }

  it('a copied incident passes its gates itself (the copy does not inherit its source\'s phases)', async () => {
    const copy = 'incidents/2026/INC-20261118-ZZZZ-copy.md';
    fake.pulls[0]!.files = [{ filename: copy, status: 'added' }];
    fake.contents.set(`${HEAD}:${copy}`, AFTER.replace('id: INC-20261118-R7WM', 'id: INC-20261118-ZZZZ'));
    const r = await approvals();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('leaving phase notification in INC-20261118-ZZZZ');
  });

  it('needs nothing when no gate with an approval is passed', async () => {
    fake.contents.set(`${HEAD}:${FILE}`, BEFORE);
    const r = await approvals();
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ required: '0', missing: '0' });
  });

  it('names the missing configuration when no approver is set for the role', async () => {
    fake.contents.set(`${BASE}:.incident-ledger.yml`, 'approvers: { ciso: { users: [ciso-alex] } }\n');
    fake.pulls[0]!.reviews.push(review('dpo-jane', 'APPROVED'));
    const r = await approvals();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('nobody is configured for role `legal`');
  });

  it('reads approvers at the base commit: a PR cannot appoint its own approver', async () => {
    fake.pulls[0]!.files.push({ filename: '.incident-ledger.yml', status: 'modified' });
    fake.contents.set(`${HEAD}:.incident-ledger.yml`, 'approvers: { legal: { users: [mallory] } }\n');
    writeFileSync(join(cwd, '.incident-ledger.yml'), 'approvers: { legal: { users: [mallory] } }\n'); // the PR's checkout
    fake.pulls[0]!.reviews.push(review('mallory', 'APPROVED'));
    const r = await approvals();
    expect(r.code).toBe(1);
  });

  it('reports an invalid approvers block as one line, exit 2', async () => {
    fake.contents.set(`${BASE}:.incident-ledger.yml`, 'approvers:\n  legal:\n    teams: [not a team]\n');
    const r = await approvals();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: \.incident-ledger\.yml: `approvers\.legal\.teams\.0` must match pattern/);
  });

  it('explains a token that cannot read team membership', async () => {
    fake.forbidden.add('teams/get-membership-for-user-in-org');
    fake.pulls[0]!.reviews.push(review('counsel-sam', 'APPROVED'));
    const r = await approvals();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot check whether counsel-sam is in team acme\/legal: the token lacks permission .*members: read/);
  });

  it('the comment step shows the approvals and sets the status from recomputed data, not from the artifact', async () => {
    fake.pulls[0]!.reviews.push(review('dpo-jane', 'APPROVED', OLD_HEAD));
    // The artifact claims no approval is needed; the privileged step recomputes and disagrees.
    fake.artifacts.set(777, [{ id: fake.id(), name: 'incident-check-result', zip: artifactZip({ 'check-result.json': checkResult() }) }]);
    const r = await runAsAction(fake, ['github', 'comment', '--approvals', '--status'], workflowRunEvent({ pullRequests: [57] }), { cwd });
    expect(r.code).toBe(0);
    expect(fake.commentsOn(57)[0]!.body).toContain('⏳ leaving `notification` in INC\\-20261118\\-R7WM needs legal');
    expect(fake.statuses.at(-1)).toMatchObject({ state: 'failure', context: 'incident-ledger/approvals' });
    expect(r.outputs['approvals-missing']).toBe('1');
  });
});

describe('when approvals cannot be evaluated in the comment step', () => {
  it('warns, still comments, and sets an error status instead of leaving the gate pending', async () => {
    fake.pulls[0]!.files = Array.from({ length: 3001 }, (_, i) => ({ filename: `incidents/x/${i}.md`, status: 'added' as const }));
    fake.artifacts.set(777, [{ id: fake.id(), name: 'incident-check-result', zip: artifactZip({ 'check-result.json': checkResult() }) }]);
    const r = await runAsAction(fake, ['github', 'comment', '--approvals', '--status'], workflowRunEvent({ pullRequests: [57] }), { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::warning title=incident-ledger approvals::approvals not evaluated: cannot evaluate gate approvals: GitHub listed 3000 of 3001 changed files/);
    expect(fake.commentsOn(57)).toHaveLength(1);
    expect(fake.statuses.at(-1)).toMatchObject({ state: 'error', context: 'incident-ledger/approvals' });
  });
});

describe('more changed files than the API lists (case 22)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ filename: `incidents/vcdb/${String(i).padStart(5, '0')}.md`, status: 'added' as const }));

  it('fails hard without a checkout instead of judging a subset', async () => {
    fake.pulls[0]!.files = [...many(3001), { filename: FILE, status: 'modified' }];
    const r = await approvals();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GitHub listed 3000 of 3002 changed files (the API stops at 3000)');
  });

  it('uses the local git diff and says so', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'il-git-'));
    const git = (...a: string[]) => execFileSync('git', ['-C', repo, ...a], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' } }).trim();
    git('init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'incidents/2026'), { recursive: true });
    writeFileSync(join(repo, FILE), BEFORE);
    writeFileSync(join(repo, '.incident-ledger.yml'), SETTINGS);
    git('add', '-A'); git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    mkdirSync(join(repo, 'incidents/vcdb'), { recursive: true });
    for (const f of many(3001)) writeFileSync(join(repo, f.filename), '---\nid: x\n---\n');
    writeFileSync(join(repo, FILE), AFTER);
    git('add', '-A'); git('commit', '-qm', 'head');
    const head = git('rev-parse', 'HEAD');
    const pr = fake.pulls[0]!;
    pr.files = [...many(3001), { filename: FILE, status: 'modified' }];
    pr.headSha = head;
    pr.baseSha = base;
    pr.reviews.push(review('dpo-jane', 'APPROVED', head));
    const ev = reviewEvent();
    const p = ev.payload['pull_request'] as Record<string, Record<string, unknown>>;
    p['head']!['sha'] = head;
    p['base']!['sha'] = base;
    const r = await runAsAction(fake, ['github', 'approvals', '--git-dir', repo], ev, { cwd });
    expect(r.code).toBe(0);
    expect(r.summary).toContain('GitHub listed 3000 of 3002 changed files (the API stops at 3000), so the changed files come from the local git diff (3002 files).');
    expect(r.summary).toContain('approved by dpo-jane');
  });
});

describe('approval rules (pure)', () => {
  it('latest verdict per reviewer, head commit only', () => {
    expect(currentApprovers([
      { user: 'a', state: 'APPROVED', commitId: HEAD },
      { user: 'b', state: 'APPROVED', commitId: OLD_HEAD },
      { user: 'c', state: 'APPROVED', commitId: HEAD }, { user: 'C', state: 'DISMISSED', commitId: HEAD },
      { user: 'd', state: 'APPROVED', commitId: HEAD }, { user: 'd', state: 'COMMENTED', commitId: HEAD },
    ], HEAD)).toEqual(['a', 'd']);
  });

  it('the shipped settings name approvers for every role the shipped lifecycle asks for', () => {
    const approvers = parseApprovers(readFileSync(join(PACKAGE_ROOT, '.incident-ledger.yml'), 'utf8'));
    const roles = shippedLifecycle().phases.flatMap((p) => p.gate?.approval?.from ?? []);
    expect(roles.length).toBeGreaterThan(0);
    for (const r of roles) expect(Object.keys(approvers)).toContain(r);
  });

  it('reads only the approvers block, rejecting aliases and unknown keys', () => {
    expect(parseApprovers(SETTINGS)).toEqual({ legal: { users: ['dpo-jane'], teams: ['acme/legal'] }, ciso: { users: ['ciso-alex'] } });
    expect(parseApprovers('')).toEqual({});
    expect(() => parseApprovers('approvers:\n  legal: { user: [x] }\n')).toThrow(ApproversConfigError);
    expect(() => parseApprovers('a: &x [1]\napprovers: { legal: { users: *x } }\n')).toThrow(/aliases/);
  });
});
