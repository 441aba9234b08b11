import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { AJV_OPTIONS } from './ajv-options.ts';

// Loaded on first use, not at import: Ajv costs ~100 ms to load, and with the compile cache
// (io/schema-cache.ts) a command usually needs only ajv's small runtime helpers.
const require = createRequire(import.meta.url);
type AddFormats = (ajv: Ajv2020, opts: { mode: 'full' | 'fast' }) => Ajv2020;

/** One configured Ajv (AJV_OPTIONS + full formats); `source` keeps the generated code for the compile cache. */
export function createAjv(opts: { source?: boolean } = {}): Ajv2020 {
  const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as AddFormats;
  const ajv = new AjvClass({ ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code, source: opts.source ?? false } });
  addFormats(ajv, { mode: 'full' });
  return ajv;
}

/** Turns a shipped schema into a validate function. The default compiles in memory. */
export type SchemaCompiler = (schema: object) => ValidateFunction;

let compiler: SchemaCompiler = (schema) => createAjv().compile(schema);
const compiled = new WeakMap<object, ValidateFunction>();

/** Replaces the compiler (the CLI installs the on-disk compile cache); same schema in, same validation out. */
export function useSchemaCompiler(next: SchemaCompiler): void {
  compiler = next;
}

/** A validate function for a schema the project ships, compiled once per schema object. */
export function compileShipped<T = unknown>(schema: object): ValidateFunction<T> {
  let fn = compiled.get(schema);
  if (!fn) compiled.set(schema, (fn = compiler(schema)));
  return fn as ValidateFunction<T>;
}
