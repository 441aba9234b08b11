import { describe, expect, it } from 'vitest';
import { parsePredicate, PredicateSyntaxError, type Truth } from './predicate.ts';

const incident = {
  personal_data: { involved: 'yes', role: 'controller', risk: 'risk', encrypted: false, subjects_estimate: 1200 },
  scope: { jurisdictions: ['DE', 'FR'] },
  impact: { information: ['privacy-data-breach'] },
  residents_by_jurisdiction: { 'US-CA': 812, 'US-NY': 40, DE: 9000 },
  phi: { individuals: 499 },
  dora: { major: true },
  suspected_malicious: 'unknown',
};
const org = { entity_types: { nis2: 'essential' }, us: { sec_registrant: false } };

const CASES: [string, Truth][] = [
  ["incident.personal_data.involved == 'yes'", true],
  ["incident.personal_data.role in ['controller', 'joint-controller']", true],
  ["incident.personal_data.risk != 'unlikely'", true],
  ["incident.personal_data.involved == 'yes' && incident.personal_data.risk == 'high-risk'", false],
  ["incident.personal_data.risk == 'high-risk' || incident.dora.major == true", true],
  ['!incident.dora.major', false],
  ['incident.phi.individuals >= 500', false],
  ['incident.phi.individuals < 500', true],
  ['incident.residents_by_jurisdiction.US-CA > 500', true],
  ["max(incident.residents_by_jurisdiction, 'US-') > 500", true],
  ["max(incident.residents_by_jurisdiction, 'GB') > 0", 'unknown'],
  ["'FR' in incident.scope.jurisdictions", true],
  ["incident.impact.information in ['privacy-data-breach', 'proprietary-information-breach']", true],
  ['present(incident.dora.major)', true],
  ['present(incident.timestamps.aware_at)', false],
  // Missing data is unknown, never "does not apply".
  ["incident.timestamps.aware_at == 'x'", 'unknown'],
  ['incident.ransom.paid == true', 'unknown'],
  ['incident.ransom.paid == null', true],
  // Kleene logic: false && unknown = false; true || unknown = true; true && unknown = unknown.
  ['incident.ransom.paid == true && incident.dora.major == false', false],
  ['incident.ransom.paid == true || incident.dora.major == true', true],
  ['incident.ransom.paid == true && incident.dora.major == true', 'unknown'],
  // The tri-state answer "unknown" stays unknown unless asked for literally.
  ["incident.suspected_malicious == 'yes'", 'unknown'],
  ["incident.suspected_malicious == 'unknown'", true],
  ["org.entity_types.nis2 in ['essential', 'important']", true],
  ['org.us.sec_registrant == true', false],
  // Prototype keys are data lookups like any other: absent, so unknown.
  ['incident.__proto__.polluted == true', 'unknown'],
  ['incident.constructor == null', true],
];

describe('predicate evaluator', () => {
  it.each(CASES)('%s → %s', (src, want) => {
    expect(parsePredicate(src).evaluate({ incident, org })).toBe(want);
  });

  it.each([
    ['incident.x ==', /unexpected end of condition/],
    ['process.exit(1)', /starts with `incident.` or `org.`/],
    ["incident.x == 'a' &&& incident.y", /unexpected/],
    ['incident.x == `rm`', /unexpected character/],
    ["max(incident.x, US)", /quoted prefix/],
    ['(incident.x == 1', /expected `\)`/],
    ['x'.repeat(2001), /longer than 2000/],
  ])('rejects %s', (src, msg) => {
    expect(() => parsePredicate(src)).toThrow(PredicateSyntaxError);
    expect(() => parsePredicate(src)).toThrow(msg);
  });

  it('reports the column of the problem', () => {
    try {
      parsePredicate("incident.a == 'x' && foo.b");
      expect.unreachable();
    } catch (e) {
      expect((e as PredicateSyntaxError).column).toBe(22);
    }
  });
});
