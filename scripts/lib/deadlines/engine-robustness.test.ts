import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedRegimes } from '../io/regimes.ts';
import { computeDeadlines } from './engine.ts';
import { deadlineFindings } from './findings.ts';
import type { Settings } from './types.ts';

const ORG: Settings = {
  version: 1,
  organisation: { name: 'Acme', time_zone: 'Europe/Berlin', holidays: { country: 'DE' } },
  entity_types: { nis2: 'essential', dora: 'payment-institution' },
  privacy: { gdpr_role: 'controller' },
  us: { sec_registrant: true, hipaa_role: 'covered-entity' },
  regimes: { subject_to: ['gdpr', 'nis2', 'dora', 'sec', 'hipaa', 'insurer'] },
  internal_targets: { default: { offset: 3, unit: 'business-days' } },
  stakeholders: { internal_by_severity: { sev1: [{ party: 'legal', within: { offset: 1, unit: 'calendar-hours' } }] } },
};

const time = fc.oneof(
  fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-13-45T99:99:99Z', 'yesterday', '', '2026-03-29T02:30:00+01:00'),
);
const field = fc.constantFrom('aware_at', 'classified_major_at', 'materiality_determined_at', 'discovered_at', 'determined_at', 'detected_at', 'declared_at', 'recovered_at', 'info_determined_at');
const regimeId = fc.constantFrom(...shippedRegimes().regimes.map((r) => r.id), '__proto__', 'constructor', 'x');
const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const incident = fc.record({
  id: fc.oneof(fc.constant('INC-20261118-R7WM'), junk),
  phase: fc.oneof(fc.constantFrom('notification', 'closed', 'detection'), junk),
  severity: fc.oneof(fc.constantFrom('sev1', '__proto__', 'toString'), junk),
  timestamps: fc.oneof(fc.dictionary(field, time), junk),
  regimes: fc.oneof(fc.array(fc.record({ id: regimeId, applicable: fc.oneof(fc.constantFrom('yes', 'no', 'undetermined'), junk), clock_start_override_at: fc.option(time) }), { maxLength: 6 }), junk),
  notifications: fc.oneof(fc.array(fc.record({ regime_id: regimeId, sent_at: fc.option(time), requested_due_at: fc.option(time), late_reason: fc.option(junk), stakeholder: fc.option(fc.constantFrom('legal', 'dpo')) }), { maxLength: 6 }), junk),
  personal_data: fc.oneof(fc.record({ involved: fc.constantFrom('yes', 'no', 'unknown'), role: fc.constantFrom('controller', 'processor'), risk: fc.constantFrom('risk', 'high-risk', 'unlikely') }), junk),
  phi: fc.oneof(fc.record({ involved: fc.boolean(), unsecured: fc.boolean(), individuals: fc.integer({ min: 0, max: 100_000 }) }), junk),
  dora: fc.oneof(fc.record({ major: fc.boolean() }), junk),
  insurance: fc.oneof(fc.record({ policy_id: fc.string() }), junk),
});

describe('engine on arbitrary front matter (the deadlines verb does not require valid files)', () => {
  it('never throws, and every row has a known status and a parseable due time', () => {
    fc.assert(fc.property(incident, fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2080-01-01T00:00:00Z'), noInvalidDate: true }), (inc, now) => {
      const rows = computeDeadlines(inc as Record<string, unknown>, ORG, shippedRegimes(), now.getTime());
      for (const r of rows) {
        expect(['upcoming', 'due-soon', 'overdue', 'met', 'late', 'not-applicable']).toContain(r.status);
        if (r.due_at !== null) expect(Number.isNaN(Date.parse(r.due_at))).toBe(false);
      }
      deadlineFindings(inc as Record<string, unknown>, ORG, shippedRegimes(), now.getTime());
    }), { numRuns: 300, seed: 4 });
  });

  it('is deterministic: the same input gives the same rows', () => {
    fc.assert(fc.property(incident, (inc) => {
      const now = Date.parse('2026-11-19T12:00:00Z');
      expect(JSON.stringify(computeDeadlines(inc as Record<string, unknown>, ORG, shippedRegimes(), now)))
        .toBe(JSON.stringify(computeDeadlines(structuredClone(inc) as Record<string, unknown>, ORG, shippedRegimes(), now)));
    }), { numRuns: 100, seed: 7 });
  });
});
