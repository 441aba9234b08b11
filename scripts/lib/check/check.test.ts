import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { readShippedJson } from '../io/shipped-schemas.ts';
import { compileShipped } from '../validate/ajv.ts';
import type { CheckResult, CheckedIncident } from './check-result.ts';
import { advancePhishing, captureIo, EXAMPLES, exampleRepo, PHISHING_HISTORY, TestRepo } from './test-repo.ts';

/**
 * `incident check` on real repositories: each case branches `feature` off a main branch holding
 * the four example incidents, edits, commits and runs the CLI in-process with --format json.
 */
const P = EXAMPLES.phishing; // detection
const R = EXAMPLES.ransomware; // notification
const X = EXAMPLES.invoice; // closed (via the closing shortcut)
const K = EXAMPLES.stuffing; // final-report

const PHISHING_LAST_TIMELINE = '  - { at: 2026-11-30T08:52:00Z, by: m.okafor, kind: decision, entry: "Acknowledged; pulling message headers and checking who clicked." }\n';
const R7WM_LAST_HISTORY = '  - { phase: notification, entered_at: 2026-11-18T07:15:00Z, by: a.ng }\n';


async function check(repo: TestRepo, base = 'main', extra: string[] = []): Promise<{ code: number; result: CheckResult; stderr: string }> {
  const c = captureIo(repo.dir);
  const code = await main(['check', '--at', '2026-11-18T05:00:00Z', '--base', base, '--format', 'json', ...extra], c.io);
  return { code, result: JSON.parse(c.text() || 'null') as CheckResult, stderr: c.errText() };
}

/** The contract consumers check the artifact against (schemas/check-result.schema.json). */
const validResult = compileShipped(readShippedJson('schemas/check-result.schema.json') as object);

/** [severity, rule, file, line] of every finding, for exact comparison. */
function findings(r: CheckResult): string[] {
  return r.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.file}:${d.line}`);
}

interface Case {
  name: string;
  /** Committed on main before the feature branch is created (the merged state). */
  base?: (r: TestRepo) => void;
  /** The pull request's change, committed on `feature`. */
  change: (r: TestRepo) => void;
  exit: 0 | 1;
  /** Exact findings as `severity rule file:line`. */
  findings?: string[];
  /** Findings that must be among them (when the full list is long, e.g. gates). */
  includes?: string[];
  incidents?: Partial<CheckedIncident>[];
  /** Extra assertions on the result. */
  then?: (r: CheckResult) => void;
}

const CASES: Case[] = [
  {
    name: 'a legal one-step advance passes and names the gate passed',
    change: (r) => advancePhishing(r),
    exit: 0, findings: [],
    incidents: [{ id: 'INC-20261130-4HQP', file: P, previousFile: null, change: 'modified', phaseBefore: 'detection', phaseAfter: 'preliminary-analysis', gatesPassed: ['detection'], approvalsRequired: [], title: 'Payroll-themed phishing email reported by finance staff', severity: null, tlp: 'TLP:AMBER', errors: 0, warnings: 0 }],
  },
  {
    name: 'a multi-step advance with every gate satisfied passes',
    base: (r) => {
      r.replace(R, 'phase: notification\n', 'phase: detection\n');
      r.replace(R, /  - \{ phase: preliminary-analysis.*\n  - \{ phase: logging.*\n  - \{ phase: notification.*\n/, '');
    },
    change: (r) => r.write(R, TestRepoText.ransomware),
    exit: 0, findings: [],
    incidents: [{ id: 'INC-20261118-R7WM', change: 'modified', phaseBefore: 'detection', phaseAfter: 'notification', gatesPassed: ['detection', 'preliminary-analysis', 'logging'], approvalsRequired: [] }],
  },
  {
    name: 'leaving a gate that needs approval is a notice naming the approver',
    change: (r) => {
      r.replace(R, 'phase: notification\n', 'phase: investigation\n');
      r.replace(R, R7WM_LAST_HISTORY, R7WM_LAST_HISTORY + '  - { phase: investigation, entered_at: 2026-11-21T08:00:00Z, by: a.ng }\n');
      r.replace(R, /(  - \{ regime_id: nis2-early-warning.*\n)/, '$1' + [
        '  - { regime_id: gdpr-art33, stage: initial, recipient: HmbBfDI, sent_at: 2026-11-20T09:00:00Z, sent_by: dpo }',
        '  - { regime_id: nis2-notification, stage: notification, recipient: BSI, sent_at: 2026-11-20T10:00:00Z, sent_by: c.moreau }',
        '  - { regime_id: nis2-final, stage: final, recipient: BSI, not_required_reason: "Due one month after the notification; tracked in investigation." }',
      ].join('\n') + '\n');
    },
    exit: 0,
    findings: [`notice approval/required ${R}:5`],
    incidents: [{ phaseBefore: 'notification', phaseAfter: 'investigation', gatesPassed: ['notification'], approvalsRequired: [{ phase: 'notification', from: ['legal'] }] }],
    then: (r) => expect(r.diagnostics[0]!.message).toBe('approval required from `legal` to leave phase `notification` (Legal confirms every notice owed was sent or justified.)'),
  },
  {
    name: 'a skipped gate (detection → notification) names every missing field and section',
    change: (r) => {
      r.replace(P, 'phase: detection\n', 'phase: notification\n');
      r.replace(P, PHISHING_HISTORY, PHISHING_HISTORY + ['preliminary-analysis', 'logging', 'notification'].map((p, i) => `  - { phase: ${p}, entered_at: 2026-11-30T09:1${i}:00Z, by: m.okafor }\n`).join(''));
    },
    exit: 1,
    incidents: [{ phaseBefore: 'detection', phaseAfter: 'notification', gatesPassed: ['detection'] }],
    then: (r) => {
      const missing = r.diagnostics.filter((d) => d.rule === 'gate/missing-field').map((d) => /requires `([^`]+)`/.exec(d.message)![1]).sort();
      expect(missing).toEqual(['attack_vector', 'category.class', 'category.type', 'evidence', 'impact.functional', 'impact.information', 'impact.recoverability',
        'personal_data.involved', 'regimes', 'scope.cross_border', 'scope.jurisdictions', 'scope.services', 'scope.systems', 'severity', 'suspected_malicious',
        'timestamps.aware_at', 'timestamps.declared_at']);
      const sections = r.diagnostics.filter((d) => d.rule === 'gate/placeholder-section').map((d) => `${/`## ([^`]+)`/.exec(d.message)![1]}@${d.line}`);
      expect(sections).toEqual(['Scope@43', 'Impact@47', 'Timeline@51']);
      expect(r.diagnostics.every((d) => d.severity === 'error' && d.line > 0 && d.hint)).toBe(true);
    },
  },
  {
    name: 'the closing shortcut (preliminary-analysis → closed) for a low-value event',
    base: (r) => {
      r.replace(X, 'phase: closed\n', 'phase: preliminary-analysis\n');
      r.replace(X, /  - \{ phase: closed, .*\n/, '');
    },
    change: (r) => r.write(X, TestRepoText.invoice),
    exit: 0, findings: [],
    incidents: [{ phaseBefore: 'preliminary-analysis', phaseAfter: 'closed', gatesPassed: ['preliminary-analysis'] }],
  },
  {
    name: 'the closing shortcut without its condition names the condition',
    base: (r) => {
      r.replace(X, 'phase: closed\n', 'phase: preliminary-analysis\n');
      r.replace(X, /  - \{ phase: closed, .*\n/, '');
    },
    change: (r) => r.write(X, TestRepoText.invoice.replace(/disposition_rationale: >-\n(  .*\n)+/, '')),
    exit: 1,
    includes: [`error transition/shortcut-condition ${X}:5`],
    incidents: [{ phaseBefore: 'preliminary-analysis', phaseAfter: 'closed', gatesPassed: ['preliminary-analysis'] }],
    then: (r) => expect(r.diagnostics.find((d) => d.rule === 'transition/shortcut-condition')!.message).toContain('A false positive, a low-value event or a duplicate closes straight from preliminary analysis, with disposition_rationale'),
  },
  {
    name: 'moving back without a reopen (notification → logging) is rejected',
    change: (r) => {
      r.replace(R, 'phase: notification\n', 'phase: logging\n');
      r.replace(R, R7WM_LAST_HISTORY, R7WM_LAST_HISTORY + '  - { phase: logging, entered_at: 2026-11-19T08:00:00Z, by: a.ng, reason: "more logging needed" }\n');
    },
    exit: 1,
    includes: [`error transition/backwards ${R}:5`],
    then: (r) => expect(r.diagnostics.find((d) => d.rule === 'transition/backwards')!.message).toBe('the phase moves back from `notification` to `logging`; moving back is only allowed as a reopen from `investigation`, `final-report`, `feedback`, `closed` to `preliminary-analysis`, `investigation`'),
  },
  {
    name: 'a reopen (final-report → investigation) without reason or timeline entry is rejected',
    change: (r) => {
      r.replace(K, 'phase: final-report\n', 'phase: investigation\n');
      r.replace(K, /(  - \{ phase: final-report, .*\n)/, '$1  - { phase: investigation, entered_at: 2026-10-22T09:00:00Z, by: j.lindqvist }\n');
    },
    exit: 1,
    findings: [`error transition/reopen-without-reason ${K}:13`, `error transition/reopen-without-timeline ${K}:96`],
    incidents: [{ phaseBefore: 'final-report', phaseAfter: 'investigation', gatesPassed: [] }],
  },
  {
    name: 'a reopen with a reason and a timeline entry passes',
    change: (r) => {
      r.replace(X, 'phase: closed\n', 'phase: preliminary-analysis\n');
      r.replace(X, /(  - \{ phase: closed, .*\n)/, '$1  - { phase: preliminary-analysis, entered_at: 2026-12-01T10:00:00Z, by: s.varga, reason: "The invoice also carried employee bank details." }\n');
      r.replace(X, /(  - \{ at: 2026-11-06T09:10:00Z.*\n)/, '$1  - { at: 2026-12-01T10:00:00Z, by: s.varga, kind: decision, entry: "Reopened: employee bank details found on the invoice." }\n');
    },
    exit: 0, findings: [],
    incidents: [{ phaseBefore: 'closed', phaseAfter: 'preliminary-analysis', gatesPassed: [] }],
  },
  {
    name: 'a timeline entry edited',
    change: (r) => r.replace(P, 'Acknowledged; pulling', 'Acknowledged, pulling'),
    exit: 1, findings: [`error append-only/edited ${P}:27`],
    then: (r) => {
      expect(r.diagnostics[0]!.column).toBe(70);
      expect(r.diagnostics[0]!.message).toBe('timeline entry 3 (at 2026-11-30T08:52:00Z) was edited (`entry` changed); merged entries of `timeline` are never edited');
    },
  },
  {
    name: 'a timeline entry deleted',
    change: (r) => r.replace(P, /  - \{ at: 2026-11-30T08:34:00Z.*\n/, ''),
    exit: 1, findings: [`error append-only/removed ${P}:26`],
    then: (r) => expect(r.diagnostics[0]!.message).toContain('timeline entry 2 (at 2026-11-30T08:34:00Z) (line 26 in the base version) was removed'),
  },
  {
    name: 'timeline entries reordered',
    change: (r) => r.replace(P, /(  - \{ at: 2026-11-30T08:34:00Z.*\n)(  - \{ at: 2026-11-30T08:52:00Z.*\n)/, '$2$1'),
    exit: 1, findings: [`error append-only/reordered ${P}:27`, `error timeline/unsorted ${P}:27`],
    then: (r) => expect(r.diagnostics[0]!.message).toBe("timeline entry 2 (at 2026-11-30T08:34:00Z) was moved to position 3; merged entries of `timeline` keep their order"),
  },
  {
    name: 'a new timeline entry backdated before the last merged one',
    change: (r) => r.replace(P, PHISHING_LAST_TIMELINE, PHISHING_LAST_TIMELINE + '  - { at: 2026-11-30T08:40:00Z, by: m.okafor, kind: action, entry: "Blocked the sender domain." }\n'),
    exit: 1, findings: [`error append-only/backdated ${P}:28`, `error timeline/unsorted ${P}:28`],
  },
  {
    name: 'a late record with its reason, inserted in time order, passes',
    change: (r) => r.replace(P, PHISHING_LAST_TIMELINE, '  - { at: 2026-11-30T08:40:00Z, by: m.okafor, kind: action, entry: "Blocked the sender domain.", late_record: "Done by phone; written up after the morning call." }\n' + PHISHING_LAST_TIMELINE),
    exit: 0, findings: [],
  },
  {
    name: 'a late record whose reason is a placeholder (TODO) is still backdated',
    change: (r) => r.replace(P, PHISHING_LAST_TIMELINE, '  - { at: 2026-11-30T08:40:00Z, by: m.okafor, kind: action, entry: "Blocked the sender domain.", late_record: "TODO" }\n' + PHISHING_LAST_TIMELINE),
    exit: 1, includes: [`error append-only/backdated ${P}:27`],
  },
  {
    name: 'a sent notification edited',
    change: (r) => r.replace(R, 'recipient: General counsel, sent_at: 2026-11-18T03:20:00Z', 'recipient: Legal team, sent_at: 2026-11-18T03:20:00Z'),
    exit: 1, findings: [`error append-only/edited ${R}:100`],
    then: (r) => expect(r.diagnostics[0]!.message).toBe('sent notification 1 (sent_at 2026-11-18T03:20:00Z) was edited (`recipient` changed); merged entries of `notifications` are never edited'),
  },
  {
    name: 'a planned notification may be completed when it is sent',
    base: (r) => r.replace(R, '  - { regime_id: nis2-early-warning, stage: early-warning, recipient: BSI, sent_at: 2026-11-18T20:05:00Z,', '  - { regime_id: nis2-early-warning, stage: early-warning, recipient: BSI,'),
    change: (r) => r.write(R, TestRepoText.ransomware),
    exit: 0, findings: [],
  },
  {
    name: 'a new notice dated before the latest merged one needs late_record',
    change: (r) => r.replace(R, /(  - \{ regime_id: nis2-early-warning.*\n)/, '$1  - { regime_id: gdpr-art33, stage: initial, recipient: HmbBfDI, sent_at: 2026-11-18T10:00:00Z, sent_by: dpo }\n'),
    exit: 1, findings: [`error append-only/backdated ${R}:104`],
  },
  {
    name: 'a backdated notice with late_record passes',
    change: (r) => r.replace(R, /(  - \{ regime_id: nis2-early-warning.*\n)/, '$1  - { regime_id: gdpr-art33, stage: initial, recipient: HmbBfDI, sent_at: 2026-11-18T10:00:00Z, sent_by: dpo, late_record: "Portal receipt found only today." }\n'),
    exit: 0, findings: [],
  },
  {
    name: 'a regime decision edited',
    change: (r) => r.replace(R, 'cannot be ruled out.\n', 'is low.\n'),
    exit: 1, findings: [`error append-only/edited ${R}:69`],
  },
  {
    name: 'an undetermined regime may be decided',
    base: (r) => r.replace(R, /(  - id: nis2-final\n)    applicable: "yes"\n/, '$1    applicable: "undetermined"\n    owner: c.moreau\n'),
    change: (r) => r.write(R, TestRepoText.ransomware),
    exit: 0, findings: [],
  },
  {
    name: 'a phase_history entry edited',
    change: (r) => r.replace(R, R7WM_LAST_HISTORY, R7WM_LAST_HISTORY.replace('07:15', '07:10')),
    exit: 1, findings: [`error append-only/edited ${R}:10`],
  },
  {
    name: 'a phase_history entry added without a phase change',
    change: (r) => r.replace(R, R7WM_LAST_HISTORY, R7WM_LAST_HISTORY + '  - { phase: investigation, entered_at: 2026-11-19T08:00:00Z, by: a.ng }\n'),
    exit: 1, includes: [`error phase-history/mismatch ${R}:11`],
  },
  {
    name: 'a new phase_history entry dated before the previous one',
    change: (r) => {
      r.replace(R, 'phase: notification\n', 'phase: investigation\n');
      r.replace(R, R7WM_LAST_HISTORY, R7WM_LAST_HISTORY + '  - { phase: investigation, entered_at: 2026-11-18T07:00:00Z, by: a.ng }\n');
    },
    exit: 1, includes: [`error phase-history/backdated ${R}:11`],
  },
  {
    name: 'immutable detected_at changed',
    change: (r) => r.replace(P, 'detected_at: 2026-11-30T08:31:00Z', 'detected_at: 2026-11-30T08:30:00Z'),
    exit: 1, findings: [`error immutable/changed ${P}:21`],
  },
  {
    name: 'detected_at rewritten as the same instant with another offset is no change',
    change: (r) => r.replace(P, 'detected_at: 2026-11-30T08:31:00Z', 'detected_at: 2026-11-30T09:31:00+01:00'),
    exit: 0, findings: [],
  },
  {
    name: 'values of a TLP:RED incident are withheld from messages',
    base: (r) => r.replace(P, 'tlp: TLP:AMBER\n', 'tlp: TLP:RED\n'),
    change: (r) => r.replace(P, 'detected_at: 2026-11-30T08:31:00Z', 'detected_at: 2026-11-30T08:30:00Z'),
    exit: 1, findings: [`error immutable/changed ${P}:21`],
    incidents: [{ title: '(title withheld: TLP:RED)', tlp: 'TLP:RED' }],
    then: (r) => {
      expect(r.diagnostics[0]!.message).toBe('`timestamps.detected_at` changed from (withheld: TLP:RED) to (withheld: TLP:RED); it never changes once merged');
      expect(JSON.stringify(r)).not.toMatch(/08:3[01]:00Z/);
    },
  },
  {
    name: 'a record whose tlp is not a valid label is withheld like TLP:RED (title, malformed severity, label)',
    change: (r) => {
      r.replace(P, 'tlp: TLP:AMBER\n', 'tlp: "TLP: RED"\nseverity: OSPREY-HOLD\n');
      r.replace(P, 'detected_at: 2026-11-30T08:31:00Z', 'detected_at: 2026-11-30T08:30:00Z');
    },
    exit: 1,
    includes: [`error immutable/changed ${P}:22`],
    incidents: [{ title: '(title withheld: TLP:RED)', severity: '(withheld)', tlp: '(invalid)' }],
    // The base version was TLP:AMBER, so its old value may be named; the new one may not.
    then: (r) => { const j = JSON.stringify(r); for (const s of ['OSPREY', 'Payroll-themed', '08:30:00Z', 'TLP: RED']) expect(j, s).not.toContain(s); },
  },
  {
    // Judged against the real time of the run, not --at (which may be a past instant for deadlines).
    name: 'a new timeline entry dated in the future is refused',
    change: (r) => r.replace(P, PHISHING_LAST_TIMELINE, PHISHING_LAST_TIMELINE + '  - { at: 2099-01-01T00:00:00Z, by: m.okafor, kind: action, entry: "Blocked the sender domain." }\n'),
    exit: 1, includes: [`error append-only/future ${P}:28`],
    then: (r) => expect(r.diagnostics.find((d) => d.rule === 'append-only/future')!.message).toMatch(/^new timeline entry is dated 2099-01-01T00:00:00Z, after the time of this check \(20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ\); entries record what has already happened$/),
  },
  {
    name: 'lowering the label without a decision in the timeline is refused (and noticed)',
    change: (r) => r.replace(P, 'tlp: TLP:AMBER\n', 'tlp: TLP:CLEAR\n'),
    exit: 1,
    findings: [`error transition/tlp-lowered-without-decision ${P}:8`, `notice transition/tlp-lowered ${P}:8`],
  },
  {
    name: 'lowering the label with a decision entry passes, with a notice for reviewers',
    change: (r) => {
      r.replace(P, 'tlp: TLP:AMBER\n', 'tlp: TLP:GREEN\n');
      r.replace(P, PHISHING_LAST_TIMELINE, PHISHING_LAST_TIMELINE + '  - { at: 2026-11-30T09:30:00Z, by: m.okafor, kind: decision, entry: "Reclassified TLP:AMBER → TLP:GREEN for the sector ISAC; agreed by the CISO." }\n');
    },
    exit: 0,
    findings: [`notice transition/tlp-lowered ${P}:8`],
  },
  {
    name: "an indicator's own label lowered needs a decision too (the record stays)",
    base: (r) => r.replace(P, 'tlp: TLP:AMBER\n', 'tlp: TLP:CLEAR\n'),
    change: (r) => r.replace(P, 'value: brightwater-payro11.example, tlp: TLP:AMBER }', 'value: brightwater-payro11.example, tlp: TLP:CLEAR }'),
    exit: 1,
    findings: [`error transition/tlp-lowered-without-decision ${P}:29`, `notice transition/tlp-lowered ${P}:29`],
    then: (r) => expect(r.diagnostics.find((d) => d.rule === 'transition/tlp-lowered')!.message).toContain('indicator 1 TLP:AMBER → TLP:CLEAR'),
  },
  {
    name: "a section's marker lowered or removed needs a decision too",
    base: (r) => r.replace(P, '## Scope\n', '## Scope\n<!-- tlp: TLP:RED -->\n'),
    change: (r) => r.replace(P, '## Scope\n<!-- tlp: TLP:RED -->\n', '## Scope\n'),
    exit: 1,
    findings: [`error transition/tlp-lowered-without-decision ${P}:40`, `notice transition/tlp-lowered ${P}:40`],
    then: (r) => expect(r.diagnostics.find((d) => d.rule === 'transition/tlp-lowered')!.message).toContain('section `scope` TLP:RED → TLP:AMBER'),
  },
  {
    name: 'a decision entry that does not name the label (e.g. a reopen note) does not count',
    change: (r) => {
      r.replace(P, 'tlp: TLP:AMBER\n', 'tlp: TLP:GREEN\n');
      r.replace(P, PHISHING_LAST_TIMELINE, PHISHING_LAST_TIMELINE + '  - { at: 2026-11-30T09:30:00Z, by: m.okafor, kind: decision, entry: "Reopened: the supplier reported more recipients." }\n');
    },
    exit: 1,
    includes: [`error transition/tlp-lowered-without-decision ${P}:8`],
  },
  {
    name: 'raising the label needs nothing',
    change: (r) => r.replace(P, 'tlp: TLP:AMBER\n', 'tlp: TLP:RED\n'),
    exit: 0, findings: [],
  },
  {
    name: 'a TLP:RED timeline entry edited: reported without its time',
    base: (r) => r.replace(P, 'kind: decision, entry: "Acknowledged;', 'kind: decision, tlp: TLP:RED, entry: "Acknowledged;'),
    change: (r) => r.replace(P, 'Acknowledged; pulling', 'Acknowledged, pulling'),
    exit: 1, findings: [`error append-only/edited ${P}:27`],
    then: (r) => expect(r.diagnostics[0]!.message).toBe('timeline entry 3 (at (withheld: TLP:RED)) was edited (`entry` changed); merged entries of `timeline` are never edited'),
  },
  {
    name: 'the id changed',
    change: (r) => r.replace(P, 'id: INC-20261130-4HQP', 'id: INC-20261130-4HQQ'),
    exit: 1, findings: [`error id/changed ${P}:3`, `error id/file-name-mismatch ${P}:3`],
    incidents: [{ id: 'INC-20261130-4HQQ', change: 'modified' }],
  },
  {
    name: 'an incident file deleted',
    change: (r) => r.remove(P),
    exit: 1, findings: [`error file/deleted ${P}:3`],
    incidents: [{ id: 'INC-20261130-4HQP', file: P, change: 'deleted', phaseBefore: 'detection', phaseAfter: null }],
  },
  {
    name: 'a file renamed keeping its id, content unchanged',
    change: (r) => r.git('mv', P, 'incidents/2026/INC-20261130-4HQP-payroll-phishing.md'),
    exit: 0, findings: ['notice file/renamed incidents/2026/INC-20261130-4HQP-payroll-phishing.md:3'],
    incidents: [{ file: 'incidents/2026/INC-20261130-4HQP-payroll-phishing.md', previousFile: P, change: 'renamed', phaseBefore: 'detection', phaseAfter: 'detection' }],
    then: (r) => expect(r.diagnostics[0]!.message).toContain('content unchanged'),
  },
  {
    name: 'a file renamed keeping its id, with a content change',
    change: (r) => { advancePhishing(r); r.git('add', '-A'); r.git('mv', P, 'incidents/2026/INC-20261130-4HQP-payroll-phishing.md'); },
    exit: 0, findings: ['notice file/renamed incidents/2026/INC-20261130-4HQP-payroll-phishing.md:3'],
    incidents: [{ change: 'renamed', previousFile: P, phaseBefore: 'detection', phaseAfter: 'preliminary-analysis', gatesPassed: ['detection'] }],
    then: (r) => expect(r.diagnostics[0]!.message).toContain('its content changed too'),
  },
  {
    name: 'a file renamed to another id',
    change: (r) => { r.replace(P, 'id: INC-20261130-4HQP', 'id: INC-20261130-7KQF'); r.git('add', '-A'); r.git('mv', P, 'incidents/2026/INC-20261130-7KQF-payroll-phishing.md'); },
    exit: 1, findings: ['error id/changed incidents/2026/INC-20261130-7KQF-payroll-phishing.md:3'],
    incidents: [{ id: 'INC-20261130-7KQF', change: 'renamed', previousFile: P }],
  },
  {
    name: 'a new incident starting in investigation is rejected',
    change: (r) => r.write('incidents/2026/INC-20261203-7KQF-new.md', TestRepoText.phishing.replace('id: INC-20261130-4HQP', 'id: INC-20261203-7KQF').replace('phase: detection\n', 'phase: investigation\n')),
    exit: 1,
    includes: ['error transition/new-incident-phase incidents/2026/INC-20261203-7KQF-new.md:5'],
    incidents: [{ id: 'INC-20261203-7KQF', change: 'added', phaseBefore: null, phaseAfter: 'investigation' }],
  },
  {
    name: 'an imported incident (with provenance) may start later when its gates hold',
    change: (r) => r.write('incidents/2026/INC-20261203-7KQF-imported.md', TestRepoText.phishing
      .replace('id: INC-20261130-4HQP', 'id: INC-20261203-7KQF').replace('phase: detection\n', 'phase: preliminary-analysis\n')
      .replace(PHISHING_HISTORY, PHISHING_HISTORY + '  - { phase: preliminary-analysis, entered_at: 2026-11-30T09:30:00Z, by: m.okafor }\n')
      .replace('tlp: TLP:AMBER\n', 'tlp: TLP:AMBER\nprovenance: { source: thehive, original_id: "~40960", imported_at: 2026-12-02T10:00:00Z }\n')),
    exit: 0, findings: [],
    incidents: [{ id: 'INC-20261203-7KQF', change: 'added', phaseBefore: null, phaseAfter: 'preliminary-analysis', gatesPassed: ['detection'] }],
  },
  {
    name: 'a new incident reusing an existing id is a duplicate',
    change: (r) => r.write('incidents/2026/INC-20261130-4HQP-copy.md', TestRepoText.phishing),
    exit: 1, findings: ['error id/duplicate incidents/2026/INC-20261130-4HQP-copy.md:3'],
  },
  {
    name: 'a closed incident edited',
    change: (r) => r.replace(X, 'title: Supplier invoice emailed', 'title: Supplier invoice sent'),
    exit: 1, findings: [`error closed/frozen ${X}:4`],
  },
  {
    name: 'only non-incident files changed: nothing to check',
    change: (r) => { r.write('README.md', '# changed\n'); r.write('incidents/README.md', '# about\n'); r.write('docs/x.md', 'x\n'); },
    exit: 0, findings: [], incidents: [],
  },
  {
    name: 'a base version that cannot be parsed is reported, not fatal',
    base: (r) => r.replace(P, 'tlp: TLP:AMBER\n', 'tlp: [TLP:AMBER\n'),
    change: (r) => r.replace(P, 'tlp: [TLP:AMBER\n', 'tlp: TLP:AMBER\n'),
    exit: 0, findings: [`warning base/unreadable ${P}:0`],
  },
  {
    name: 'BOM and CRLF at base are read like the LF head (no change in data)',
    base: (r) => r.write(P, '\uFEFF' + TestRepoText.phishing.replace(/\n/g, '\r\n')),
    change: (r) => r.write(P, TestRepoText.phishing),
    exit: 0, findings: [],
    incidents: [{ change: 'modified', phaseBefore: 'detection', phaseAfter: 'detection', gatesPassed: [] }],
  },
];

/** Example texts, read once (the repo's copy, so edits in tests start from the shipped file). */
const TestRepoText = {} as Record<'phishing' | 'ransomware' | 'invoice', string>;

describe('incident check on real git repositories', () => {
  let parent: string;
  let template: TestRepo;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'incident-check-'));
    template = exampleRepo(parent);
    TestRepoText.phishing = template.read(P);
    TestRepoText.ransomware = template.read(R);
    TestRepoText.invoice = template.read(X);
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it.each(CASES)('$name', async (c) => {
    const repo = TestRepo.copyOf(template, parent);
    if (c.base) { c.base(repo); repo.commit('Base state'); }
    repo.git('checkout', '-q', '-b', 'feature');
    c.change(repo);
    repo.commit('Pull request change');
    const { code, result, stderr } = await check(repo);
    expect(stderr).toBe('');
    if (c.findings) expect(findings(result)).toEqual(c.findings);
    for (const f of c.includes ?? []) expect(findings(result)).toContain(f);
    if (c.incidents) expect(result.incidents).toMatchObject(c.incidents);
    c.then?.(result);
    expect(code).toBe(c.exit);
    expect(result.schema).toBe('incident-ledger/check-result@1');
    expect(validResult(result), JSON.stringify(validResult.errors)).toBe(true);
    expect(result.summary.errors).toBe(result.diagnostics.filter((d) => d.severity === 'error').length);
    for (const d of result.diagnostics) expect(d.hint, d.rule).toBeTruthy();
  });

  it('the result schema rejects what breaks the contract', () => {
    const ok = { schema: 'incident-ledger/check-result@1', base: 'main', baseSha: 'a'.repeat(40), headSha: 'b'.repeat(40), mergeBase: 'a'.repeat(40),
      files: [], incidents: [], diagnostics: [], summary: { incidents: 0, errors: 0, warnings: 0, notices: 0 } };
    expect(validResult(ok)).toBe(true);
    expect(validResult({ ...ok, baseSha: 'main' })).toBe(false);
    expect(validResult({ ...ok, schema: 'incident-ledger/check-result@2' })).toBe(false);
    expect(validResult({ ...ok, incidents: [{ id: 'INC-1', change: 'moved' }] })).toBe(false);
  });
});
