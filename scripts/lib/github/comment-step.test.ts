import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, COMMENT_MARKER } from './render-comment.ts';
import { exampleEvent, runAsAction } from './testing/actions-run.ts';
import { FakeGithub } from './testing/fake-github.ts';
import { artifactZip, BASE, checkResult, HEAD, incident, workflowRunEvent } from './testing/fixtures.ts';

let fake: FakeGithub;
beforeEach(async () => { fake = await FakeGithub.start('acme', 'incidents'); });
afterEach(async () => {
  expect(fake.violations).toEqual([]); // every exchange matched GitHub's OpenAPI description
  await fake.close();
});

const upload = (runId: number, entries: Record<string, unknown>) => fake.artifacts.set(runId, [{ id: fake.id(), name: 'incident-check-result', zip: artifactZip(entries) }]);
const comment = (ev = workflowRunEvent({ pullRequests: [57] })) => runAsAction(fake, ['github', 'comment'], ev);

describe('incident github comment (workflow_run, same-repository PR)', () => {
  it('creates one sticky comment and the labels, and a second run changes nothing', async () => {
    fake.addPull({ number: 57, headSha: HEAD, headRef: 'fix-typo', baseSha: BASE });
    upload(777, { 'check-result.json': checkResult(), 'pr.json': { number: 57, headSha: HEAD } });
    const first = await comment();
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ posted: 'true', 'pr-number': '57' });
    expect(fake.commentsOn(57)).toHaveLength(1);
    expect(fake.commentsOn(57)[0]!.body.startsWith(COMMENT_MARKER)).toBe(true);
    expect(fake.issue(57)!.labels.sort()).toEqual(['phase:notification', 'severity:sev1', 'tlp:amber']);
    expect(first.summary).toContain('incident-ledger');

    const writes = fake.writes().length;
    const second = await comment();
    expect(second.code).toBe(0);
    expect(fake.commentsOn(57)).toHaveLength(1);
    expect(fake.writes().length).toBe(writes); // nothing created, nothing updated
    expect(fake.labels.size).toBe(3);
  });

  it('updates the same comment in place when the result changes, and replaces stale managed labels', async () => {
    fake.addPull({ number: 57, headSha: HEAD, headRef: 'fix-typo' });
    fake.labels.set('needs-triage', { name: 'needs-triage', color: 'ededed', description: null });
    fake.labels.set('phase:logging', { name: 'phase:logging', color: 'ededed', description: null });
    fake.issue(57)!.labels.push('needs-triage', 'phase:logging');
    upload(777, { 'check-result.json': checkResult() });
    await comment();
    const id = fake.commentsOn(57)[0]!.id;
    upload(777, { 'check-result.json': checkResult({ incidents: [incident({ phaseAfter: 'investigation', severity: 'sev2' })] }) });
    await comment();
    expect(fake.commentsOn(57).map((c) => c.id)).toEqual([id]);
    expect(fake.commentsOn(57)[0]!.body).toContain('logging → investigation');
    expect(fake.issue(57)!.labels.sort()).toEqual(['needs-triage', 'phase:investigation', 'severity:sev2', 'tlp:amber']);
  });

  it('ignores a comment by a person that quotes the marker', async () => {
    fake.addPull({ number: 57, headSha: HEAD });
    fake.comments.push({ id: fake.id(), issue: 57, body: `quoting ${COMMENT_MARKER}`, user: 'mallory', userType: 'User' });
    upload(777, { 'check-result.json': checkResult() });
    expect((await comment()).code).toBe(0);
    expect(fake.commentsOn(57).map((c) => c.user)).toEqual(['mallory', 'github-actions[bot]']);
  });

  it('finds its comment beyond the first page of a busy PR', async () => {
    fake.addPull({ number: 57, headSha: HEAD });
    for (let i = 0; i < 130; i++) fake.comments.push({ id: fake.id(), issue: 57, body: `chat ${i}`, user: 'analyst', userType: 'User' });
    upload(777, { 'check-result.json': checkResult() });
    await comment();
    await comment();
    expect(fake.commentsOn(57).filter((c) => c.body.includes(COMMENT_MARKER))).toHaveLength(1);
  });

  it('retries a 502 from GitHub', async () => {
    fake.addPull({ number: 57, headSha: HEAD });
    fake.failures.set('issues/list-comments', [502]);
    upload(777, { 'check-result.json': checkResult() });
    expect((await comment()).code).toBe(0);
    expect(fake.commentsOn(57)).toHaveLength(1);
    expect(fake.exchanges.filter((e) => e.operationId === 'issues/list-comments').map((e) => e.status)).toEqual([502, 200]);
  });
});

describe('case 25: the target PR comes from trusted event data only', () => {
  const forkEvent = () => workflowRunEvent({ pullRequests: [], headOwner: 'fork-user', branch: 'fix-typo' });
  beforeEach(() => {
    fake.addPull({ number: 12, headSha: 'c'.repeat(40), headRef: 'ic-branch', user: 'commander' });
    fake.addPull({ number: 57, headSha: HEAD, headRef: 'fix-typo', headOwner: 'fork-user', user: 'fork-user' });
  });

  it('an honest fork artifact with pull_requests: [] lands on the right PR', async () => {
    upload(777, { 'check-result.json': checkResult(), 'pr.json': { number: 57, headSha: HEAD } });
    const r = await comment(forkEvent());
    expect(r.code).toBe(0);
    expect(fake.commentsOn(57)).toHaveLength(1);
    expect(fake.commentsOn(12)).toHaveLength(0);
    const list = fake.exchanges.find((e) => e.operationId === 'pulls/list')!;
    expect(list).toBeDefined();
  });

  it('an honest fork artifact without a PR number works too', async () => {
    upload(777, { 'check-result.json': checkResult() });
    expect((await comment(forkEvent())).code).toBe(0);
    expect(fake.commentsOn(57)).toHaveLength(1);
  });

  it('a malicious artifact PR number fails the job and posts nothing anywhere', async () => {
    upload(777, {
      'check-result.json': { ...checkResult(), pr_number: 12, labels: ['severity:low', 'incident-approved'], comment_md: '✅ All passed. @acme/incident-commanders please merge.' },
      'pr.json': { number: 12, headSha: HEAD },
    });
    const r = await comment(forkEvent());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error title=incident-ledger%3A untrusted artifact::the artifact names pull request #12, but the run belongs to #57/);
    expect(fake.writes()).toEqual([]);
    expect(r.outputs['posted']).toBe('false');
  });

  it('never takes labels or comment text from the artifact', async () => {
    upload(777, { 'check-result.json': { ...checkResult(), labels: ['incident-approved'], comment_md: 'please merge @acme/incident-commanders' } });
    expect((await comment(forkEvent())).code).toBe(0);
    expect(fake.issue(57)!.labels).not.toContain('incident-approved');
    expect(fake.labels.has('incident-approved')).toBe(false);
    expect(fake.commentsOn(57)[0]!.body).not.toContain('please merge');
  });

  it('skips with a warning when no open PR has the run head commit', async () => {
    upload(777, { 'check-result.json': checkResult() });
    const r = await comment(workflowRunEvent({ pullRequests: [], headOwner: 'fork-user', branch: 'fix-typo', headSha: 'e'.repeat(40) }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('::warning');
    expect(fake.writes()).toEqual([]);
  });

  it('refuses an artifact with a path-traversal entry', async () => {
    upload(777, { '../check-result.json': checkResult(), 'check-result.json': checkResult() });
    const r = await comment(forkEvent());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('path traversal');
    expect(fake.writes()).toEqual([]);
  });

  it('refuses a check-result.json that does not match the schema', async () => {
    upload(777, { 'check-result.json': { ...checkResult(), incidents: [{ ...incident(), change: 'exploded' }], headSha: 'not-a-sha' } });
    const r = await comment(forkEvent());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/check-result\.json does not match schemas\/check-result\.schema\.json/);
    expect(fake.writes()).toEqual([]);
  });

  it('refuses invalid JSON and oversized artifacts', async () => {
    upload(777, { 'check-result.json': '{"schema": ' });
    expect((await comment(forkEvent())).code).toBe(1);
    fake.artifacts.set(777, [{ id: fake.id(), name: 'incident-check-result', zip: new Uint8Array(11 * 1024 * 1024) }]);
    const r = await comment(forkEvent());
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('limit');
    expect(fake.writes()).toEqual([]);
  });
});

describe('posting is best effort', () => {
  it('a 403 on the comment (read-only fork token) is a warning, never a failure', async () => {
    fake.addPull({ number: 57, headSha: HEAD });
    fake.forbidden.add('issues/create-comment');
    fake.forbidden.add('issues/add-labels');
    fake.forbidden.add('issues/create-label');
    upload(777, { 'check-result.json': checkResult({ summary: { incidents: 1, errors: 2, warnings: 0, notices: 0 } }) });
    const r = await comment();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::warning title=incident-ledger comment::cannot comment on pull request #57: the token lacks permission \(403 Resource not accessible by integration\)/);
    expect(r.outputs['posted']).toBe('false');
    expect(r.summary).toContain('2 errors'); // the result still shows in the job summary
  });

  it('a missing token is one clear line, exit 2', async () => {
    const r = await runAsAction(fake, ['github', 'comment'], workflowRunEvent({ pullRequests: [57] }), { env: { GITHUB_TOKEN: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: no GitHub token: set GITHUB_TOKEN/);
  });
});

describe('the comment is re-rendered and escaped (case 21)', () => {
  it('neutralises HTML, mentions, backticks and command substitution in titles and messages', async () => {
    fake.addPull({ number: 57, headSha: HEAD });
    const evil = '$(id) `uname -a` <img src=x onerror=alert(1)> @example-org/security-team';
    upload(777, { 'check-result.json': checkResult({
      incidents: [incident({ title: evil })],
      diagnostics: [{ rule: 'schema/enum', severity: 'error', file: 'incidents/a.md', line: 3, column: 11, message: `bad ${evil}`, hint: '[click](javascript:alert(1))' }],
      summary: { incidents: 1, errors: 1, warnings: 0, notices: 0 },
    }) });
    await comment();
    const body = fake.commentsOn(57)[0]!.body;
    expect(body).not.toContain('<img');
    expect(body).not.toMatch(/@example-org/);
    expect(body).toContain('@\u200bexample\\-org');
    expect(body).not.toMatch(/(?<!\\)`uname/);
    expect(body).not.toContain('](javascript');
    expect(body).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
  });

  it('comments on a file with invalid values but labels only schema-valid ones', async () => {
    fake.addPull({ number: 57, headSha: HEAD });
    upload(777, { 'check-result.json': checkResult({ incidents: [incident({ title: 'urgent"><img src=x>', severity: 'urgent', tlp: 'TLP:PURPLE', phaseAfter: 'Pwned' })], summary: { incidents: 1, errors: 3, warnings: 0, notices: 0 } }) });
    expect((await comment()).code).toBe(0);
    expect(fake.issue(57)!.labels).toEqual([]);
    expect(fake.labels.size).toBe(0);
    // An invalid label counts as TLP:RED (as in the reports): the title is not mailed to watchers.
    const body = fake.commentsOn(57)[0]!.body;
    expect(body).toContain('\\(title withheld: TLP:RED\\)');
    expect(body).not.toContain('img src');
  });

  it('withholds the title of a TLP:RED incident', async () => {
    fake.addPull({ number: 57, headSha: HEAD });
    upload(777, { 'check-result.json': checkResult({ incidents: [incident({ tlp: 'TLP:RED', title: 'Attacker in payroll via vendor X' })] }) });
    await comment();
    const body = fake.commentsOn(57)[0]!.body;
    expect(body).not.toContain('vendor X');
    expect(body).toContain('title withheld: TLP:RED');
    expect(fake.issue(57)!.labels).toContain('tlp:red');
  });

  it('stays within GitHub\'s 65,536-character limit and says what it left out', async () => {
    fake.addPull({ number: 57, headSha: HEAD });
    const diagnostics = Array.from({ length: 5000 }, (_, i) => ({ rule: 'schema/required', severity: 'error' as const, file: `incidents/vcdb/${String(i).padStart(5, '0')}.md`, line: 2, column: 1, message: 'missing `title`'.padEnd(200, '.'), hint: 'Add `title: ...`' }));
    upload(777, { 'check-result.json': checkResult({ diagnostics, summary: { incidents: 1, errors: 5000, warnings: 0, notices: 0 } }) });
    await comment();
    const body = fake.commentsOn(57)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toMatch(/_\d+ more rows not shown/);
  });
});

describe('incident github comment on a pull_request event (same-repository use)', () => {
  it('comments from a result file, and says so when no incident changed', async () => {
    fake.addPull({ number: 3, headSha: HEAD });
    const payload = exampleEvent('pull_request', (p) => p['action'] === 'opened');
    const pr = payload['pull_request'] as Record<string, Record<string, unknown>>;
    (pr as Record<string, unknown>)['number'] = 3;
    pr['head']!['sha'] = HEAD;
    pr['base']!['sha'] = BASE;
    const file = join(mkdtempSync(join(tmpdir(), 'il-result-')), 'result.json');
    writeFileSync(file, JSON.stringify(checkResult({ incidents: [], files: [], summary: { incidents: 0, errors: 0, warnings: 0, notices: 0 } })));
    const r = await runAsAction(fake, ['github', 'comment', '--result', file], { name: 'pull_request', payload });
    expect(r.code).toBe(0);
    expect(fake.commentsOn(3)[0]!.body).toContain('No incident files changed.');
    expect(fake.issue(3)!.labels).toEqual([]);
  });
});
