import { describe, expect, it } from 'vitest';
import { shippedValidator } from '../../io/shipped-validator.ts';
import { parseIncidentFile } from '../../parse/incident-file.ts';
import { planFiles } from '../plan.ts';
import { fixtures, importOptions } from '../testkit.ts';
import { getPath } from '../tree.ts';
import { importTheHive, instant } from './import.ts';
import { RSIT_TYPES } from './rsit.ts';
import { readShippedJson } from '../../io/shipped-schemas.ts';

const PAYROLL = 'case-payroll-phishing.json';
const RED = 'case-wrapped-red.json';

describe('TheHive 5 case import', () => {
  const result = importTheHive(fixtures('thehive'), importOptions());
  const by = new Map(result.incidents.map((i) => [i.source, i]));
  const files = planFiles(result.incidents, 'incidents');
  const parsed = files.map((f) => parseIncidentFile(f.path, f.text));

  it('reports exactly the expected problems and writes valid files', () => {
    expect(result.diagnostics.map((d) => [d.file, d.rule, d.message])).toEqual([
      [PAYROLL, 'thehive/observable', 'observable 7 has no text `data` (attachments are not indicators)'],
    ]);
    expect(shippedValidator().validateFiles(parsed)).toEqual([]);
  });

  it.each([
    [PAYROLL, 'title', 'Payroll phishing wave against finance staff'],
    [PAYROLL, 'phase', 'preliminary-analysis'],
    [PAYROLL, 'tlp', 'TLP:AMBER'],
    [PAYROLL, 'pap', 'PAP:AMBER'],
    [PAYROLL, 'severity', 'sev2'],
    [PAYROLL, 'determination', 'successful-attempt'],
    [PAYROLL, 'category', { class: 'fraud', type: 'phishing' }],
    [PAYROLL, 'owner', 'ic@example.org'],
    [PAYROLL, 'reporter', { name: 'analyst@example.org', kind: 'internal' }],
    [PAYROLL, 'timestamps', { occurred_at: '2024-11-30T20:53:20Z', detected_at: '2024-11-30T21:53:20Z', reported_at: '2024-11-30T21:53:20Z', acknowledged_at: '2024-11-30T22:23:20Z', resolved_at: '2024-12-02T20:53:20Z' }],
    [PAYROLL, 'timeline', [
      { at: '2024-11-30T22:33:20Z', by: 'soc@example.org', kind: 'action', entry: 'Task started: Block sender domain' },
      { at: '2024-11-30T22:50:00Z', by: 'soc@example.org', kind: 'action', entry: 'Block sender domain: Domain added to the mail gateway block list.' },
      { at: '2024-11-30T22:53:20Z', by: 'soc@example.org', kind: 'action', entry: 'Task completed: Block sender domain' },
      { at: '2024-11-30T23:06:40Z', by: 'ic@example.org', kind: 'action', entry: 'Task started: Reset exposed passwords' },
    ]],
    [PAYROLL, 'indicators', [
      { type: 'domain', value: 'payro11-example.net', tlp: 'TLP:GREEN', description: 'Sender and landing-page domain' },
      { type: 'ipv4', value: '203.0.113.7', tlp: 'TLP:AMBER' },
      { type: 'sha256', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', tlp: 'TLP:AMBER' },
      { type: 'email', value: 'payroll@payro11-example.net', tlp: 'TLP:AMBER' },
      { type: 'url', value: "https://payro11-example.net/login?x='1'", tlp: 'TLP:RED' },
      { type: 'other', value: 'HKCU\\Software\\Example\\Run', tlp: 'TLP:AMBER', description: 'TheHive dataType registry' },
    ]],
    [PAYROLL, 'thehive.customFields', { 'business-unit': 'finance' }],
    [PAYROLL, 'thehive.tags', ['phishing', 'rsit:fraud="phishing"']],
    [PAYROLL, 'thehive.impactStatus', 'WithImpact'],
    [PAYROLL, 'thehive.tasks.0.logs', [{ _id: '~6001', date: 1733007000000, _createdBy: 'soc@example.org' }]],
    [PAYROLL, 'provenance.original_id', '~41000001'],
    [RED, 'tlp', 'TLP:RED'],
    [RED, 'pap', 'PAP:RED'],
    [RED, 'severity', 'sev1'],
    [RED, 'phase', 'detection'],
    [RED, 'indicators', [{ type: 'other', value: 'suspicious login pattern', tlp: 'TLP:RED', description: 'TheHive dataType other' }]],
  ])('%s: %s', (source, path, expected) => {
    const fm = by.get(source)!.frontMatter;
    const value = path.split('.').reduce<unknown>((cur, k) => (Array.isArray(cur) ? cur[Number(k)] : getPath(cur, [k])), fm);
    expect(value).toEqual(expected);
  });

  it('puts the description under ## Summary with its headings demoted, the case summary under ## Final report', () => {
    const p = parsed[result.incidents.findIndex((i) => i.source === PAYROLL)]!;
    expect(p.sections.filter((s) => s.level === 2).map((s) => s.title)).toContain('Summary');
    expect(p.sections.find((s) => s.title === 'Summary')!.content).toContain('#### Details');
    expect(p.sections.find((s) => s.title === 'Final report')!.content.trim()).toBe('Sender domain blocked; two passwords reset.');
  });

  it.each([
    ['not a case', [1], 'thehive/not-a-case'],
    ['no title', { description: 'x' }, 'thehive/not-a-case'],
    ['a title but no creation time', { title: 'Phishing wave' }, 'thehive/not-a-case'],
  ])('%s is reported, not imported', (_l, value, rule) => {
    const r = importTheHive([{ name: 'x.json', value }], importOptions());
    expect(r.incidents).toEqual([]);
    expect(r.diagnostics.map((d) => d.rule)).toEqual([rule]);
  });

  it('keeps out-of-order case dates under thehive instead of writing an invalid incident', () => {
    const value = { _id: '~9', title: 'Invented case with odd dates', description: 'd', tlp: 2, _createdAt: 1733000000000, startDate: 1733000500000, inProgressDate: 1732990000000, status: 'TruePositive', stage: 'Closed', endDate: 1732000000000 };
    const r = importTheHive([{ name: 'odd.json', value }], importOptions());
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['thehive/date-order', 'thehive/date-order', 'thehive/date-order']);
    const fm = r.incidents[0]!.frontMatter;
    expect(fm['timestamps']).toEqual({ detected_at: '2024-11-30T20:53:20Z', reported_at: '2024-11-30T20:53:20Z' });
    expect(fm['thehive']).toMatchObject({ startDate: 1733000500000, inProgressDate: 1732990000000, endDate: 1732000000000 });
    const files = planFiles(r.incidents, 'incidents');
    expect(shippedValidator().validateFiles(files.map((f) => parseIncidentFile(f.path, f.text)))).toEqual([]);
  });

  it.each([
    [1733000000000, '2024-11-30T20:53:20Z'],
    ['2024-11-30T20:53:20.5+01:00', '2024-11-30T19:53:20.500Z'],
    [-5, undefined],
    ['yesterday', undefined],
    [1e20, undefined],
  ])('instant(%j) = %j', (v, iso) => expect(instant(v)).toBe(iso));

  it('knows the same RSIT class/type pairs as the incident schema', () => {
    const schema = readShippedJson('schemas/incident.schema.json') as { properties: { category: { allOf: { if: { properties: { class: { const: string } } }; then: { properties: { type: { enum: string[] } } } }[] } } };
    const fromSchema = Object.fromEntries(schema.properties.category.allOf.map((r) => [r.if.properties.class.const, r.then.properties.type.enum]));
    expect(RSIT_TYPES).toEqual(fromSchema);
  });
});
