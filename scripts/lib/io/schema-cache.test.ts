/**
 * The on-disk compile cache gives exactly the validation of an in-memory compile (same verdicts,
 * same errors), from code loaded off disk on the second use — and survives an unwritable cache.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAjv } from '../validate/ajv.ts';
import { cachingCompiler } from './schema-cache.ts';
import { PACKAGE_ROOT, readShippedJson } from './shipped-schemas.ts';

// Inside the package's node_modules: the cached code requires ajv's runtime helpers from there.
const parent = join(PACKAGE_ROOT, 'node_modules', '.cache', 'incident-ledger');
mkdirSync(parent, { recursive: true });
const dir = mkdtempSync(join(parent, 'test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const require = createRequire(import.meta.url);

const schemas = ['schemas/incident.schema.json', 'schemas/lifecycle.schema.json', 'schemas/regimes.schema.json', 'schemas/settings.schema.json'];
const samples: unknown[] = [
  {},
  { id: 'INC-20261201-AB12', title: 'x', phase: 'nope', detected_at: '2026-13-01T00:00:00Z', __proto__x: 1 },
  { version: 1, phases: [{ id: 'detection', next: 'x' }] },
  { organisation: { time_zone: 3 } },
  [],
];

describe('schema compile cache', () => {
  it.each(schemas)('%s: cached code validates exactly like an in-memory compile', (path) => {
    const schema = readShippedJson(path) as object;
    const reference = createAjv().compile(schema);
    const first = cachingCompiler(dir)(schema);
    const second = cachingCompiler(dir)(schema);
    const cached = readdirSync(dir).filter((f) => f.endsWith('.cjs')).map((f) => join(dir, f));
    expect(cached.some((f) => require.cache[f]?.exports === second)).toBe(true);
    for (const sample of samples) {
      const expected = reference(sample);
      expect([first(sample), second(sample)]).toEqual([expected, expected]);
      expect(first.errors ?? null).toEqual(reference.errors ?? null);
      expect(second.errors ?? null).toEqual(reference.errors ?? null);
    }
  });

  it('compiles in memory when the cache cannot be written', () => {
    const blocked = join(dir, 'not-a-dir');
    writeFileSync(blocked, 'a file where the cache directory should be');
    const validate = cachingCompiler(blocked)(readShippedJson('schemas/lifecycle.schema.json') as object);
    expect(validate({})).toBe(false);
    expect(validate.errors?.length).toBeGreaterThan(0);
  });
});
