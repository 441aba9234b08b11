import { describe, expect, it } from 'vitest';
import { readShippedJson, readShippedYaml } from '../io/shipped-schemas.ts';
import { shippedRegimes } from '../io/regimes.ts';
import { buildCatalog, noticeGates } from './catalog.ts';
import { isKnownCalendar } from './holidays.ts';
import { isKnownTimeZone } from './zoned-time.ts';

type Schema = Record<string, unknown>;
const incidentSchema = readShippedJson('schemas/incident.schema.json') as Schema;
const settingsSchema = readShippedJson('schemas/settings.schema.json') as Schema;
const regimesSchema = readShippedJson('schemas/regimes.schema.json') as object;

/** True when a dotted path names a property the schema declares (maps with open keys accept any key). */
function schemaHasPath(schema: Schema, dotted: string): boolean {
  let node: Schema | undefined = schema;
  for (const key of dotted.split('.')) {
    if (!node) return false;
    if (typeof node['$ref'] === 'string') node = (schema['$defs'] as Schema)[(node['$ref'] as string).split('/').pop()!] as Schema;
    const props = node['properties'] as Schema | undefined;
    if (props && key in props) node = props[key] as Schema;
    else if (node['additionalProperties'] && typeof node['additionalProperties'] === 'object') node = node['additionalProperties'] as Schema;
    else return false;
  }
  return true;
}

const REQUIRED = [
  'gdpr-art33', 'gdpr-art33-processor', 'gdpr-art34', 'ukgdpr-art33',
  'nis2-early-warning', 'nis2-notification', 'nis2-tsp-notification', 'nis2-intermediate', 'nis2-final',
  'dora-initial', 'dora-intermediate', 'dora-intermediate-update', 'dora-final',
  'sec-8k-105', 'sec-8k-105-amend', 'nydfs-500-17a', 'nydfs-500-17c-notice', 'nydfs-500-17c-explain',
  'hipaa-individuals', 'hipaa-media', 'hipaa-hhs-500plus', 'hipaa-hhs-under500', 'hipaa-ba',
  'us-ca-individuals', 'us-ca-ag', 'in-cert-in', 'au-ndb-assessment', 'au-ndb-notify', 'au-ransom-payment',
  'ca-pipeda', 'insurer-fnol', 'insurer-proof-of-loss', 'circia-incident', 'circia-ransom',
];

describe('shipped regimes catalogue', () => {
  const catalog = shippedRegimes();

  it('encodes every regime of standards.md §6(b) the issue names', () => {
    expect(REQUIRED.filter((id) => !catalog.byId.has(id))).toEqual([]);
  });

  it('keeps CIRCIA proposed (off unless enabled) and PIPEDA without a numeric deadline', () => {
    expect(catalog.byId.get('circia-incident')!.status).toBe('proposed');
    expect(catalog.byId.get('circia-ransom')!.status).toBe('proposed');
    expect(catalog.byId.get('ca-pipeda')!.clock.terms[0]!.unit).toBe('none');
  });

  it('starts every clock at a field the incident schema declares', () => {
    const bad: string[] = [];
    for (const r of catalog.regimes) {
      for (const t of [...r.clock.terms, ...(r.clock.after_limit ? [r.clock.after_limit] : [])]) {
        for (const s of t.from) if ('field' in s && !('notice' in s) && !schemaHasPath(incidentSchema, s.field)) bad.push(`${r.id}: ${s.field}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has a path checker that rejects misspelt paths (so the two tests above can fail)', () => {
    expect(schemaHasPath(incidentSchema, 'personal_data.risky')).toBe(false);
    expect(schemaHasPath(incidentSchema, 'timestamps.awareat')).toBe(false);
    expect(schemaHasPath(settingsSchema, 'entity_types.nis3')).toBe(false);
    expect(schemaHasPath(incidentSchema, 'residents_by_jurisdiction.US-TX')).toBe(true);
  });

  it('refers in its conditions only to fields the incident and settings schemas declare', () => {
    const bad: string[] = [];
    for (const [key, p] of catalog.predicates) {
      for (const [, root, path] of p.source.matchAll(/\b(incident|org)\.([A-Za-z0-9_.-]+)/g)) {
        if (!schemaHasPath(root === 'incident' ? incidentSchema : settingsSchema, path!)) bad.push(`${key}: ${root}.${path}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('names holiday calendars the holiday library knows, and links every rule to https sources', () => {
    for (const r of catalog.regimes) {
      if (r.holidays && r.holidays !== 'org') expect(isKnownCalendar(r.holidays), r.id).toBe(true);
      expect(r.source, r.id).toMatch(/^https:\/\/\S+$/);
    }
  });

  it('gives the gates first-stage ids and later-stage rules; conditional stages need their own decision', () => {
    const { firstStage, rules } = noticeGates(catalog);
    expect([...firstStage]).toEqual(expect.arrayContaining(['gdpr-art33', 'nis2-early-warning', 'dora-initial', 'sec-8k-105', 'nydfs-500-17a', 'in-cert-in', 'insurer-fnol']));
    expect(firstStage.has('nis2-final')).toBe(false);
    expect(rules).toContainEqual({ id: 'nis2-final', gate: 'final-report', follows: 'nis2-early-warning' });
    expect(rules).toContainEqual({ id: 'dora-intermediate', gate: 'investigation', follows: 'dora-initial' });
    expect(rules).toContainEqual({ id: 'hipaa-hhs-500plus', gate: 'investigation' });
  });
});

describe('buildCatalog rejects a broken catalogue with one line per problem', () => {
  const base = readShippedYaml('schemas/regimes.yaml') as { version: 1; regimes: Record<string, unknown>[] };
  const withFirst = (patch: Record<string, unknown>) => ({ ...base, regimes: [{ ...base.regimes[0], ...patch }, ...base.regimes.slice(1)] });

  it.each([
    ['a condition that does not parse', withFirst({ applies_if: "incident.x == 'a' &&" }), /gdpr-art33\): applies_if: unexpected end of condition/],
    ['an unknown decided_with', withFirst({ decided_with: 'nope' }), /refers to unknown regime `nope`/],
    ['an unknown time zone', withFirst({ time_zone: 'Mars/Olympus' }), /unknown time zone `Mars\/Olympus`/],
    ['a duplicate id', { ...base, regimes: [...base.regimes, base.regimes[0]] }, /duplicate id `gdpr-art33`/],
    ['a schema violation', withFirst({ stage: 'whenever' }), /regimes\.yaml\/regimes\/0\/stage/],
    ['offset with unit none', withFirst({ clock: { terms: [{ from: [{ field: 'timestamps.aware_at' }], offset: 3, unit: 'none' }] } }), /regimes\.yaml\/regimes\/0\/clock\/terms\/0/],
  ])('%s', (_what, raw, msg) => {
    const { catalog, errors } = buildCatalog(raw, regimesSchema);
    expect(catalog).toBeUndefined();
    expect(errors.join('\n')).toMatch(msg);
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['Europe/Berlin', true], ['America/New_York', true], ['UTC', true],
    ['US/Eastern', true], // an alias: not in the canonical list, still known to the runtime
    ['Mars/Olympus_Mons', false], ['', false], ['Europe/Berlin ', false],
  ])('%j → %s', (tz, known) => {
    expect(isKnownTimeZone(tz)).toBe(known);
  });
});
