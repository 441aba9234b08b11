import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSettings } from '../deadlines/settings-check.ts';
import { DEFAULT_SETTINGS, type Settings } from '../deadlines/types.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { MAX_FILE_BYTES } from '../parse/source-text.ts';
import { readShippedJson } from './shipped-schemas.ts';

/** The organisation settings file, at the repository root (top level allows dotfiles only). */
export const SETTINGS_FILE = '.incident-ledger.yml';

/**
 * Reads `<root>/.incident-ledger.yml`. A repository without one gets DEFAULT_SETTINGS (UTC, no
 * organisation-level regimes: only decisions recorded in incidents count). A file that is not a
 * regular file, too large or invalid gives diagnostics, never a throw.
 */
export async function loadSettings(root: string): Promise<{ settings: Settings; found: boolean; diagnostics: Diagnostic[] }> {
  const path = join(root, SETTINGS_FILE);
  let st;
  try { st = await lstat(path); } catch { return { settings: DEFAULT_SETTINGS, found: false, diagnostics: [] }; }
  const fail = (rule: string, message: string, hint: string) => ({ settings: DEFAULT_SETTINGS, found: true, diagnostics: [{ rule, severity: 'error' as const, file: SETTINGS_FILE, line: 0, column: 0, message, hint }] });
  if (!st.isFile()) return fail('settings/not-a-file', `${SETTINGS_FILE} is not a regular file (symbolic links are not followed)`, `Replace it with the settings file itself; see the shipped ${SETTINGS_FILE} for the shape.`);
  if (st.size > MAX_FILE_BYTES) return fail('settings/too-large', `${SETTINGS_FILE} is ${st.size} bytes; the limit is ${MAX_FILE_BYTES}`, 'Settings are a few kilobytes; check the file was not replaced by something else.');
  return settingsFromText(await readFile(path, 'utf8'));
}

/** One reading of the settings text, whether it came from the working tree or a revision. */
function settingsFromText(raw: string): { settings: Settings; found: boolean; diagnostics: Diagnostic[] } {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const { settings, diagnostics } = checkSettings(SETTINGS_FILE, text, readShippedJson('schemas/settings.schema.json') as Record<string, unknown>);
  return { settings: settings ?? DEFAULT_SETTINGS, found: true, diagnostics };
}

/**
 * The settings as committed at `rev` (for the PR check: the base branch's settings, so a change
 * cannot relax its own deadline policy). Missing at that revision → DEFAULT_SETTINGS.
 */
export async function loadSettingsAt(root: string, rev: string): Promise<{ settings: Settings; found: boolean; diagnostics: Diagnostic[] }> {
  const { readObjects } = await import('./git.ts');
  const bytes = (await readObjects(root, [`${rev}:${SETTINGS_FILE}`], MAX_FILE_BYTES)).get(`${rev}:${SETTINGS_FILE}`);
  if (!bytes) return { settings: DEFAULT_SETTINGS, found: false, diagnostics: [] };
  if (bytes.byteLength > MAX_FILE_BYTES) return { settings: DEFAULT_SETTINGS, found: true, diagnostics: [{ rule: 'settings/too-large', severity: 'error', file: SETTINGS_FILE, line: 0, column: 0, message: `${SETTINGS_FILE} at ${rev.slice(0, 7)} is larger than ${MAX_FILE_BYTES} bytes`, hint: 'Settings are a few kilobytes; check the file was not replaced by something else.' }] };
  return settingsFromText(new TextDecoder().decode(bytes));
}
