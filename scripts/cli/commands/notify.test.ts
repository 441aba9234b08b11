// incident notify: late notices (per the deadline engine) and notices recorded twice, through the
// real CLI in a temp git repository; the PR check then judges the result as notify said it would.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { PACKAGE_ROOT } from '../../lib/io/shipped-schemas.ts';
import { capture, featureBranchRepo, tempRepo } from '../test-support.ts';

const R7WM = 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md';
// R7WM: GDPR Art 33 and the NIS2 notification are due 2026-11-21T06:00:00Z, neither sent yet.
const GDPR = ['notify', 'INC-20261118-R7WM', '--regime', 'gdpr-art33', '--stage', 'notification', '--recipient', 'HmbBfDI'];
const ON_TIME = ['--sent-at', '2026-11-20T09:00:00Z'];
const LATE = ['--sent-at', '2026-11-22T09:00:00Z'];
const REASON = ['--late-reason', 'forensic scope unclear until 2026-11-21'];

/** The shipped settings, with the PR check's level for late notices without a reason. */
const settings = (level: 'error' | 'warning') => readFileSync(join(PACKAGE_ROOT, '.incident-ledger.yml'), 'utf8').replace('late_without_reason: error', `late_without_reason: ${level}`);

interface Row {
  name: string;
  level: 'error' | 'warning';
  /** Notify runs before the one under test (each must succeed). */
  before?: string[][];
  argv: string[];
  exit: number;
  /** stderr, exactly (after the runs in `before`). */
  stderr: string | RegExp;
  /** Notices recorded for gdpr-art33 afterwards. */
  notices: number;
}

const rows: Row[] = [
  { name: 'on time: recorded, nothing to say', level: 'error', argv: [...GDPR, ...ON_TIME], exit: 0, stderr: '', notices: 1 },
  { name: 'late with --late-reason: recorded, nothing to say', level: 'error', argv: [...GDPR, ...LATE, ...REASON], exit: 0, stderr: '', notices: 1 },
  { name: 'late without a reason, the PR check rejects that: refused (exit 1), nothing written', level: 'error', argv: [...GDPR, ...LATE], exit: 1, notices: 0,
    stderr: 'error: this notice, sent 2026-11-22T09:00:00Z, is late: GDPR personal data breach notification to the supervisory authority (`gdpr-art33`, Regulation (EU) 2016/679 Art 33(1)) was due 2026-11-21T06:00:00Z, '
      + 'and the PR check rejects a late notice without a reason; nothing was written. Run it again with --late-reason "<why it was late>", e.g. --late-reason "forensic scope unclear until 2026-11-21"\n' },
  { name: 'late without a reason, the PR check only warns: recorded with a warning naming the deadline and how to add the reason', level: 'warning', argv: [...GDPR, ...LATE], exit: 0, notices: 1,
    stderr: 'warning: this notice, sent 2026-11-22T09:00:00Z, is late: GDPR personal data breach notification to the supervisory authority (`gdpr-art33`, Regulation (EU) 2016/679 Art 33(1)) was due 2026-11-21T06:00:00Z, '
      + `and no reason is recorded; add one before the change is merged: \`late_reason: "<why it was late>"\` in notifications[5] of ${R7WM} (incident notify takes it as --late-reason)\n` },
  { name: 'a later notice after one on time is not late (the first one sent decides)', level: 'error', before: [[...GDPR, ...ON_TIME]], argv: [...GDPR, ...LATE], exit: 0, notices: 2,
    stderr: 'warning: a notice for gdpr-art33/notification is already recorded (notifications[5], sent_at 2026-11-20T09:00:00Z); this one is recorded as a further notice\n' },
  { name: 'a second notice for the same regime and stage: recorded with a warning naming the first and its sent_at', level: 'error', before: [[...GDPR, ...ON_TIME]],
    argv: [...GDPR, '--sent-at', '2026-11-20T10:00:00Z', '--reference', 'HH-2026-7'], exit: 0, notices: 2,
    stderr: 'warning: a notice for gdpr-art33/notification is already recorded (notifications[5], sent_at 2026-11-20T09:00:00Z); this one is recorded as a further notice\n' },
  { name: 'the same regime, another stage: no warning', level: 'error', before: [[...GDPR, ...ON_TIME]], argv: [...GDPR.slice(0, 5), 'intermediate', ...GDPR.slice(6), '--sent-at', '2026-11-20T10:00:00Z'], exit: 0, stderr: '', notices: 2 },
  { name: 'an exact duplicate: refused (exit 1), nothing written', level: 'error', before: [[...GDPR, ...ON_TIME]], argv: [...GDPR, ...ON_TIME], exit: 1, notices: 1,
    stderr: `error: this notice is already recorded, to the same recipient at the same time (notifications[5] in ${R7WM}: gdpr-art33 notification to HmbBfDI, sent 2026-11-20T09:00:00Z); nothing was written. `
      + 'A further notice for the same stage needs its own --sent-at (and --reference, if it has one)\n' },
  { name: 'an exact duplicate, the time written with another offset: refused', level: 'error', before: [[...GDPR, ...ON_TIME]], argv: [...GDPR, '--sent-at', '2026-11-20T10:00:00+01:00'], exit: 1, notices: 1,
    stderr: /^error: this notice is already recorded, to the same recipient at the same time \(notifications\[5\]/ },
  { name: 'an exact duplicate of a stakeholder notice: refused', level: 'error', before: [['notify', 'INC-20261118-R7WM', '--stakeholder', 'legal', '--stage', 'internal', '--recipient', 'General counsel', ...ON_TIME]],
    argv: ['notify', 'INC-20261118-R7WM', '--stakeholder', 'legal', '--stage', 'internal', '--recipient', 'General counsel', ...ON_TIME], exit: 1, notices: 0, stderr: /^error: this notice is already recorded, to the same recipient at the same time/ },
  { name: 'sent before the incident was detected (a typo in the year): refused, nothing written', level: 'error', argv: [...GDPR, '--sent-at', '2025-11-20T09:00:00Z'], exit: 1, notices: 0,
    stderr: /error +notification 6 is recorded as sent \(2025-11-20T09:00:00Z\) before the incident was detected \(2026-11-18T02:12:00Z\); a notice goes out after detection {2}\[timestamps\/order\][\s\S]*nothing was written\n$/ },
  { name: 'the same recipient at the same instant, with fewer details than the recorded one: still a repeat, refused', level: 'error',
    before: [[...GDPR, ...ON_TIME, '--reference', 'HH-2026-7', '--channel', 'portal']], argv: [...GDPR, ...ON_TIME], exit: 1, notices: 1,
    stderr: /^error: this notice is already recorded, to the same recipient at the same time \(notifications\[5\]/ },
];

function gdprNotices(root: string): number {
  return readFileSync(join(root, R7WM), 'utf8').split('\n').filter((l) => /^\s+- \{ regime_id: gdpr-art33,/.test(l)).length;
}

describe('notify: late notices and notices recorded twice', () => {
  it.each(rows)('$name', async (row) => {
    const repo = tempRepo();
    try {
      writeFileSync(join(repo.root, '.incident-ledger.yml'), settings(row.level));
      for (const argv of row.before ?? []) {
        const c = capture(repo.root);
        expect(await main(argv, c.io), c.err()).toBe(0);
      }
      const before = readFileSync(join(repo.root, R7WM));
      const c = capture(repo.root);
      expect(await main(row.argv, c.io)).toBe(row.exit);
      if (typeof row.stderr === 'string') expect(c.err()).toBe(row.stderr);
      else expect(c.err()).toMatch(row.stderr);
      if (row.exit === 0) expect(c.out()).toMatch(/^✔ recorded notice /);
      else expect(readFileSync(join(repo.root, R7WM)).equals(before), 'nothing written').toBe(true);
      expect(gdprNotices(repo.root)).toBe(row.notices);
    } finally {
      repo.cleanup();
    }
  });

  it.each([
    ['error', [...GDPR, ...LATE, ...REASON], undefined],
    ['warning', [...GDPR, ...LATE], 'warning'],
  ] as const)('the PR check agrees (late_without_reason: %s): what notify records is not rejected for lateness', async (level, argv, severity) => {
    const repo = featureBranchRepo((root) => writeFileSync(join(root, '.incident-ledger.yml'), settings(level)));
    try {
      const c = capture(repo.root);
      expect(await main(argv, c.io), c.err()).toBe(0);
      const result = await repo.commitAndCheck('2026-11-23T00:00:00Z');
      const late = result.diagnostics.filter((d) => d.rule === 'deadline/late-without-reason');
      expect(late.map((d) => d.severity)).toEqual(severity ? [severity] : []);
      expect(result.diagnostics.some((d) => d.rule === 'deadline/overdue' && d.message.includes('nis2-notification')), 'the check judged deadlines').toBe(true);
    } finally {
      repo.cleanup();
    }
  });
});

describe('notify: a notice dated before one already recorded', () => {
  it('carries late_record, so the PR check does not reject it as backdated', async () => {
    const repo = featureBranchRepo();
    try {
      // The NIS2 early warning is recorded as sent 2026-11-18T20:05Z; this notice went out before it.
      const c = capture(repo.root);
      expect(await main(['notify', 'INC-20261118-R7WM', '--regime', 'gdpr-art33', '--stage', 'initial', '--recipient', 'HmbBfDI', '--sent-at', '2026-11-18T19:00:00Z'], c.io), c.err()).toBe(0);
      expect(readFileSync(join(repo.root, R7WM), 'utf8')).toMatch(/regime_id: gdpr-art33.*late_record: "recorded by incident notify after later notices"/);
      const result = await repo.commitAndCheck('2026-11-19T00:00:00Z');
      expect(result.incidents).toHaveLength(1);
      expect(result.diagnostics.filter((d) => d.rule.startsWith('append-only/'))).toEqual([]);
    } finally {
      repo.cleanup();
    }
  });
});
