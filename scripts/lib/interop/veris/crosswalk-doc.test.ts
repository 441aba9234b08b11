import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../io/shipped-schemas.ts';
import { readShippedJson } from '../../io/shipped-schemas.ts';
import { crosswalkTables, GENERATED_END, GENERATED_START } from './crosswalk-doc.ts';
import { DATA_CATEGORY, DETERMINATION, DISCOVERY_RULES, INCIDENT_TYPE_RULES, RSIT_RULES, SEVERITY, VECTOR_RULES } from './crosswalk.ts';

describe('CROSSWALK.md', () => {
  it('holds the tables the importer runs', () => {
    const text = readFileSync(join(PACKAGE_ROOT, 'scripts', 'lib', 'interop', 'CROSSWALK.md'), 'utf8');
    const generated = text.slice(text.indexOf(GENERATED_START) + GENERATED_START.length, text.indexOf(GENERATED_END)).trim();
    expect(generated, 'regenerate: npx tsx scripts/lib/interop/veris/crosswalk-doc.ts --write').toBe(crosswalkTables());
  });
});

describe('crosswalk targets are values the incident schema accepts', () => {
  const schema = readShippedJson('schemas/incident.schema.json') as { properties: Record<string, { enum?: string[]; items?: { enum?: string[] }; properties?: Record<string, { enum?: string[]; items?: { enum?: string[] } }>; allOf?: { if: { properties: { class: { const: string } } }; then: { properties: { type: { enum: string[] } } } }[] }> };
  const p = schema.properties;
  const rsit = Object.fromEntries(p['category']!.allOf!.map((r) => [r.if.properties.class.const, r.then.properties.type.enum]));
  it.each(RSIT_RULES.map((r) => [r.action, r.to.class, r.to.type]))('%s → %s/%s', (_a, cls, type) => expect(rsit[cls]).toContain(type));
  it.each(VECTOR_RULES.map((r) => [r.action, r.to]))('%s → attack_vector %s', (_a, v) => expect(p['attack_vector']!.enum).toContain(v));
  it.each(INCIDENT_TYPE_RULES.map((r) => [r.action, r.to]))('%s → incident_types %s', (_a, v) => expect(p['incident_types']!.items!.enum).toContain(v));
  it.each(DISCOVERY_RULES.map((r) => [r.category, r.to.method]))('%s → detection_method %s', (_c, m) => expect(p['detection_method']!.enum).toContain(m));
  it.each(Object.values(DETERMINATION))('determination %s', (d) => expect(p['determination']!.enum).toContain(d));
  it.each(Object.values(SEVERITY))('severity %s', (s) => expect(s).toMatch(/^sev[1-9]$/));
  it.each(Object.values(DATA_CATEGORY))('personal data category %s', (c) => expect(p['personal_data']!.properties!['categories']!.items!.enum).toContain(c));
});
