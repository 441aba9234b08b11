import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';

/** Shared by the interop tests: fixtures folder, template body, fixed import options. */
export const TESTDATA = join(PACKAGE_ROOT, 'scripts', 'lib', 'interop', 'testdata');
export const IMPORTED_AT = '2026-12-03T16:00:00Z';

export function templateBody(): string {
  return readFileSync(join(PACKAGE_ROOT, 'templates', 'incident.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
}

export function fixtures(folder: string): { name: string; value: unknown }[] {
  const dir = join(TESTDATA, folder);
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => ({ name: f, value: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

export function importOptions() {
  return { importedAt: IMPORTED_AT, importedBy: 'fixture', takenIds: new Set<string>(), templateBody: templateBody(), lifecycle: shippedLifecycle() };
}
