import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Root of the incident-ledger package (where schemas/ and templates/ live). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function readShippedJson(relative: string): unknown {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, relative), 'utf8'));
}

export function readShippedYaml(relative: string): unknown {
  return parse(readFileSync(join(PACKAGE_ROOT, relative), 'utf8'), { schema: 'core', uniqueKeys: true });
}
