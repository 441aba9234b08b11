import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectIncidentFiles } from '../../io/incident-files.ts';
import { shippedValidator } from '../../io/shipped-validator.ts';
import { PACKAGE_ROOT } from '../../io/shipped-schemas.ts';
import { parseIncidentFile } from '../../parse/incident-file.ts';
import { planFiles } from '../plan.ts';
import { fixtures, importOptions, IMPORTED_AT, TESTDATA } from '../testkit.ts';
import { getPath, sortKeysDeep } from '../tree.ts';
import { incidentToVeris } from './export.ts';
import { importVeris } from './import.ts';

const A = 'A1B2C3D4-0000-4000-8000-000000000001.json';
const B = 'B2C3D4E5-0000-4000-8000-000000000002.json';
const C = 'C3D4E5F6-0000-4000-8000-000000000003.json';
const D = 'D4E5F6A7-0000-4000-8000-000000000004.json';

function imported() {
  const result = importVeris(fixtures('veris'), importOptions());
  const files = planFiles(result.incidents, 'incidents');
  const parsed = files.map((f) => parseIncidentFile(f.path, f.text));
  return { result, files, parsed, bySource: new Map(result.incidents.map((i, n) => [i.source, { ...i, parsed: parsed[n]! }])) };
}

describe('VERIS import of the invented fixtures', () => {
  const { result, parsed, bySource } = imported();

  it('reports exactly the expected source problems', () => {
    expect(result.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      [B, 'veris/discovery-unknown', 'notice'],
      [C, 'veris/mismatched-id', 'notice'],
      [D, 'veris/mismatched-id', 'notice'],
      [D, 'veris/duplicate-id', 'warning'],
    ]);
  });

  it('produces files that pass the shared validator', () => {
    expect(shippedValidator().validateFiles(parsed)).toEqual([]);
  });

  it.each([
    // [fixture, dotted path in the incident, expected value]
    [A, 'id', 'INC-20250314-GS2C'],
    [A, 'phase', 'detection'],
    [A, 'tlp', 'TLP:CLEAR'],
    [A, 'determination', 'successful-attempt'],
    [A, 'detection_method', 'message-from-attacker'],
    [A, 'reporter', { name: 'VERIS discovery: external (Actor disclosure)', kind: 'external' }],
    [A, 'timestamps', { occurred_at: '2025-03-14T00:00:00Z', detected_at: '2025-03-17T00:00:00Z', contained_at: '2025-03-17T12:00:00Z' }],
    [A, 'occurred_at_confidence', 'estimated'],
    [A, 'severity', 'sev2'],
    [A, 'category', { class: 'information-content-security', type: 'unauthorised-information-modification' }],
    [A, 'attack_vector', 'web'],
    [A, 'incident_types', ['compromised-system', 'unauthorized-access', 'unauthorized-release']],
    [A, 'personal_data', { involved: 'yes', categories: ['identifiers'], records_estimate: 1200 }],
    [A, 'impact', { information: ['privacy-data-breach'] }],
    [A, 'ransom', { demanded: true }],
    [A, 'costs', { currency: 'EUR', direct: 250000, estimated: true }],
    [A, 'scope', { jurisdictions: ['DE'] }],
    [A, 'references', ['https://news.example.org/2025/ransomware-at-example-logistics', 'https://news.example.org/2025/follow-up', 'vendor advisory EX-2025-7']],
    [A, 'provenance', { source: 'vcdb', original_id: 'A1B2C3D4-0000-4000-8000-000000000001', imported_at: IMPORTED_AT, imported_by: 'fixture' }],
    [A, 'veris.timeline', { incident: { day: 14, month: 3, year: 2025 }, discovery: { unit: 'Days', value: 3 }, containment: { unit: 'Hours', value: 12 } }],
    [A, 'veris.victim', { employee_count: '101 to 1000', industry: '484110', victim_id: 'Example Logistics GmbH' }],
    [A, 'veris.incident_id', undefined],
    [A, 'veris.summary', 'An invented logistics company lost access to its file servers after a ransomware attack.\r\n# This line is not a heading\r\nThe attacker used stolen VPN credentials.\u0007'],
    [B, 'timestamps', { occurred_at: '2019-01-01T00:00:00Z' }],
    [B, 'detection_method', 'human-review'],
    [B, 'category', { class: 'information-content-security', type: 'data-leak' }],
    [B, 'suspected_malicious', 'no'],
    [B, 'root_cause', { category: 'human-errors' }],
    [B, 'phi', { involved: true }],
    [B, 'scope', { jurisdictions: ['US', 'US-CA'] }],
    [B, 'veris.plus.dbir_year', 220],
    [B, 'veris.summary', undefined],
    [C, 'determination', 'suspected'],
    [C, 'category', { class: 'fraud', type: 'phishing' }],
    [C, 'attack_vector', 'email-phishing'],
    [C, 'severity', 'sev4'],
    [C, 'veris.impact', { overall_rating: 'Insignificant' }],
    [C, 'personal_data', { involved: 'unknown', categories: ['credentials'] }],
    [C, 'impact', { information: ['suspected-but-not-identified'] }],
    [C, 'provenance.source', 'veris'],
    [C, 'tlp', 'TLP:AMBER'],
    [C, 'scope', undefined],
    [C, 'veris.victim.country', ['Unknown']],
    [D, 'id', 'INC-20230602-SG1R'],
    [D, 'timestamps', { occurred_at: '2023-06-02T00:00:00Z' }],
    [D, 'detection_method', 'user-reporting'],
    [D, 'incident_types', ['equipment-theft']],
    [D, 'category', { class: 'information-content-security', type: 'data-loss' }],
    [D, 'attack_vector', 'loss-or-theft-of-equipment'],
  ])('%s: %s', (source, path, expected) => {
    const fm = bySource.get(source)!.frontMatter;
    expect(getPath(fm, path.split('.'))).toEqual(expected);
  });

  it('keeps the summary as `## Summary`, escaped so it stays one section', () => {
    const a = bySource.get(A)!.parsed;
    expect(a.sections.find((s) => s.title === 'Summary')!.content.trim()).toBe(
      'An invented logistics company lost access to its file servers after a ransomware attack.\n\\# This line is not a heading\nThe attacker used stolen VPN credentials.');
    expect(bySource.get(B)!.parsed.sections.find((s) => s.title === 'Summary')!.content.trim()).toBe('_No summary in the source record._');
  });

  it.each([A, B, C, D])('%s: VERIS → incident file → VERIS gives the record back', (source) => {
    const original = JSON.parse(readFileSync(join(TESTDATA, 'veris', source), 'utf8'));
    const file = bySource.get(source)!.parsed;
    expect(incidentToVeris(file.data!, file.sections)).toEqual(sortKeysDeep(original));
  });

  it('is reproducible: the same input gives byte-identical files', () => {
    expect(planFiles(importVeris(fixtures('veris'), importOptions()).incidents, 'incidents')).toEqual(imported().files);
  });

  it('does not import a record again and reports where it already is', () => {
    const again = importVeris(fixtures('veris').slice(0, 1), { ...importOptions(), importedSourceIds: new Map([['A1B2C3D4-0000-4000-8000-000000000001', 'INC-20250314-GS2C']]) });
    expect(again.incidents).toEqual([]);
    expect(again.diagnostics.map((d) => d.rule)).toEqual(['veris/already-imported']);
  });

  it('exported values follow edits made after the import', () => {
    const file = bySource.get(A)!.parsed;
    const edited = { ...file.data!, determination: 'false-positive', personal_data: { involved: 'yes', records_estimate: 1300 } };
    const out = incidentToVeris(edited, file.sections);
    expect(out['security_incident']).toBe('False positive');
    expect(getPath(out, ['attribute', 'confidentiality', 'data_total'])).toBe(1300);
  });
});

describe('VERIS import of hostile or broken input', () => {
  it.each([
    ['not an object', [1, 2, 3], ['veris/not-an-object'], 0],
    ['null', null, ['veris/not-an-object'], 0],
    ['__proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "incident_id": "X-1", "security_incident": "Confirmed", "timeline": {"incident": {"year": 2020}}}'), ['input/unsafe-key', 'veris/discovery-unknown', 'veris/round-trip'], 1],
    ['no id, no date', { summary: 'An invented record without id.', action: { unknown: {} } }, ['veris/missing-id', 'veris/no-incident-date', 'veris/discovery-unknown', 'veris/round-trip'], 1],
  ])('%s', (_label, value, rules, count) => {
    const r = importVeris([{ name: 'x.json', value }], importOptions());
    expect(r.diagnostics.map((d) => d.rule)).toEqual(rules);
    expect(r.incidents).toHaveLength(count);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('VERIS export of incidents that never were VERIS records', () => {
  it.each(['INC-20261002-K3DN', 'INC-20261105-9XTB', 'INC-20261118-R7WM', 'INC-20261130-4HQP'])('%s has every VERIS-required field', async (id) => {
    const { files } = await collectIncidentFiles(PACKAGE_ROOT, ['incidents']);
    const f = files.find((x) => x.path.includes(id))!;
    const p = parseIncidentFile(f.path, f.bytes);
    const v = incidentToVeris(p.data!, p.sections);
    for (const key of ['incident_id', 'security_incident', 'summary', 'schema_version', 'timeline', 'actor', 'action', 'asset', 'discovery_method']) expect(v).toHaveProperty(key);
    expect(v['incident_id']).toBe(id);
    expect(getPath(v, ['timeline', 'incident', 'year'])).toBeTypeOf('number');
  });

  it.each([
    // [incident, VERIS path, value derived from our fields]
    ['INC-20261002-K3DN', 'action', { hacking: { variety: ['Use of stolen creds'] } }],
    ['INC-20261002-K3DN', 'timeline', { incident: { year: 2026, month: 10, day: 1, time: '22:10:00' }, discovery: { unit: 'Hours', value: 8 }, containment: { unit: 'Hours', value: 1 } }],
    ['INC-20261002-K3DN', 'discovery_method', { internal: { variety: ['Unknown'] } }],
    ['INC-20261002-K3DN', 'attribute', { confidentiality: { data: [{ variety: 'Bank' }, { variety: 'Personal' }], data_disclosure: 'Yes', data_total: 2874 } }],
    ['INC-20261002-K3DN', 'security_incident', 'Confirmed'],
    ['INC-20261002-K3DN', 'impact', { overall_rating: 'Damaging', overall_amount: 18500, iso_currency_code: 'EUR' }],
    ['INC-20261002-K3DN', 'victim', { country: ['DE', 'AT'] }],
    ['INC-20261130-4HQP', 'discovery_method', { internal: { variety: ['Reported by employee'] } }],
  ])('%s: %s', async (id, path, expected) => {
    const { files } = await collectIncidentFiles(PACKAGE_ROOT, ['incidents']);
    const f = files.find((x) => x.path.includes(id))!;
    const p = parseIncidentFile(f.path, f.bytes);
    expect(getPath(incidentToVeris(p.data!, p.sections), [path])).toEqual(expected);
  });
});
