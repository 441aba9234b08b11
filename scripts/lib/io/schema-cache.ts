import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { AJV_OPTIONS } from '../validate/ajv-options.ts';
import { createAjv, useSchemaCompiler, type SchemaCompiler } from '../validate/ajv.ts';
import { PACKAGE_ROOT } from './shipped-schemas.ts';

const require = createRequire(import.meta.url);

/**
 * An on-disk compile cache for the shipped JSON Schemas: Ajv's standalone code, keyed by a hash of
 * the schema, Ajv's version and our options, in node_modules/.cache/incident-ledger/ajv/. Compiling
 * the incident, lifecycle, regimes and settings schemas costs ~300 ms per process; loading their
 * compiled code costs a few ms and does not load Ajv itself. Same key, same code: never stale.
 * A cache that cannot be written (read-only install) only means compiling in memory every time.
 */
export function cachingCompiler(dir: string = join(PACKAGE_ROOT, 'node_modules', '.cache', 'incident-ledger', 'ajv')): SchemaCompiler {
  const version = (require('ajv/package.json') as { version: string }).version;
  return (schema) => {
    const key = createHash('sha256').update(JSON.stringify([version, AJV_OPTIONS, schema])).digest('hex').slice(0, 24);
    const file = join(dir, `${key}.cjs`);
    try {
      return require(file) as ValidateFunction;
    } catch {
      // Not cached yet (or unreadable): compile and (re)write it below.
    }
    const ajv = createAjv({ source: true });
    const validate = ajv.compile(schema);
    try {
      const { default: standaloneCode } = require('ajv/dist/standalone') as { default: (ajv: unknown, fn: unknown) => string };
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, standaloneCode(ajv, validate));
      renameSync(tmp, file);
    } catch {
      // Best effort: the validate function above is correct either way.
    }
    return validate;
  };
}

/** Makes every compileShipped call in this process go through the on-disk cache. */
export function installSchemaCache(dir?: string): void {
  useSchemaCompiler(cachingCompiler(dir));
}
