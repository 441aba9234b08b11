import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadlineMarker, planDeadlineIssues, type DeadlineRow } from './deadline-issues.ts';
import { followUpMarker } from './follow-ups.ts';
import { exampleEvent, runAsAction } from './testing/actions-run.ts';
import { FakeGithub } from './testing/fake-github.ts';

let fake: FakeGithub;
let cwd: string;
beforeEach(async () => {
  fake = await FakeGithub.start('acme', 'incidents');
  cwd = mkdtempSync(join(tmpdir(), 'il-issues-'));
  mkdirSync(join(cwd, 'incidents/2026'), { recursive: true });
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

function incidentFile(id: string, phase: string, tlp: string, items: string[]): void {
  const text = `---\nschema_version: "1.0"\nid: ${id}\ntitle: Example incident ${id}\nphase: ${phase}\ntlp: ${tlp}\naction_items:\n${items.map((i) => `  - ${i}`).join('\n')}\n---\n\n## Summary\n\nText.\n`;
  writeFileSync(join(cwd, 'incidents/2026', `${id}-example.md`), text);
}

const pushEvent = () => {
  const payload = exampleEvent('push');
  (payload['repository'] as Record<string, unknown>)['full_name'] = 'acme/incidents';
  return { name: 'push', payload };
};

describe('incident github follow-ups', () => {
  beforeEach(() => {
    incidentFile('INC-20261002-K3DN', 'feedback', 'TLP:AMBER', [
      '{ id: AI-1, description: "Enforce MFA on the customer portal @acme/everyone <b>now</b>", type: prevent, owner: it-ops, due: 2027-01-15, status: open }',
      '{ id: AI-2, description: "Rate-limit logins", type: mitigate, owner: web, due: 2027-02-01, status: open, tracker_url: "https://github.com/acme/incidents/issues/3" }',
      '{ id: AI-3, description: "Alert on credential stuffing", type: detect, owner: soc, due: 2027-02-15, status: in-progress }',
    ]);
    incidentFile('INC-20261118-R7WM', 'feedback', 'TLP:RED', ['{ id: AI-1, description: "Secret detail about the attacker infrastructure", type: prevent, owner: it-ops, due: 2027-01-15, status: open }']);
    incidentFile('INC-20261130-4HQP', 'investigation', 'TLP:AMBER', ['{ id: AI-1, description: "Not yet: not in feedback", type: prevent, owner: x, due: 2027-01-15, status: open }']);
  });

  it('opens one issue per untracked action item of a feedback-phase incident; a second run creates nothing', async () => {
    const first = await runAsAction(fake, ['github', 'follow-ups', '--out', 'follow-ups.json'], pushEvent(), { cwd });
    expect(first.code).toBe(0);
    const created = fake.issues.filter((i) => !i.isPull);
    expect(created.map((i) => i.title).sort()).toEqual([
      'INC-20261002-K3DN AI-1: Enforce MFA on the customer portal @acme/everyone <b>now</b>',
      'INC-20261002-K3DN AI-3: Alert on credential stuffing',
      'INC-20261118-R7WM AI-1: follow-up action (restricted incident)',
    ]);
    for (const i of created) expect(i.labels).toEqual(['incident-follow-up']);
    const ai1 = created.find((i) => i.body.includes(followUpMarker('INC-20261002-K3DN', 'AI-1')))!;
    expect(ai1.body).toContain('@\u200bacme/everyone &lt;b&gt;now&lt;/b&gt;');
    const red = created.find((i) => i.title.includes('R7WM'))!;
    expect(red.body).not.toContain('Secret detail'); // TLP:RED text never leaves the record
    expect(first.outputs).toMatchObject({ created: '3', linked: '3' });
    const links = JSON.parse(readFileSync(join(cwd, 'follow-ups.json'), 'utf8'));
    expect(links).toHaveLength(3);
    expect(links[0]).toMatchObject({ incident: 'INC-20261002-K3DN', item: 'AI-1', state: 'open' });

    const writes = fake.writes().length;
    const second = await runAsAction(fake, ['github', 'follow-ups'], pushEvent(), { cwd });
    expect(second.code).toBe(0);
    expect(fake.writes().length).toBe(writes);
    expect(second.outputs).toMatchObject({ created: '0', linked: '3' });
  });

  it('finds an existing issue by its marker even when it is closed and on a later page', async () => {
    for (let n = 1; n <= 120; n++) fake.issues.push({ number: n, title: `noise ${n}`, body: 'x', state: 'open', labels: [], user: 'someone' });
    fake.issues.push({ number: 121, title: 'renamed by a person', body: `${followUpMarker('INC-20261002-K3DN', 'AI-3')}\nedited`, state: 'closed', labels: [], user: 'someone' });
    fake.issues.push({ number: 122, title: 'a PR quoting the marker', body: followUpMarker('INC-20261002-K3DN', 'AI-1'), state: 'open', labels: [], user: 'x', isPull: true });
    const r = await runAsAction(fake, ['github', 'follow-ups'], pushEvent(), { cwd });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ created: '2', linked: '3' });
    expect(r.summary).toContain('[#121]');
  });

  it('dry run lists without calling GitHub', async () => {
    const r = await runAsAction(fake, ['github', 'follow-ups', '--dry-run'], pushEvent(), { cwd });
    expect(r.stdout).toContain('would ensure issue for INC-20261002-K3DN AI-1');
    expect(fake.exchanges).toEqual([]);
  });
});

describe('incident github deadline-issues', () => {
  const rows = (over: Partial<DeadlineRow>[] = []): DeadlineRow[] => [
    { incident: 'INC-20261118-R7WM', regime: 'gdpr', stage: 'initial', recipient: 'Supervisory authority', due_at: '2026-11-21T09:00:00Z', status: 'upcoming', sent_at: null, source: 'GDPR Art. 33(1)' },
    { incident: 'INC-20261118-R7WM', regime: 'nis2', stage: 'early-warning', recipient: 'CSIRT', due_at: '2026-11-19T09:00:00Z', status: 'met', sent_at: '2026-11-19T08:00:00Z', source: 'NIS2 Art. 23(4)(a)' },
    { incident: 'INC-20261118-R7WM', regime: 'nis2', stage: 'notification', recipient: 'CSIRT @acme/everyone', due_at: '2026-11-21T09:00:00Z', status: 'due-soon', sent_at: null, source: 'NIS2 Art. 23(4)(b)' },
    ...over.map((o) => ({ ...rowDefaults, ...o })),
  ];
  const rowDefaults: DeadlineRow = { incident: 'INC-20261002-K3DN', regime: 'sec', stage: '8-k', recipient: 'SEC', due_at: '2026-12-10T00:00:00Z', status: 'upcoming', sent_at: null, source: 'Item 1.05' };
  const run = (list: DeadlineRow[], now: string) => {
    writeFileSync(join(cwd, 'rows.json'), JSON.stringify(list));
    return runAsAction(fake, ['github', 'deadline-issues', '--rows', 'rows.json', '--now', now], { name: 'schedule', payload: { schedule: '0 * * * *' } }, { cwd });
  };

  it('keeps one issue per incident, updates it in place, closes it when everything is sent; reruns change nothing', async () => {
    const r1 = await run(rows([{}]), '2026-11-20T09:00:00Z');
    expect(r1.code).toBe(0);
    const issues = () => fake.issues.filter((i) => !i.isPull);
    expect(issues().map((i) => i.title).sort()).toEqual(['INC-20261002-K3DN: 1 notification due', 'INC-20261118-R7WM: 2 notifications due']);
    const writes = fake.writes().length;
    await run(rows([{}]), '2026-11-20T09:00:00Z');
    expect(fake.writes().length).toBe(writes);

    await run(rows([{}]), '2026-11-22T09:00:00Z'); // two deadlines passed
    const r7 = issues().find((i) => i.body.includes(deadlineMarker('INC-20261118-R7WM')))!;
    expect(r7.title).toBe('INC-20261118-R7WM: 2 notifications OVERDUE');
    expect(r7.labels.sort()).toEqual(['deadline-overdue', 'incident-deadline']);
    expect(r7.body).toContain('CSIRT @\u200bacme/everyone');
    expect(issues()).toHaveLength(2);

    const allSent = rows([{}]).map((r) => (r.incident === 'INC-20261118-R7WM' ? { ...r, status: 'late', sent_at: '2026-11-22T10:00:00Z' } : r));
    await run(allSent, '2026-11-23T09:00:00Z');
    expect(r7.state).toBe('closed');
    expect(r7.state_reason).toBe('completed');
    expect(r7.labels).toEqual(['incident-deadline']);
    expect(issues()).toHaveLength(2);
  });

  it('reads the watcher output (`incident deadlines --format json`) with --input, at its `at`', async () => {
    const list = [
      ...rows(),
      { ...rows()[0]!, regime: 'internal-dpo', stage: 'internal', status: 'not-applicable', due_at: null },
    ];
    writeFileSync(join(cwd, 'deadlines.json'), JSON.stringify({ schema: 'incident-ledger/deadlines@1', at: '2026-11-22T09:00:00Z', organisation: 'x', deadlines: list.map((r) => ({ ...r, title: 't', first_stage: true })) }));
    const r = await runAsAction(fake, ['github', 'deadline-issues', '--input', 'deadlines.json'], { name: 'schedule', payload: {} }, { cwd });
    expect(r.code).toBe(0);
    const issue = fake.issues.find((i) => i.body.includes(deadlineMarker('INC-20261118-R7WM')))!;
    expect(issue.title).toBe('INC-20261118-R7WM: 2 notifications OVERDUE');
    expect(issue.body).not.toContain('internal\\-dpo');
  });

  it('rejects rows without incident or status with a clear message', async () => {
    writeFileSync(join(cwd, 'rows.json'), JSON.stringify([{ regime: 'gdpr' }]));
    const r = await runAsAction(fake, ['github', 'deadline-issues', '--rows', 'rows.json'], { name: 'schedule', payload: {} }, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: rows\.json: row 0 needs string `incident` and `status`/);
  });

  it('plans deterministically from rows and the given time', () => {
    const a = planDeadlineIssues(rows([{}]), new Date('2026-11-20T09:00:00Z'));
    const b = planDeadlineIssues([...rows([{}])].reverse(), new Date('2026-11-20T09:00:00Z'));
    expect(a).toEqual(b);
    expect(a.map((p) => [p.incident, p.open, p.overdue])).toEqual([['INC-20261002-K3DN', true, false], ['INC-20261118-R7WM', true, false]]);
  });
});
