import { describe, expect, it } from 'vitest';
import { shippedRegimes } from '../io/regimes.ts';
import { computeDeadlines } from './engine.ts';
import { gateFindings } from '../lifecycle/gates.ts';
import { phaseDef } from '../lifecycle/lifecycle.ts';
import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { shippedNoticeGates } from '../io/regimes.ts';
import type { Deadline, Settings } from './types.ts';

/**
 * The golden table: deadlines computed by hand from the legal text (standards.md §3, §6(b)), one
 * row each with the reasoning in a comment. The engine must agree to the second. Days are counted
 * on the wall clock of the regime's time zone; hours are elapsed time; months clamp to month end;
 * business days skip weekends and public holidays of the regime's calendar.
 */

const EU: Settings = {
  version: 1,
  organisation: { name: 'Brightwater Utilities', time_zone: 'Europe/Berlin', holidays: { country: 'DE', state: 'HH' } },
  jurisdictions: ['DE', 'GB'],
  entity_types: { nis2: 'essential', dora: 'none', cer_critical_entity: true },
  privacy: { gdpr_role: 'controller' },
  regimes: { subject_to: ['gdpr', 'uk-gdpr', 'nis2', 'eu-cer', 'insurer'] },
  internal_targets: { 'gdpr-art34': { offset: 72, unit: 'calendar-hours' } },
  insurance: { policies: [{ id: 'CYB-2026-0042', carrier: 'Hanseatic Cyber Mutual', policy_period_end: '2027-03-31', fnol: { offset: 48, unit: 'calendar-hours' }, proof_of_loss: { offset: 6, unit: 'calendar-months' } }] },
};
const EU_NO_TARGETS: Settings = { ...EU, internal_targets: {}, privacy: { gdpr_role: 'processor' } };
const TSP: Settings = { ...EU, entity_types: { nis2: 'essential', nis2_trust_service_provider: true } };
const DORA_PAYMENT: Settings = { ...EU, entity_types: { nis2: 'none', dora: 'payment-institution' }, regimes: { subject_to: ['dora'] }, internal_targets: { default: { offset: 72, unit: 'calendar-hours' } } };
const DORA_CREDIT: Settings = { ...DORA_PAYMENT, entity_types: { nis2: 'none', dora: 'credit-institution' } };
const US: Settings = {
  version: 1,
  organisation: { name: 'Example Health Inc.', time_zone: 'America/New_York', holidays: { country: 'US' } },
  jurisdictions: ['US', 'US-CA', 'US-NY', 'IN', 'AU', 'CA'],
  us: { sec_registrant: true, nydfs_covered: true, hipaa_role: 'covered-entity', ftc_glba: true, banking_organization: true, circia_covered: true },
  au: { app_entity: true, reporting_business_entity: true },
  regimes: { subject_to: ['sec', 'nydfs', 'hipaa', 'us-ca', 'ftc', 'us-bank', 'circia', 'cert-in', 'au-ndb', 'au-ransom', 'pipeda'], enable: ['circia-incident'] },
  internal_targets: { 'ca-pipeda': { offset: 7, unit: 'calendar-days' } },
};
const ORGS = { EU, EU_NO_TARGETS, TSP, DORA_PAYMENT, DORA_CREDIT, US } as const;

interface Row {
  regime: string;
  org: keyof typeof ORGS;
  /** Front matter (id, phase and a `yes` decision for `regime` are added unless given). */
  inc: Record<string, unknown>;
  /** Decision recorded for the regime (default "yes"); null records none. */
  decide?: 'yes' | 'no' | 'undetermined' | null;
  /** Instant the status is computed at (default 2026-01-01T00:00:00Z, before every clock). */
  now?: string;
  due: string | null;
  status?: Deadline['status'];
  statutory?: boolean;
}

const ts = (t: Record<string, string>) => ({ timestamps: t });
const sent = (regime_id: string, sent_at: string) => ({ regime_id, stage: 'initial', recipient: 'x', sent_at });

const ROWS: Row[] = [
  // ---- GDPR Art 33: 72 calendar hours from awareness, wall-clock, weekends and holidays included.
  // 1. Aware Wed 18 Nov 2026 06:00Z; +72 h = Sat 21 Nov 06:00Z (the example ransomware incident).
  { regime: 'gdpr-art33', org: 'EU', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), due: '2026-11-21T06:00:00Z' },
  // 2. Across the autumn DST change: aware Fri 23 Oct 10:00 CEST (08:00Z). Clocks go back on Sun 25 Oct,
  //    so 72 elapsed hours end Mon 26 Oct 08:00Z = 09:00 CET local, not 10:00 local.
  { regime: 'gdpr-art33', org: 'EU', inc: ts({ aware_at: '2026-10-23T10:00:00+02:00' }), due: '2026-10-26T08:00:00Z' },
  // 3. Across the spring DST change: aware Fri 27 Mar 12:00 CET (11:00Z); clocks go forward Sun 29 Mar,
  //    so the deadline is Mon 30 Mar 11:00Z = 13:00 CEST local.
  { regime: 'gdpr-art33', org: 'EU', inc: ts({ aware_at: '2026-03-27T12:00:00+01:00' }), due: '2026-03-30T11:00:00Z' },
  // 4. Awareness written with a New York offset over New Year: 31 Dec 22:00-05:00 = 1 Jan 03:00Z;
  //    +72 h = 4 Jan 03:00Z; the 1 January holiday does not extend an hours period (Reg. 1182/71 Art 3(4)).
  { regime: 'gdpr-art33', org: 'EU', inc: ts({ aware_at: '2026-12-31T22:00:00-05:00' }), due: '2027-01-04T03:00:00Z' },
  // 5. Legal counsel recorded a different clock start (clock_start_override_at 09:00Z): 72 h from it.
  { regime: 'gdpr-art33', org: 'EU', decide: null, inc: { ...ts({ aware_at: '2026-11-18T06:00:00Z' }), regimes: [{ id: 'gdpr-art33', applicable: 'yes', rationale: 'r', decided_by: 'dpo', decided_at: '2026-11-18T06:00:00Z', clock_start_override_at: '2026-11-18T09:00:00Z' }] }, due: '2026-11-21T09:00:00Z' },
  // 6. Sent a day after the 72 h ran out: status late (a late_reason is then required).
  { regime: 'gdpr-art33', org: 'EU', inc: { ...ts({ aware_at: '2026-11-18T06:00:00Z' }), notifications: [sent('gdpr-art33', '2026-11-22T10:00:00Z')] }, due: '2026-11-21T06:00:00Z', status: 'late', now: '2026-12-01T00:00:00Z' },
  // 7. Sent exactly at the deadline: met (the deadline instant itself is still in time).
  { regime: 'gdpr-art33', org: 'EU', inc: { ...ts({ aware_at: '2026-11-18T06:00:00Z' }), notifications: [sent('gdpr-art33', '2026-11-21T06:00:00Z')] }, due: '2026-11-21T06:00:00Z', status: 'met', now: '2026-12-01T00:00:00Z' },
  // 8. Not sent, one hour past the deadline: overdue.
  { regime: 'gdpr-art33', org: 'EU', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), now: '2026-11-21T07:00:00Z', due: '2026-11-21T06:00:00Z', status: 'overdue' },
  // 9. Exactly 24 h before the deadline: due-soon (the window includes its edge).
  { regime: 'gdpr-art33', org: 'EU', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), now: '2026-11-20T06:00:00Z', due: '2026-11-21T06:00:00Z', status: 'due-soon' },
  // 10. A regime that does not apply: the DPO decided "no" (no personal data) - no clock, not-applicable.
  { regime: 'gdpr-art33', org: 'EU', decide: 'no', inc: ts({ aware_at: '2026-11-05T14:45:00Z' }), due: null, status: 'not-applicable' },
  // 11. Undetermined regime: the clock still runs (72 h from awareness) and shows due-soon 12 h before.
  { regime: 'gdpr-art33', org: 'EU', decide: 'undetermined', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), now: '2026-11-20T18:00:00Z', due: '2026-11-21T06:00:00Z', status: 'due-soon' },
  // 12. Art 34 has no numeric limit ("without undue delay"): the org's internal target of 72 h is shown, non-statutory.
  { regime: 'gdpr-art34', org: 'EU', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), due: '2026-11-21T06:00:00Z', statutory: false },
  // 13. Processor duty to the controller, no internal target configured: no due time, still listed as upcoming.
  { regime: 'gdpr-art33-processor', org: 'EU_NO_TARGETS', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), due: null, status: 'upcoming', statutory: false },
  // 14. UK GDPR: 72 h over Christmas - bank holidays included: 24 Dec 17:00Z -> 27 Dec 17:00Z.
  { regime: 'ukgdpr-art33', org: 'EU', inc: ts({ aware_at: '2026-12-24T17:00:00Z' }), due: '2026-12-27T17:00:00Z' },

  // ---- NIS2 Art 23(4): 24 h early warning, 72 h notification, final one month after the notification.
  // 15. Early warning: aware 18 Nov 06:00Z + 24 h.
  { regime: 'nis2-early-warning', org: 'EU', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), due: '2026-11-19T06:00:00Z' },
  // 16. Notification follows the early warning's "yes": aware + 72 h.
  { regime: 'nis2-notification', org: 'EU', decide: null, inc: { ...ts({ aware_at: '2026-11-18T06:00:00Z' }), regimes: [{ id: 'nis2-early-warning', applicable: 'yes', rationale: 'r', decided_by: 'l', decided_at: '2026-11-18T06:00:00Z' }] }, due: '2026-11-21T06:00:00Z' },
  // 17. Trust service provider: the notification is due at 24 h instead of 72 h.
  { regime: 'nis2-tsp-notification', org: 'TSP', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), due: '2026-11-19T06:00:00Z' },
  // 18. Final report one month after a notification sent on 31 January 15:00 Berlin (14:00Z): 31 February
  //     does not exist, so the month clamps to 28 February 2026, 15:00 local = 14:00Z.
  { regime: 'nis2-final', org: 'EU', inc: { ...ts({ aware_at: '2026-01-29T10:00:00Z' }), notifications: [sent('nis2-notification', '2026-01-31T15:00:00+01:00')] }, due: '2026-02-28T14:00:00Z' },
  // 19. Same in a leap year: 31 Jan 2028 11:00 local -> 29 Feb 2028 11:00 local (10:00Z).
  { regime: 'nis2-final', org: 'EU', inc: { ...ts({ aware_at: '2028-01-29T10:00:00Z' }), notifications: [sent('nis2-notification', '2028-01-31T10:00:00Z')] }, due: '2028-02-29T10:00:00Z' },
  // 20. Month across DST: sent 15 Mar 11:00 CET (10:00Z) -> 15 Apr 11:00 CEST = 09:00Z (wall clock kept).
  { regime: 'nis2-final', org: 'EU', inc: { ...ts({ aware_at: '2026-03-12T10:00:00Z' }), notifications: [sent('nis2-notification', '2026-03-15T10:00:00Z')] }, due: '2026-04-15T09:00:00Z' },
  // 21. Notification not sent yet: the final report's clock has not started - no due time.
  { regime: 'nis2-final', org: 'EU', inc: ts({ aware_at: '2026-11-18T06:00:00Z' }), due: null, status: 'upcoming' },
  // 22. Intermediate report on request: due when the CSIRT asked for it (requested_due_at), offset 0.
  { regime: 'nis2-intermediate', org: 'EU', inc: { ...ts({ aware_at: '2026-11-18T06:00:00Z' }), notifications: [{ regime_id: 'nis2-intermediate', stage: 'intermediate', recipient: 'BSI', requested_due_at: '2026-12-01T12:00:00Z' }] }, due: '2026-12-01T12:00:00Z' },
  // 23. CER detailed report one month after the initial notification on 31 May 12:00 CEST (10:00Z):
  //     31 June does not exist -> 30 June 12:00 CEST = 10:00Z.
  { regime: 'eu-cer-detailed', org: 'EU', inc: { ...ts({ aware_at: '2026-05-30T10:00:00Z' }), notifications: [sent('eu-cer-initial', '2026-05-31T10:00:00Z')] }, due: '2026-06-30T10:00:00Z' },

  // ---- DORA RTS 2025/301 Art 5: initial = min(classification + 4 h, awareness + 24 h); classified only
  //      after 24 h -> classification + 4 h; intermediate 72 h after the initial was sent; final 1 month
  //      after the latest intermediate; weekend/holiday -> 12:00 next working day (not for credit
  //      institutions' initial/intermediate reports).
  // 24. Classified 2 h after awareness (Mon 1 Jun): 10:00Z + 4 h = 14:00Z, earlier than aware + 24 h.
  { regime: 'dora-initial', org: 'DORA_PAYMENT', inc: ts({ aware_at: '2026-06-01T08:00:00Z', classified_major_at: '2026-06-01T10:00:00Z' }), due: '2026-06-01T14:00:00Z' },
  // 25. Classified 22 h after awareness: classification + 4 h = 2 Jun 10:00Z, but awareness + 24 h = 2 Jun 08:00Z binds.
  { regime: 'dora-initial', org: 'DORA_PAYMENT', inc: ts({ aware_at: '2026-06-01T08:00:00Z', classified_major_at: '2026-06-02T06:00:00Z' }), due: '2026-06-02T08:00:00Z' },
  // 26. Classified later than 24 h after awareness (3 Jun 09:00Z, 49 h): Art 5(2) - 4 h from classification, 13:00Z.
  { regime: 'dora-initial', org: 'DORA_PAYMENT', inc: ts({ aware_at: '2026-06-01T08:00:00Z', classified_major_at: '2026-06-03T09:00:00Z' }), due: '2026-06-03T13:00:00Z' },
  // 27. Credit institution: classified Fri 5 Jun 21:00Z -> Sat 6 Jun 01:00Z; no weekend relief for its initial report.
  { regime: 'dora-initial', org: 'DORA_CREDIT', inc: ts({ aware_at: '2026-06-05T18:00:00Z', classified_major_at: '2026-06-05T21:00:00Z' }), due: '2026-06-06T01:00:00Z' },
  // 28. Same facts for a payment institution: Sat 6 Jun 03:00 Berlin is a weekend -> 12:00 Mon 8 Jun CEST = 10:00Z.
  { regime: 'dora-initial', org: 'DORA_PAYMENT', inc: ts({ aware_at: '2026-06-05T18:00:00Z', classified_major_at: '2026-06-05T21:00:00Z' }), due: '2026-06-08T10:00:00Z' },
  // 29. Intermediate chained to the initial's sending (1 Jun 13:30Z): +72 h = Thu 4 Jun 13:30Z, a working day in Hamburg.
  { regime: 'dora-intermediate', org: 'DORA_PAYMENT', decide: null, inc: { ...ts({ aware_at: '2026-06-01T08:00:00Z' }), regimes: [{ id: 'dora-initial', applicable: 'yes', rationale: 'r', decided_by: 'l', decided_at: '2026-06-01T10:00:00Z' }], notifications: [sent('dora-initial', '2026-06-01T13:30:00Z')] }, due: '2026-06-04T13:30:00Z' },
  // 30. Initial sent Wed 23 Dec 09:00Z: +72 h = Sat 26 Dec (also Boxing Day) -> next working day Mon 28 Dec, 12:00 CET = 11:00Z.
  { regime: 'dora-intermediate', org: 'DORA_PAYMENT', inc: { ...ts({ aware_at: '2026-12-22T08:00:00Z' }), notifications: [sent('dora-initial', '2026-12-23T09:00:00Z')] }, due: '2026-12-28T11:00:00Z' },
  // 31. Final: one month after the LATEST intermediate (update sent 10 Jun 16:00Z, after the 4 Jun report):
  //     10 Jul 18:00 CEST = 16:00Z, a Friday.
  { regime: 'dora-final', org: 'DORA_PAYMENT', inc: { ...ts({ aware_at: '2026-06-01T08:00:00Z' }), notifications: [sent('dora-intermediate', '2026-06-04T12:00:00Z'), sent('dora-intermediate-update', '2026-06-10T16:00:00Z')] }, due: '2026-07-10T16:00:00Z' },
  // 32. Final report relief applies to credit institutions too: 4 Sep 12:00 CEST + 1 month = Sun 4 Oct -> Mon 5 Oct 12:00 CEST = 10:00Z.
  { regime: 'dora-final', org: 'DORA_CREDIT', inc: { ...ts({ aware_at: '2026-09-01T08:00:00Z' }), notifications: [sent('dora-intermediate', '2026-09-04T10:00:00Z')] }, due: '2026-10-05T10:00:00Z' },
  // 33. Updated intermediate report "without undue delay" after recovery: internal default target 72 h, non-statutory.
  { regime: 'dora-intermediate-update', org: 'DORA_PAYMENT', inc: ts({ aware_at: '2026-06-01T08:00:00Z', recovered_at: '2026-06-09T08:00:00Z' }), due: '2026-06-12T08:00:00Z', statutory: false },

  // ---- SEC Form 8-K Item 1.05: 4 business days after the materiality determination, New York time,
  //      US federal holidays, EDGAR same-day cut-off 17:30 ET.
  // 34. Determined Mon 23 Nov 15:00 EST: Tue 24 (1), Wed 25 (2), Thu 26 Thanksgiving skipped, Fri 27 (3),
  //     weekend skipped, Mon 30 (4) -> 17:30 EST = 22:30Z. Weekend and a federal holiday in one period.
  { regime: 'sec-8k-105', org: 'US', inc: ts({ materiality_determined_at: '2026-11-23T15:00:00-05:00' }), due: '2026-11-30T22:30:00Z' },
  // 35. Determination made on a Saturday (28 Nov): the period begins on and includes Mon 30 Nov (1), Tue (2),
  //     Wed (3), Thu 3 Dec (4) -> 17:30 EST = 22:30Z. A Monday determination would give Friday.
  { regime: 'sec-8k-105', org: 'US', inc: ts({ materiality_determined_at: '2026-11-28T11:00:00-05:00' }), due: '2026-12-03T22:30:00Z' },
  // 36. Plain week: determined Mon 2 Mar 10:00 EST -> Tue (1) Wed (2) Thu (3) Fri 6 Mar (4), 17:30 EST = 22:30Z.
  { regime: 'sec-8k-105', org: 'US', inc: ts({ materiality_determined_at: '2026-03-02T10:00:00-05:00' }), due: '2026-03-06T22:30:00Z' },
  // 37. Across the US DST start (Sun 8 Mar): determined Thu 5 Mar -> Fri 6 (1), Mon 9 (2), Tue 10 (3), Wed 11 (4);
  //     17:30 is now EDT (-04:00) = 21:30Z.
  { regime: 'sec-8k-105', org: 'US', inc: ts({ materiality_determined_at: '2026-03-05T10:00:00-05:00' }), due: '2026-03-11T21:30:00Z' },
  // 38. Determined Thu 2 Jul 23:30Z = 19:30 EDT, still Thursday in New York. Fri 3 Jul is the observed
  //     Independence Day holiday, then the weekend: Mon 6 (1), Tue 7 (2), Wed 8 (3), Thu 9 (4) -> 21:30Z.
  { regime: 'sec-8k-105', org: 'US', inc: ts({ materiality_determined_at: '2026-07-02T23:30:00Z' }), due: '2026-07-09T21:30:00Z' },
  // 39. Determined on a federal holiday (MLK Day, Mon 19 Jan): counting starts Tue 20 (1) .. Fri 23 (4), 22:30Z.
  { regime: 'sec-8k-105', org: 'US', inc: ts({ materiality_determined_at: '2026-01-19T09:00:00-05:00' }), due: '2026-01-23T22:30:00Z' },
  // 40. 8-K/A: omitted information determined Mon 21 Dec: Tue 22 (1), Wed 23 (2), Thu 24 (3), Fri 25 Christmas
  //     skipped, weekend skipped, Mon 28 (4) -> 22:30Z.
  { regime: 'sec-8k-105-amend', org: 'US', inc: ts({ materiality_determined_at: '2026-12-14T12:00:00-05:00', info_determined_at: '2026-12-21T12:00:00-05:00' }), due: '2026-12-28T22:30:00Z' },

  // ---- NYDFS 23 NYCRR 500.17.
  // 41. 72 h after determining an incident: Wed 25 Nov 16:00 EST (21:00Z) -> Sat 28 Nov 21:00Z (no holiday relief).
  { regime: 'nydfs-500-17a', org: 'US', inc: ts({ determined_at: '2026-11-25T16:00:00-05:00' }), due: '2026-11-28T21:00:00Z' },
  // 42. Ransom paid Fri 20 Nov 23:15Z: notice within 24 h -> Sat 21 Nov 23:15Z.
  { regime: 'nydfs-500-17c-notice', org: 'US', inc: { ransom: { demanded: true, paid: true, paid_at: '2026-11-20T23:15:00Z' } }, due: '2026-11-21T23:15:00Z' },
  // 43. Written explanation within 30 days: 20 Nov 18:15 EST + 30 calendar days = 20 Dec 18:15 EST = 23:15Z.
  { regime: 'nydfs-500-17c-explain', org: 'US', inc: { ransom: { demanded: true, paid: true, paid_at: '2026-11-20T23:15:00Z' } }, due: '2026-12-20T23:15:00Z' },
  // 44. 30 days across the DST end (1 Nov): paid 20 Oct 10:00 EDT (14:00Z) -> 19 Nov 10:00 EST = 15:00Z.
  { regime: 'nydfs-500-17c-explain', org: 'US', inc: { ransom: { demanded: true, paid: true, paid_at: '2026-10-20T14:00:00Z' } }, due: '2026-11-19T15:00:00Z' },

  // ---- HIPAA 45 CFR 164.404-408: 60 calendar days after discovery.
  // 45. Discovered 10 Mar 09:00 EDT: 21 days to 31 Mar, 30 to 30 Apr, 9 more -> 9 May 09:00 EDT = 13:00Z.
  { regime: 'hipaa-individuals', org: 'US', inc: { ...ts({ discovered_at: '2026-03-10T09:00:00-04:00' }), phi: { involved: true, unsecured: true, individuals: 812 } }, due: '2026-05-09T13:00:00Z' },
  // 46. Across the DST start: discovered 15 Jan 10:00 EST (15:00Z) -> +60 days = 16 Mar 10:00 EDT = 14:00Z.
  { regime: 'hipaa-individuals', org: 'US', inc: { ...ts({ discovered_at: '2026-01-15T10:00:00-05:00' }), phi: { involved: true, unsecured: true, individuals: 40 } }, due: '2026-03-16T14:00:00Z' },
  // 47. Media: more than 500 residents of one State (812 in California) -> same 60 days as individuals.
  { regime: 'hipaa-media', org: 'US', inc: { ...ts({ discovered_at: '2026-03-10T09:00:00-04:00' }), phi: { involved: true, unsecured: true, individuals: 812 }, residents_by_jurisdiction: { 'US-CA': 812 } }, due: '2026-05-09T13:00:00Z' },
  // 48. HHS, 500 or more: contemporaneous with individuals - 60 days.
  { regime: 'hipaa-hhs-500plus', org: 'US', inc: { ...ts({ discovered_at: '2026-03-10T09:00:00-04:00' }), phi: { involved: true, unsecured: true, individuals: 812 } }, due: '2026-05-09T13:00:00Z' },
  // 49. HHS, fewer than 500: 60 days after the end of the calendar year of discovery: 31 Dec 2026 23:59:59 EST
  //     + 60 days = 1 Mar 2027 23:59:59 EST = 2 Mar 04:59:59Z.
  { regime: 'hipaa-hhs-under500', org: 'US', inc: { ...ts({ discovered_at: '2026-05-10T14:00:00Z' }), phi: { involved: true, unsecured: true, individuals: 120 } }, due: '2027-03-02T04:59:59Z' },
  // 50. Same with a leap year following: 31 Dec 2027 + 60 days = 29 Feb 2028 23:59:59 EST.
  { regime: 'hipaa-hhs-under500', org: 'US', inc: { ...ts({ discovered_at: '2027-06-01T14:00:00Z' }), phi: { involved: true, unsecured: true, individuals: 120 } }, due: '2028-03-01T04:59:59Z' },
  // 51. HHS 500+ follows the individuals decision, but only 120 individuals: this stage does not apply.
  { regime: 'hipaa-hhs-500plus', org: 'US', decide: null, inc: { ...ts({ discovered_at: '2026-05-10T14:00:00Z' }), phi: { involved: true, unsecured: true, individuals: 120 }, regimes: [{ id: 'hipaa-individuals', applicable: 'yes', rationale: 'r', decided_by: 'privacy', decided_at: '2026-05-10T15:00:00Z' }] }, due: null, status: 'not-applicable' },
  // 52. FTC Safeguards: 30 days after discovery 31 Jan 07:00 EST: Feb has 28 days -> 2 Mar 07:00 EST = 12:00Z.
  { regime: 'ftc-safeguards', org: 'US', inc: { ...ts({ discovered_at: '2026-01-31T12:00:00Z' }), personal_data: { encrypted: false, subjects_estimate: 900 } }, due: '2026-03-02T12:00:00Z' },
  // 53. US banking: 36 h after determination, 1 Apr 20:00Z -> 3 Apr 08:00Z.
  { regime: 'us-bank-36h', org: 'US', inc: ts({ determined_at: '2026-04-01T20:00:00Z' }), due: '2026-04-03T08:00:00Z' },

  // ---- California Civ. Code 1798.82 (SB 446): 30 days to residents; AG sample 15 days after that notice.
  // 54. Discovered 10 Feb 17:00 PST (11 Feb 01:00Z) + 30 days = 12 Mar 17:00 PDT (DST from 8 Mar) = 13 Mar 00:00Z.
  { regime: 'us-ca-individuals', org: 'US', inc: { ...ts({ discovered_at: '2026-02-10T17:00:00-08:00' }), residents_by_jurisdiction: { 'US-CA': 1200 } }, due: '2026-03-13T00:00:00Z' },
  // 55. AG chained to the residents' notice sent 5 Mar 10:00 PST (18:00Z): +15 days = 20 Mar 10:00 PDT = 17:00Z.
  { regime: 'us-ca-ag', org: 'US', inc: { ...ts({ discovered_at: '2026-02-10T17:00:00-08:00' }), residents_by_jurisdiction: { 'US-CA': 1200 }, notifications: [sent('us-ca-individuals', '2026-03-05T18:00:00Z')] }, due: '2026-03-20T17:00:00Z' },

  // ---- CIRCIA (proposed; this org enabled it explicitly).
  // 56. 72 h after reasonable belief: 1 May 12:00Z -> 4 May 12:00Z.
  { regime: 'circia-incident', org: 'US', inc: ts({ reasonable_belief_at: '2026-05-01T12:00:00Z' }), due: '2026-05-04T12:00:00Z' },

  // ---- Rest of world.
  // 57. CERT-In: 6 h from noticing, 14 Aug 22:30 IST (17:00Z) -> 23:00Z.
  { regime: 'in-cert-in', org: 'US', inc: { ...ts({ detected_at: '2026-08-14T22:30:00+05:30' }), scope: { jurisdictions: ['IN'] } }, due: '2026-08-14T23:00:00Z' },
  // 58. Australia NDB assessment: 30 days in Sydney across the DST end (5 Apr): suspected 20 Mar 09:00 AEDT
  //     (19 Mar 22:00Z) -> 19 Apr 09:00 AEST = 18 Apr 23:00Z.
  { regime: 'au-ndb-assessment', org: 'US', inc: { ...ts({ suspected_at: '2026-03-20T09:00:00+11:00' }), personal_data: { involved: 'yes' }, scope: { jurisdictions: ['AU'] } }, due: '2026-04-18T23:00:00Z' },
  // 59. Australia ransomware payment report: 72 h after the payment, 1 Jul 02:00Z -> 4 Jul 02:00Z.
  { regime: 'au-ransom-payment', org: 'US', inc: { ransom: { demanded: true, paid: true, paid_at: '2026-07-01T02:00:00Z' } }, due: '2026-07-04T02:00:00Z' },
  // 60. PIPEDA "as soon as feasible" - no numeric deadline; the org's target of 7 days in Toronto:
  //     5 May 11:00 EDT (15:00Z) -> 12 May 11:00 EDT = 15:00Z, non-statutory.
  { regime: 'ca-pipeda', org: 'US', inc: ts({ rrosh_determined_at: '2026-05-05T15:00:00Z' }), due: '2026-05-12T15:00:00Z', statutory: false },

  // ---- Insurer (contractual, from the policy in settings).
  // 61. First notice of loss 48 h after discovery: 18 Nov 08:00Z -> 20 Nov 08:00Z.
  { regime: 'insurer-fnol', org: 'EU', inc: { ...ts({ discovered_at: '2026-11-18T08:00:00Z', detected_at: '2026-11-18T02:12:00Z' }), insurance: { policy_id: 'CYB-2026-0042' } }, due: '2026-11-20T08:00:00Z' },
  // 62. No discovered_at: the clock falls back to detection (18 Nov 02:12Z + 48 h).
  { regime: 'insurer-fnol', org: 'EU', inc: { ...ts({ detected_at: '2026-11-18T02:12:00Z' }), insurance: { policy_id: 'CYB-2026-0042' } }, due: '2026-11-20T02:12:00Z' },
  // 63. A policy not listed in settings: no period known, no due time (the note says why).
  { regime: 'insurer-fnol', org: 'EU', inc: { ...ts({ detected_at: '2026-11-18T02:12:00Z' }), insurance: { policy_id: 'UNKNOWN-1' } }, due: null },
  // 64. Proof of loss 6 months after the policy period ends 31 Mar 2027 (end of day Berlin = 1 Apr 00:00 CEST):
  //     1 Oct 00:00 CEST = 30 Sep 22:00Z.
  { regime: 'insurer-proof-of-loss', org: 'EU', inc: { ...ts({ detected_at: '2026-11-18T02:12:00Z' }), insurance: { policy_id: 'CYB-2026-0042' } }, due: '2027-09-30T22:00:00Z' },
  // 65. Row 7's notice as of an instant before it was sent (deadlines --at): not sent yet, upcoming.
  { regime: 'gdpr-art33', org: 'EU', inc: { ...ts({ aware_at: '2026-11-18T06:00:00Z' }), notifications: [sent('gdpr-art33', '2026-11-21T06:00:00Z')] }, due: '2026-11-21T06:00:00Z', status: 'upcoming', now: '2026-11-19T12:00:00Z' },
  // 66. The same as of an instant after the deadline, before the notice was sent: overdue.
  { regime: 'gdpr-art33', org: 'EU', inc: { ...ts({ aware_at: '2026-11-18T06:00:00Z' }), notifications: [sent('gdpr-art33', '2026-11-22T10:00:00Z')] }, due: '2026-11-21T06:00:00Z', status: 'overdue', now: '2026-11-22T09:00:00Z' },
];

function incidentFor(row: Row): Record<string, unknown> {
  const decide = row.decide === undefined ? 'yes' : row.decide;
  return {
    id: 'INC-20260101-GOLD', phase: 'notification',
    ...(decide ? { regimes: [{ id: row.regime, applicable: decide, rationale: 'r', decided_by: 'legal', decided_at: '2026-01-01T00:00:00Z' }] } : {}),
    ...row.inc,
  };
}

describe('golden deadline table', () => {
  it('has at least 40 hand-computed rows', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS.map((r, i) => [i + 1, r.regime, r] as const))('row %i: %s', (_n, _regime, row) => {
    const now = Date.parse(row.now ?? '2026-01-01T00:00:00Z');
    const rows = computeDeadlines(incidentFor(row), ORGS[row.org], shippedRegimes(), now);
    const d = rows.find((x) => x.regime === row.regime);
    expect(d, `no row for ${row.regime}; got ${rows.map((x) => x.regime).join(', ')}`).toBeDefined();
    expect(d!.due_at).toBe(row.due);
    if (row.status) expect(d!.status).toBe(row.status);
    if (row.statutory !== undefined) expect(d!.statutory).toBe(row.statutory);
    expect(d!.source).toMatch(/^https:\/\//);
  });
});

describe('an undetermined regime blocks the notification gate (row 11 shows its clock still running)', () => {
  it('leaving notification with gdpr-art33 undetermined yields gate/undetermined-regime', () => {
    const inc = incidentFor(ROWS[10]!);
    const gates = shippedNoticeGates();
    const findings = [...gateFindings(inc, phaseDef(shippedLifecycle(), 'notification')!, { sections: [], firstStageRegimes: gates.firstStage, noticeRules: gates.rules })];
    expect(findings.filter((f) => f.rule === 'gate/undetermined-regime').map((f) => f.pointer)).toEqual(['/regimes/0/applicable']);
  });
});
