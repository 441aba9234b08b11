import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';

/** The nearest directory above `from` holding schemas/incident.schema.json: found by walking up, so
 * the same code works from scripts/lib/io/ (run through tsx) and from the bundle in scripts/.build/. */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'schemas', 'incident.schema.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`incident-ledger: schemas/ not found above ${from}`);
  }
}

/** Root of the incident-ledger package (where schemas/ and templates/ live). */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export function readShippedJson(relative: string): unknown {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, relative), 'utf8'));
}

/** A shipped YAML file (ours, checked by tests): js-yaml's core schema, ~4x faster than the positional
 * reader incident files need; duplicate keys are still an error. */
export function readShippedYaml(relative: string): unknown {
  return jsYaml.load(readFileSync(join(PACKAGE_ROOT, relative), 'utf8'), { schema: jsYaml.CORE_SCHEMA, filename: relative });
}
