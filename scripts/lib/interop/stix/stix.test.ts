import { describe, expect, it } from 'vitest';
import { readShippedJson } from '../../io/shipped-schemas.ts';
import { parseIncidentFile } from '../../parse/incident-file.ts';
import { createAjv } from '../../validate/ajv.ts';
import { planFiles } from '../plan.ts';
import { fixtures, importOptions } from '../testkit.ts';
import { importTheHive } from '../thehive/import.ts';
import { importVeris } from '../veris/import.ts';
import { incidentsToStix, INCIDENT_CORE_EXTENSION } from './export.ts';

function inputs() {
  const opts = importOptions();
  const all = [...importVeris(fixtures('veris'), opts).incidents, ...importTheHive(fixtures('thehive'), opts).incidents];
  return planFiles(all, 'incidents').map((f) => parseIncidentFile(f.path, f.text)).map((p) => ({ data: p.data!, sections: p.sections }));
}

const validate = createAjv().compile(readShippedJson('scripts/lib/interop/stix/stix-bundle.schema.json') as object);
type Obj = Record<string, unknown>;

describe('STIX 2.1 export', () => {
  const { bundle, skipped } = incidentsToStix(inputs(), { producer: 'Example CSIRT', maxTlp: 'TLP:RED' });
  const objects = bundle['objects'] as Obj[];

  it('matches the project schema for what we emit', () => {
    const ok = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has one incident per incident, with the incident-core extension', () => {
    const incidents = objects.filter((o) => o['type'] === 'incident');
    expect(incidents).toHaveLength(6);
    for (const i of incidents) expect(Object.keys(i['extensions'] as Obj)).toEqual([INCIDENT_CORE_EXTENSION]);
  });

  it.each([
    ['identity', 1], ['marking-definition', 4], ['indicator', 5], ['domain-name', 1], ['ipv4-addr', 1], ['file', 1], ['email-addr', 1], ['url', 1],
  ])('emits %s objects: %i', (type, n) => expect(objects.filter((o) => o['type'] === type)).toHaveLength(n));

  it('leaves out what has no STIX pattern and says so', () => {
    expect(skipped.map((s) => s.reason)).toEqual(['type `other` has no STIX pattern', 'type `other` has no STIX pattern']);
  });

  it('resolves every reference inside the bundle', () => {
    const ids = new Set(objects.map((o) => o['id']));
    const refs = objects.flatMap((o) => [o['created_by_ref'], o['source_ref'], o['target_ref'], ...((o['object_marking_refs'] as string[] | undefined) ?? [])]).filter(Boolean);
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(incidentsToStix(inputs().reverse(), { producer: 'Example CSIRT', maxTlp: 'TLP:RED' }).bundle)).toBe(JSON.stringify(bundle));
  });

  it.each([
    ['TLP:CLEAR', 2, 0],
    ['TLP:AMBER', 5, 4],
    ['TLP:AMBER+STRICT', 5, 4],
    ['TLP:RED', 6, 5],
  ])('--max-tlp %s keeps %i incidents and %i indicators', (maxTlp, incidents, indicators) => {
    const r = incidentsToStix(inputs(), { producer: 'Example CSIRT', maxTlp });
    const objs = r.bundle['objects'] as Obj[];
    expect(objs.filter((o) => o['type'] === 'incident')).toHaveLength(incidents);
    expect(objs.filter((o) => o['type'] === 'indicator')).toHaveLength(indicators);
    expect(validate(r.bundle)).toBe(true);
  });
});
