import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';
import { loadSettings, SETTINGS_FILE } from '../io/settings.ts';
import { DEFAULT_SETTINGS } from './types.ts';

async function repoWith(text: string | null): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'il-settings-'));
  if (text !== null) await writeFile(join(dir, SETTINGS_FILE), text);
  return dir;
}

const MINIMAL = 'version: 1\norganisation:\n  name: Acme\n  time_zone: Europe/Paris\n';

describe('organisation settings', () => {
  it('the shipped example (Brightwater Utilities) loads clean', async () => {
    const { settings, found, diagnostics } = await loadSettings(PACKAGE_ROOT);
    expect(diagnostics).toEqual([]);
    expect(found).toBe(true);
    expect(settings.organisation.name).toBe('Brightwater Utilities');
    expect(settings.entity_types?.['nis2']).toBe('essential');
    expect(settings.regimes?.subject_to).toEqual(['gdpr', 'nis2', 'insurer']);
    expect(settings.insurance?.policies?.[0]?.fnol).toMatchObject({ offset: 48, unit: 'calendar-hours' });
  });

  it('a repository without settings gets the defaults (UTC, no organisation-level regimes)', async () => {
    const { settings, found, diagnostics } = await loadSettings(await repoWith(null));
    expect({ found, diagnostics }).toEqual({ found: false, diagnostics: [] });
    expect(settings).toBe(DEFAULT_SETTINGS);
  });

  it('a minimal file loads', async () => {
    const { settings, diagnostics } = await loadSettings(await repoWith(MINIMAL));
    expect(diagnostics).toEqual([]);
    expect(settings.organisation.time_zone).toBe('Europe/Paris');
  });

  it.each([
    ['an unknown key', `${MINIMAL}regimez: {}\n`, { rule: 'schema/unknown-key', line: 5, column: 1 }],
    ['an unknown time zone', 'version: 1\norganisation:\n  name: Acme\n  time_zone: Europe/Hamburg\n', { rule: 'settings/time-zone', line: 4, column: 14 }],
    ['an unknown holiday calendar', `${MINIMAL}  holidays: { country: XX }\n`, { rule: 'settings/holiday-calendar', line: 5, column: 13 }],
    ['a condition that does not parse', `${MINIMAL}stakeholders:\n  internal_by_severity:\n    sev1:\n      - { party: legal, within: { offset: 1, unit: calendar-hours }, when: "incident.x ==" }\n`, { rule: 'settings/condition', line: 8, column: 76 }],
    ['a wrong unit', `${MINIMAL}internal_targets:\n  default: { offset: 3, unit: fortnights }\n`, { rule: 'schema/enum', line: 6 }],
    ['an anchor and alias', `${MINIMAL}jurisdictions: &j [DE]\nx-copy: *j\n`, { rule: 'yaml/anchor', line: 5 }],
  ])('reports %s at file:line:column', async (_what, text, want) => {
    const { diagnostics, settings } = await loadSettings(await repoWith(text));
    expect(settings).toBe(DEFAULT_SETTINGS);
    expect(diagnostics[0]).toMatchObject({ file: SETTINGS_FILE, severity: 'error', ...want });
    expect(diagnostics[0]!.hint).toBeTruthy();
  });

  it('does not follow a symbolic link', async () => {
    const dir = await repoWith(null);
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'elsewhere', 'x.yml'), MINIMAL);
    await symlink(join(dir, 'elsewhere', 'x.yml'), join(dir, SETTINGS_FILE));
    const { diagnostics } = await loadSettings(dir);
    expect(diagnostics[0]).toMatchObject({ rule: 'settings/not-a-file' });
  });
});
