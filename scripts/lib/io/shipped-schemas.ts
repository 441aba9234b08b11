import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

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

export function readShippedYaml(relative: string): unknown {
  return parse(readFileSync(join(PACKAGE_ROOT, relative), 'utf8'), { schema: 'core', uniqueKeys: true });
}
