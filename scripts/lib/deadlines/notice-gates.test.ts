import { describe, expect, it } from 'vitest';
import { gateFindings } from '../lifecycle/gates.ts';
import { phaseDef } from '../lifecycle/lifecycle.ts';
import { shippedNoticeGates } from '../io/regimes.ts';
import { shippedLifecycle } from '../io/shipped-lifecycle.ts';

const gates = shippedNoticeGates();
const ctx = { sections: [], firstStageRegimes: gates.firstStage, noticeRules: gates.rules };
const decided = (id: string, applicable: string) => ({ id, applicable, rationale: 'r', decided_by: 'legal', decided_at: '2026-11-18T06:00:00Z' });
const note = (extra: Record<string, unknown>) => ({ stage: 'initial', recipient: 'x', ...extra });
const INTERNAL = [note({ stakeholder: 'legal', sent_at: '2026-11-18T03:00:00Z' }), note({ stakeholder: 'executive', sent_at: '2026-11-18T03:00:00Z' })];

/** Only the notice-related findings of leaving `phase`, as `rule @ pointer`. */
function leaving(phase: string, incident: Record<string, unknown>): string[] {
  const def = phaseDef(shippedLifecycle(), phase)!;
  return [...gateFindings(incident, def, ctx)]
    .filter((f) => /undetermined-regime|notice-not-sent|internal-party|unknown-regime/.test(f.rule))
    .map((f) => `${f.rule} @ ${f.pointer}${/requires the `([a-z0-9-]+)` notice/.exec(f.message)?.[1] ? ` ${/requires the `([a-z0-9-]+)` notice/.exec(f.message)![1]}` : ''}`);
}

describe('notification gates driven by the regimes catalogue', () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    // An undetermined regime blocks leaving notification, even with every notice sent.
    ['undetermined regime blocks the gate', 'notification',
      { regimes: [decided('gdpr-art33', 'undetermined')], notifications: INTERNAL }, ['gate/undetermined-regime @ /regimes/0/applicable']],
    ['applicable first-stage notice not sent', 'notification',
      { regimes: [decided('gdpr-art33', 'yes')], notifications: INTERNAL }, ['gate/notice-not-sent @ /regimes/0']],
    ['first-stage notice sent', 'notification',
      { regimes: [decided('gdpr-art33', 'yes')], notifications: [...INTERNAL, note({ regime_id: 'gdpr-art33', sent_at: '2026-11-19T10:00:00Z' })] }, []],
    ['first-stage notice justified late (late_reason, not sent yet)', 'notification',
      { regimes: [decided('nis2-early-warning', 'yes')], notifications: [...INTERNAL, note({ regime_id: 'nis2-early-warning', late_reason: 'BSI portal down; phoned the CSIRT' })] }, []],
    ['a regime that does not apply needs no notice', 'notification',
      { regimes: [decided('gdpr-art33', 'no')], notifications: INTERNAL }, []],
    ['a later stage is not demanded when leaving notification', 'notification',
      { regimes: [decided('nis2-early-warning', 'yes'), decided('nis2-final', 'yes')], notifications: [...INTERNAL, note({ regime_id: 'nis2-early-warning', sent_at: '2026-11-18T20:00:00Z' })] }, []],
    ['DPO must be told when personal data is involved', 'notification',
      { personal_data: { involved: 'yes' }, regimes: [], notifications: INTERNAL }, ['gate/internal-party-not-notified @ /notifications']],
    // Later stages at their phases: NIS2 notification when leaving investigation, via the early warning's "yes".
    ['NIS2 notification enforced when leaving investigation', 'investigation',
      { regimes: [decided('nis2-early-warning', 'yes')] }, ['gate/notice-not-sent @ /regimes/0 nis2-notification']],
    ['NIS2 final enforced when leaving final-report (follows the early warning)', 'final-report',
      { regimes: [decided('nis2-early-warning', 'yes')] }, ['gate/notice-not-sent @ /regimes/0 nis2-final']],
    ['NIS2 intermediate owed once requested', 'final-report',
      { regimes: [decided('nis2-early-warning', 'yes')], notifications: [note({ regime_id: 'nis2-final', sent_at: '2026-12-20T10:00:00Z' }), note({ regime_id: 'nis2-intermediate', stage: 'intermediate', requested_due_at: '2026-12-01T12:00:00Z' })] }, ['gate/notice-not-sent @ /regimes/0 nis2-intermediate']],
    ['NIS2 final sent', 'final-report',
      { regimes: [decided('nis2-early-warning', 'yes')], notifications: [note({ regime_id: 'nis2-final', sent_at: '2026-12-20T10:00:00Z' })] }, []],
    ['DORA intermediate enforced when leaving investigation; follows the initial', 'investigation',
      { regimes: [decided('dora-initial', 'yes')], notifications: [note({ regime_id: 'dora-initial', sent_at: '2026-06-01T12:00:00Z' })] }, ['gate/notice-not-sent @ /regimes/0 dora-intermediate', 'gate/notice-not-sent @ /regimes/0 dora-intermediate-update']],
    ['a conditional stage (HIPAA HHS >= 500) needs its own decision, not the parent one', 'investigation',
      { regimes: [decided('hipaa-individuals', 'yes')], notifications: [note({ regime_id: 'hipaa-individuals', sent_at: '2026-04-01T12:00:00Z' })] }, []],
    ['a misspelt regime id is reported with a suggestion when leaving preliminary analysis', 'preliminary-analysis',
      { regimes: [decided('gdpr-art-33', 'yes')] }, ['gate/unknown-regime @ /regimes/0/id']],
    ['an unknown regime id decided "yes" is treated as first-stage (safer to ask than to skip)', 'notification',
      { regimes: [decided('gdpr-art-33', 'yes')], notifications: INTERNAL }, ['gate/notice-not-sent @ /regimes/0']],
    ['an obligation due after closure (HIPAA annual log) does not block closing', 'feedback',
      { regimes: [decided('hipaa-hhs-under500', 'yes'), decided('insurer-fnol', 'yes')] }, []],
    ['not_required_reason satisfies a later gate', 'investigation',
      { regimes: [decided('gdpr-art34', 'yes')], notifications: [note({ regime_id: 'gdpr-art34', not_required_reason: 'Art 34(3)(a): data encrypted, key not compromised' })] }, []],
  ])('%s', (_what, phase, incident, want) => {
    expect(leaving(phase, incident)).toEqual(want);
  });
});
