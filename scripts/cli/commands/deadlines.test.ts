import { mkdtemp, mkdir, readFile, writeFile, cp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../lib/io/shipped-schemas.ts';
import { main } from '../main.ts';
import type { CliIo } from '../io.ts';

const GOLDEN = join(import.meta.dirname, 'testdata', 'deadlines');
const AT = '2026-11-19T12:00:00Z';

function capture(cwd = PACKAGE_ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd, env: {}, interactive: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN']) await writeFile(path, actual);
  expect(actual).toBe(await readFile(path, 'utf8'));
}

describe('incident deadlines over the shipped example incidents', () => {
  it(`prints the expected table at --at ${AT}`, async () => {
    const c = capture();
    expect(await main(['deadlines', '--at', AT], c.io)).toBe(0);
    await expectGolden('examples-human.txt', c.out());
    expect(c.err()).toBe('');
  });

  it('prints the same rows as JSON, stable for the deadline-issues watcher', async () => {
    const c = capture();
    expect(await main(['deadlines', '--at', AT, '--format', 'json'], c.io)).toBe(0);
    await expectGolden('examples.json', c.out());
    const json = JSON.parse(c.out());
    expect(json.schema).toBe('incident-ledger/deadlines@1');
    expect(json.at).toBe(AT);
    for (const row of json.deadlines) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['incident', 'regime', 'stage', 'recipient', 'due_at', 'status', 'sent_at', 'source']));
      expect(['upcoming', 'due-soon', 'overdue', 'met', 'late', 'not-applicable']).toContain(row.status);
    }
  });

  it('shows the ransomware incident with its GDPR and NIS2 clocks', async () => {
    const c = capture();
    await main(['deadlines', '--at', AT, '--format', 'json', 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md'], c.io);
    const rows = JSON.parse(c.out()).deadlines as { regime: string; due_at: string | null; status: string; sent_at: string | null }[];
    const pick = (r: string) => rows.find((x) => x.regime === r);
    // aware_at 2026-11-18T06:00Z: GDPR +72 h, NIS2 early warning +24 h (sent 20:05), notification +72 h.
    expect(pick('gdpr-art33')).toMatchObject({ due_at: '2026-11-21T06:00:00Z', status: 'upcoming', sent_at: null });
    expect(pick('nis2-early-warning')).toMatchObject({ due_at: '2026-11-19T06:00:00Z', status: 'met', sent_at: '2026-11-18T20:05:00Z' });
    expect(pick('nis2-notification')).toMatchObject({ due_at: '2026-11-21T06:00:00Z', status: 'upcoming' });
    // The final report's clock starts only when the notification is sent.
    expect(pick('nis2-final')).toMatchObject({ due_at: null, status: 'upcoming' });
  });

  it('the same --at gives byte-identical output (no wall clock leaks in)', async () => {
    const a = capture();
    const b = capture();
    await main(['deadlines', '--at', '2026-11-19T13:00:00+01:00', '--format', 'json'], a.io);
    await main(['deadlines', '--at', AT, '--format', 'json'], b.io);
    expect(a.out()).toBe(b.out());
  });

  it('statuses move with --at: two days later GDPR and the NIS2 notification are overdue', async () => {
    const c = capture();
    await main(['deadlines', '--at', '2026-11-21T07:00:00Z', '--format', 'json', 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md'], c.io);
    const rows = JSON.parse(c.out()).deadlines as { regime: string; status: string; seconds_left: number }[];
    expect(rows.filter((r) => r.status === 'overdue').map((r) => [r.regime, r.seconds_left])).toEqual([['gdpr-art33', -3600], ['nis2-notification', -3600]]);
  });
});

describe('incident deadlines: bad input', () => {
  it('rejects an --at without an offset (exit 2, one line)', async () => {
    const c = capture();
    expect(await main(['deadlines', '--at', '2026-11-19 12:00'], c.io)).toBe(2);
    expect(c.err()).toBe('error: --at `2026-11-19 12:00` is not an RFC 3339 time with an offset; expected e.g. --at 2026-11-19T12:00:00Z or --at 2026-11-19T13:00:00+01:00\n');
  });

  it.each(['2026-02-30T00:00:00Z', '2026-11-19T24:00:00Z', '2026-11-31T10:00+01:00'])('rejects the impossible calendar time %s (exit 2), accepts one without seconds', async (at) => {
    const c = capture();
    expect(await main(['deadlines', '--at', at], c.io)).toBe(2);
    expect(c.err()).toContain('is not an RFC 3339 time');
    expect(await main(['deadlines', '--at', '2026-11-19T12:00Z', '--format', 'json'], capture().io)).toBe(0);
  });

  it('stops with the settings diagnostics when .incident-ledger.yml is invalid (exit 1)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'il-deadlines-'));
    await cp(join(PACKAGE_ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
    await writeFile(join(dir, '.incident-ledger.yml'), 'version: 1\norganisation:\n  name: Acme\n  time_zone: Europe/Hamburg\n');
    const c = capture(dir);
    expect(await main(['deadlines', '--at', AT], c.io)).toBe(1);
    expect(c.out()).toBe('');
    expect(c.err()).toMatch(/\.incident-ledger\.yml\n\s+4:14\s+error/);
    expect(c.err()).toContain('settings are invalid');
  });

  it('without settings, lists only what incidents decided (UTC), and notes unreadable files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'il-deadlines-'));
    await mkdir(join(dir, 'incidents', '2026'), { recursive: true });
    await cp(join(PACKAGE_ROOT, 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md'), join(dir, 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md'));
    await writeFile(join(dir, 'incidents/2026/INC-20261201-BAD1-broken.md'), '---\nid: [unclosed\n---\n');
    // A symbolic link is skipped with the unreadable files, not fatal for the whole list.
    await symlink('/etc/hostname', join(dir, 'incidents/2026/INC-20261201-LNK1-link.md'));
    const c = capture(dir);
    expect(await main(['deadlines', '--at', AT, '--format', 'json'], c.io)).toBe(0);
    const json = JSON.parse(c.out());
    expect(json.organisation).toBe('Unnamed organisation');
    expect(json.deadlines.map((r: { regime: string }) => r.regime)).toEqual(['nis2-early-warning', 'nis2-tsp-notification', 'gdpr-art33', 'nis2-notification', 'insurer-fnol', 'nis2-final']);
    // Without settings the tool cannot know the entity is no trust service provider: the 24 h
    // variant stays listed (the earlier deadline is the safe default).
    // No policy in settings: the contractual period is unknown, and the row says so.
    expect(json.deadlines.find((r: { regime: string }) => r.regime === 'insurer-fnol')).toMatchObject({ due_at: null, status: 'met' });
    expect(json.unreadable).toEqual(['incidents/2026/INC-20261201-BAD1-broken.md', 'incidents/2026/INC-20261201-LNK1-link.md']);
    expect(c.err()).toContain('could not be read');
    expect(c.err()).toContain('no .incident-ledger.yml');
  });
});

describe('incident deadlines: hostile front matter', () => {
  it('keeps an unvalidated id inside its table cell (no newline, no backtick to break the summary code fence)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'il-deadlines-'));
    await mkdir(join(dir, 'incidents', '2026'), { recursive: true });
    await writeFile(join(dir, 'incidents/2026/INC-X.md'), '---\nid: "INC-1\\n```\\n<img src=x onerror=alert(1)>"\ntimestamps: { aware_at: 2026-11-18T06:00:00Z }\nregimes: [{ id: gdpr-art33, applicable: "yes" }]\n---\n');
    const c = capture(dir);
    expect(await main(['deadlines', '--at', AT], c.io)).toBe(0);
    const row = c.out().split('\n').find((l) => l.includes('gdpr-art33'))!;
    expect(row).toContain('INC-1?????<img src=x onerror=alert(1)>');
    expect(c.out()).not.toContain('`');
  });
});

describe('incident deadlines: two files with one id', () => {
  const R7WM = 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md';
  const COPY = 'incidents/2026/INC-20261118-R7WM-copy.md';
  type Row = { incident: string; regime: string; file?: string; sent_at: string | null };
  const withoutFile = (rows: Row[]) => rows.map(({ file: _f, ...r }) => r);

  async function repoWithCopy(edit: (text: string) => string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'il-deadlines-dup-'));
    await cp(join(PACKAGE_ROOT, 'incidents'), join(dir, 'incidents'), { recursive: true });
    await cp(join(PACKAGE_ROOT, '.incident-ledger.yml'), join(dir, '.incident-ledger.yml'));
    await writeFile(join(dir, COPY), edit(await readFile(join(dir, R7WM), 'utf8')));
    return dir;
  }

  // [name, edit of the copy, regimes listed twice (the copies record them differently)]
  it.each([
    ['an identical copy', (t: string) => t, []],
    ['a copy with another early-warning time', (t: string) => t.replace('sent_at: 2026-11-18T20:05:00Z', 'sent_at: 2026-11-18T21:05:00Z'), ['nis2-early-warning']],
  ] as const)('%s: notices recorded alike are listed once; id/duplicate for both files on stderr, exit 0 (the hourly listing goes on)', async (_name, edit, twice) => {
    const copy = await repoWithCopy(edit);
    const c = capture(copy);
    expect(await main(['deadlines', '--at', AT, '--format', 'json'], c.io)).toBe(0);
    const rows = JSON.parse(c.out()).deadlines as Row[];
    const single = JSON.parse((await (async () => { const s = capture(); await main(['deadlines', '--at', AT, '--format', 'json'], s.io); return s.out(); })())).deadlines as Row[];
    const regimes = (rs: Row[]) => rs.filter((r) => r.incident === 'INC-20261118-R7WM').map((r) => r.regime).sort();
    expect(regimes(rows)).toEqual([...regimes(single), ...twice].sort());
    if (!twice.length) expect(withoutFile(rows)).toEqual(withoutFile(single));
    for (const f of [R7WM, COPY]) expect(c.err()).toMatch(new RegExp(`${f}\\n\\s+3:5\\s+error\\s+id \`INC-20261118-R7WM\` is also used by`));
    expect(c.err()).toContain('note: 2 incident files share an id with another (above): a notice the copies record alike is listed once');

    const human = capture(copy);
    expect(await main(['deadlines', '--at', AT], human.io)).toBe(0);
    const lines = human.out().split('\n').filter((l) => l.includes('INC-20261118-R7WM'));
    expect(lines.length).toBe(regimes(rows).length);
    expect(new Set(lines).size, "no line printed twice").toBe(lines.length);
    expect(human.err()).toContain('[id/duplicate]');
  });
});
