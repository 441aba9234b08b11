import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { AJV_OPTIONS } from '../validate/ajv-options.ts';
import { createAjv, useSchemaCompiler, type SchemaCompiler } from '../validate/ajv.ts';
import { PACKAGE_ROOT } from './shipped-schemas.ts';

const require = createRequire(import.meta.url);

/**
 * An on-disk compile cache for the shipped JSON Schemas: Ajv's standalone code, keyed by a hash of
 * the schema and of the Ajv setup (versions, options, the source of validate/ajv.ts), in
 * node_modules/.cache/incident-ledger/ajv/. Compiling
 * the incident, lifecycle, regimes and settings schemas costs ~300 ms per process; loading their
 * compiled code costs a few ms and does not load Ajv itself. Same key, same code: never stale.
 * A cache that cannot be written (read-only install) only means compiling in memory every time.
 */
export function cachingCompiler(dir: string = join(PACKAGE_ROOT, 'node_modules', '.cache', 'incident-ledger', 'ajv')): SchemaCompiler {
  // The key covers everything that decides the generated code: both packages' versions, our
  // options and the source of the Ajv setup (formats, keywords), so editing the setup changes it.
  // The source files, not createAjv.toString(): that text differs between tsx and the bundle, and
  // the cache `npm run build` warms must be the one the bundle finds.
  const versions = ['ajv', 'ajv-formats'].map((p) => (require(`${p}/package.json`) as { version: string }).version);
  const setup = createHash('sha256').update(JSON.stringify([versions, AJV_OPTIONS, setupSource()])).digest('hex');
  return (schema) => {
    const key = createHash('sha256').update(setup).update(JSON.stringify(schema)).digest('hex').slice(0, 24);
    const file = join(dir, `${key}.cjs`);
    try {
      const cached: unknown = require(file);
      if (typeof cached === 'function') return cached as ValidateFunction;
      delete require.cache[file]; // an empty or damaged file: compile and overwrite it below
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

function setupSource(): string {
  try {
    return ['ajv.ts', 'ajv-options.ts'].map((f) => readFileSync(join(PACKAGE_ROOT, 'scripts', 'lib', 'validate', f), 'utf8')).join('\0');
  } catch {
    return createAjv.toString(); // sources not shipped: the function text still changes with an edit
  }
}

/** Makes every compileShipped call in this process go through the on-disk cache. */
export function installSchemaCache(dir?: string): void {
  // Set up on the first compile: commands that compile nothing (--help, new) skip the key's file reads.
  let compiler: SchemaCompiler | undefined;
  useSchemaCompiler((schema) => (compiler ??= cachingCompiler(dir))(schema));
}
