import { describe, expect, it } from 'vitest';
import { shippedRegimes } from '../io/regimes.ts';
import { deadlineFindings } from './findings.ts';
import type { Settings } from './types.ts';

const ORG: Settings = {
  version: 1,
  organisation: { name: 'Acme', time_zone: 'Europe/Berlin' },
  entity_types: { nis2: 'essential' },
  privacy: { gdpr_role: 'controller' },
  regimes: { subject_to: ['gdpr', 'nis2'] },
  internal_targets: { 'gdpr-art34': { offset: 24, unit: 'calendar-hours' } },
};
const yes = (id: string) => ({ id, applicable: 'yes', rationale: 'r', decided_by: 'legal', decided_at: '2026-11-18T06:00:00Z' });
const base = { id: 'INC-20261118-TEST', phase: 'notification', timestamps: { aware_at: '2026-11-18T06:00:00Z' } };
const at = (t: string) => Date.parse(t);

/** `rule severity pointer` per finding, for compact expectations. */
function run(incident: Record<string, unknown>, now: string, settings: Settings = ORG, policy?: Parameters<typeof deadlineFindings>[4]): string[] {
  return deadlineFindings(incident, settings, shippedRegimes(), at(now), policy).map((f) => `${f.rule} ${f.severity} ${f.pointer}`);
}

describe('deadlineFindings (for the PR check)', () => {
  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['nothing due within 24 h: no findings', { ...base, regimes: [yes('gdpr-art33')] }, '2026-11-19T05:00:00Z', []],
    ['GDPR due in 12 h: a warning at the decision', { ...base, regimes: [yes('gdpr-art33')] }, '2026-11-20T18:00:00Z', ['deadline/due-soon warning /regimes/0']],
    ['GDPR overdue, nothing sent: an error', { ...base, regimes: [yes('gdpr-art33')] }, '2026-11-21T07:00:00Z', ['deadline/overdue error /regimes/0']],
    ['overdue but a late_reason is recorded: justified, no finding',
      { ...base, regimes: [yes('gdpr-art33')], notifications: [{ regime_id: 'gdpr-art33', stage: 'initial', recipient: 'SA', late_reason: 'Scope unclear until forensic report' }] }, '2026-11-21T07:00:00Z', []],
    ['sent late without a reason: an error at the notice',
      { ...base, regimes: [yes('gdpr-art33')], notifications: [{ regime_id: 'gdpr-art33', stage: 'initial', recipient: 'SA', sent_at: '2026-11-22T09:00:00Z' }] }, '2026-11-23T00:00:00Z', ['deadline/late-without-reason error /notifications/0']],
    ['sent late with a reason: fine',
      { ...base, regimes: [yes('gdpr-art33')], notifications: [{ regime_id: 'gdpr-art33', stage: 'initial', recipient: 'SA', sent_at: '2026-11-22T09:00:00Z', late_reason: 'Authority portal outage' }] }, '2026-11-23T00:00:00Z', []],
    ['not applicable: nothing', { ...base, regimes: [{ ...yes('gdpr-art33'), applicable: 'no' }] }, '2026-12-01T00:00:00Z', []],
    ['undecided regime overdue: the undecided level (warning), at the clock field',
      { ...base, personal_data: { involved: 'yes', role: 'controller', risk: 'risk' } }, '2026-11-21T07:00:00Z', ['deadline/overdue warning /timestamps/aware_at']],
    ['non-statutory internal target overdue: at most a warning',
      { ...base, regimes: [yes('gdpr-art34')] }, '2026-11-19T07:00:00Z', ['deadline/overdue warning /regimes/0']],
  ])('%s', (_what, incident, now, want) => {
    expect(run(incident, now)).toEqual(want);
  });

  it('past preliminary analysis, a regime whose condition holds but has no decision is reported', () => {
    const inc = { ...base, personal_data: { involved: 'yes', role: 'controller', risk: 'risk' }, regimes: [yes('nis2-early-warning')],
      notifications: [{ regime_id: 'nis2-early-warning', stage: 'early-warning', recipient: 'BSI', sent_at: '2026-11-18T06:30:00Z' }] };
    expect(run(inc, '2026-11-18T07:00:00Z')).toEqual(['deadline/undecided-regime warning /regimes']);
    expect(run({ ...inc, phase: 'preliminary-analysis' }, '2026-11-18T07:00:00Z')).toEqual([]);
    expect(run(inc, '2026-11-18T07:00:00Z', ORG, { undecided: 'off' })).toEqual([]);
  });

  it('levels are configurable in settings and overridable per call', () => {
    const inc = { ...base, regimes: [yes('gdpr-art33')] };
    const strict: Settings = { ...ORG, checks: { deadlines: { due_soon_hours: 72, due_soon: 'error' } } };
    expect(run(inc, '2026-11-18T07:00:00Z', strict)).toEqual(['deadline/due-soon error /regimes/0']);
    expect(run(inc, '2026-11-21T07:00:00Z', ORG, { overdue: 'warning' })).toEqual(['deadline/overdue warning /regimes/0']);
    expect(run(inc, '2026-11-21T07:00:00Z', ORG, { overdue: 'off' })).toEqual([]);
  });

  it('messages say what is due, to whom, under which rule, and how to record it', () => {
    const [f] = deadlineFindings({ ...base, regimes: [yes('gdpr-art33')] }, ORG, shippedRegimes(), at('2026-11-21T09:30:00Z'));
    expect(f!.message).toBe('GDPR personal data breach notification to the supervisory authority (`gdpr-art33`, Regulation (EU) 2016/679 Art 33(1)) to Lead supervisory authority was due 2026-11-21T06:00:00Z and is 3h 30m overdue; no notice is recorded as sent.');
    expect(f!.hint).toContain('regime_id: gdpr-art33');
    expect(f!.hint).toContain('late_reason');
  });
});
