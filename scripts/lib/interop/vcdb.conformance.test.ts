import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';
import { parseIncidentFile, type ParsedFile } from '../parse/incident-file.ts';
import { planFiles } from './plan.ts';
import { incidentsToStix } from './stix/export.ts';
import { fixtures, importOptions } from './testkit.ts';
import { importTheHive } from './thehive/import.ts';
import { deepEqual, getPath, leafPaths, sortKeysDeep } from './tree.ts';
import { incidentToVeris, mappedVeris } from './veris/export.ts';
import { importVeris } from './veris/import.ts';

/**
 * Conformance: the real public data in ../shared/data (60 VCDB records, the OASIS STIX 2.1 JSON
 * schemas). Skips with a message when the folder is absent (e.g. a clone outside the workspace).
 */
const SHARED = join(PACKAGE_ROOT, '..', 'shared', 'data');
const VCDB = join(SHARED, 'vcdb-sample');
const STIX_SCHEMAS = join(SHARED, 'stix2-json-schemas', 'schemas');
const present = existsSync(VCDB) && existsSync(STIX_SCHEMAS);

if (!present) {
  console.warn(`conformance: ${SHARED} not found (needs vcdb-sample/ and stix2-json-schemas/); the VCDB and OASIS STIX checks are skipped`);
}

const recordFiles = present ? readdirSync(VCDB).filter((f) => /\.json$/i.test(f)).sort() : [];
const records = recordFiles.map((f) => ({ name: f, value: JSON.parse(readFileSync(join(VCDB, f), 'utf8')) as Record<string, unknown> }));

describe.skipIf(!present)('VCDB sample (../shared/data/vcdb-sample)', () => {
  let repo = '';
  beforeAll(async () => { repo = await mkdtemp(join(tmpdir(), 'il-vcdb-')); });
  afterAll(async () => { if (repo) await rm(repo, { recursive: true, force: true }); });

  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { cwd: repo, env: {}, interactive: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, out: out.join(''), err: err.join('') };
  };

  it('has the 60 records the suite expects', () => expect(records).toHaveLength(60));

  it('imports all 60 records with `incident import veris`, and every file passes `incident validate`', async () => {
    const imp = await run(['import', 'veris', VCDB, '--at', '2026-12-03T16:00:00Z', '--by', 'conformance', '--format', 'json']);
    const json = JSON.parse(imp.out) as { imported: { written: boolean }[]; diagnostics: { severity: string; rule: string }[] };
    expect(json.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(json.diagnostics.filter((d) => d.rule === 'veris/round-trip')).toEqual([]);
    expect(json.imported.filter((i) => i.written)).toHaveLength(60);
    expect(imp.code).toBe(0);
    const val = await run(['validate']);
    expect(val.out).toBe('✔ 60 incident files checked: no problems.\n');
    expect(val.code).toBe(0);
  });

  it('compiles a report for every imported incident', async () => {
    const ids = (await readdir(join(repo, 'incidents'), { recursive: true })).filter((f) => f.endsWith('.md')).map((f) => /INC-\d{8}-[0-9A-Z]{4}/.exec(f)![0]);
    expect(ids).toHaveLength(60);
    // One full run (every incident, every audience) instead of 60 runs that each re-read the repository.
    expect((await run(['report'])).code).toBe(0);
    for (const id of ids) expect(existsSync(join(repo, 'out/reports', id, 'internal.html')), id).toBe(true);
  });

  describe('VERIS → incident → VERIS, field by field', () => {
    const opts = importOptions();
    const result = importVeris(records, opts);
    const files = planFiles(result.incidents, 'incidents');
    const parsed = new Map<string, ParsedFile>(files.map((f) => [f.source, parseIncidentFile(f.path, f.text)]));
    let mappedLeaves = 0;
    let keptLeaves = 0;

    it.each(recordFiles)('%s', (name) => {
      const original = records.find((r) => r.name === name)!.value;
      const file = parsed.get(name)!;
      const back = incidentToVeris(file.data!, file.sections);
      const mismatches = leafPaths(original).filter((p) => !deepEqual(getPath(back, p), getPath(original, p))).map((p) => p.join('.'));
      const extra = leafPaths(back).filter((p) => getPath(original, p) === undefined).map((p) => p.join('.'));
      expect({ mismatches, extra }).toEqual({ mismatches: [], extra: [] });
      expect(back).toEqual(sortKeysDeep(original));
      // Every value is either mapped to our fields or kept verbatim under `veris`, never both, never neither.
      const mapped = mappedVeris(file.data!, file.sections);
      const remainder = file.data!['veris'];
      for (const p of leafPaths(original)) {
        const inMapped = deepEqual(getPath(mapped, p), getPath(original, p));
        const inRemainder = deepEqual(getPath(remainder, p), getPath(original, p));
        expect(inMapped !== inRemainder, `${p.join('.')} mapped=${inMapped} kept=${inRemainder}`).toBe(true);
        if (inMapped) mappedLeaves++; else keptLeaves++;
      }
    });

    afterAll(() => {
      if (mappedLeaves + keptLeaves) console.info(`conformance: VCDB round trip: ${mappedLeaves} values mapped to incident fields, ${keptLeaves} kept verbatim under veris`);
    });
  });
});

describe.skipIf(!present)('STIX 2.1 bundles against the OASIS schemas (../shared/data/stix2-json-schemas)', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
  const schemaId = (rel: string) => `http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/${rel}`;
  if (present) {
    for (const f of walk(STIX_SCHEMAS)) {
      const schema = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      ajv.addSchema(f.endsWith('/common/bundle.json') ? withIncident(schema) : schema);
    }
  }
  const typeSchema = (type: string): string | undefined => {
    const found = present ? walk(STIX_SCHEMAS).find((f) => f.endsWith(`/${type}.json`) && !f.includes('/common/')) : undefined;
    if (found) return schemaId(relative(STIX_SCHEMAS, found));
    return type === 'marking-definition' ? schemaId('common/marking-definition.json') : undefined;
  };

  const check = (bundle: Record<string, unknown>) => {
    const validateBundle = ajv.getSchema(schemaId('common/bundle.json'))!;
    expect(validateBundle(bundle), JSON.stringify(validateBundle.errors?.slice(0, 3))).toBe(true);
    for (const obj of bundle['objects'] as Record<string, unknown>[]) {
      const id = typeSchema(String(obj['type']));
      expect(id, `schema for ${String(obj['type'])}`).toBeDefined();
      const v = ajv.getSchema(id!)!;
      expect(v(obj), `${String(obj['id'])}: ${JSON.stringify(v.errors?.slice(0, 3))}`).toBe(true);
    }
  };

  it('the 60 imported VCDB incidents as one bundle', () => {
    const result = importVeris(records, importOptions());
    const inputs = planFiles(result.incidents, 'incidents').map((f) => parseIncidentFile(f.path, f.text)).map((p) => ({ data: p.data!, sections: p.sections }));
    const { bundle } = incidentsToStix(inputs, { producer: 'Conformance', maxTlp: 'TLP:RED' });
    expect((bundle['objects'] as unknown[]).filter((o) => (o as { type: string }).type === 'incident')).toHaveLength(60);
    check(bundle);
  });

  it('the invented fixtures (indicators, observables, relationships, every TLP)', () => {
    const opts = importOptions();
    const all = [...importVeris(fixtures('veris'), opts).incidents, ...importTheHive(fixtures('thehive'), opts).incidents];
    const inputs = planFiles(all, 'incidents').map((f) => parseIncidentFile(f.path, f.text)).map((p) => ({ data: p.data!, sections: p.sections }));
    const { bundle } = incidentsToStix(inputs, { producer: 'Conformance', maxTlp: 'TLP:RED' });
    expect(new Set((bundle['objects'] as { type: string }[]).map((o) => o.type))).toEqual(new Set(['identity', 'marking-definition', 'incident', 'indicator', 'relationship', 'domain-name', 'ipv4-addr', 'file', 'email-addr', 'url']));
    check(bundle);
  });
});

/**
 * The OASIS bundle.json lists the SDO types a bundle may hold, and `incident` (a STIX 2.1 stub
 * added late) is not among them, so an incident falls through to the schema's custom-object branch,
 * which no object that fits both core and cyber-observable-core can pass. The same omission was
 * fixed upstream for infrastructure (oasis-open/cti-stix2-json-schemas#133) and reported for
 * malware-analysis (#147). Add the incident schema to the list, and nothing else; every object is
 * also validated against its own type's schema below.
 */
function withIncident(bundle: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(bundle)) as { properties: { objects: { items: { anyOf: [{ oneOf: { $ref: string }[] }, { allOf: [unknown, { properties: { type: { not: { enum: string[] } } } }] }] } } } };
  const [known, custom] = copy.properties.objects.items.anyOf;
  if (!known.oneOf.some((r) => r.$ref === '../sdos/incident.json')) known.oneOf.push({ $ref: '../sdos/incident.json' });
  const notTypes = custom.allOf[1].properties.type.not.enum;
  if (!notTypes.includes('incident')) notTypes.push('incident');
  return copy as unknown as Record<string, unknown>;
}

describe.skipIf(present)('conformance data absent', () => {
  it.skip(`skipped: ${SHARED} not found — the VCDB import and OASIS STIX checks need ../shared/data`, () => {});
});
