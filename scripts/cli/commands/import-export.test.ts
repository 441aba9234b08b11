import { mkdtemp, readdir, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { TESTDATA } from '../../lib/interop/testkit.ts';

let repo: string;
beforeEach(async () => { repo = await mkdtemp(join(tmpdir(), 'il-interop-')); });
afterEach(async () => { await rm(repo, { recursive: true, force: true }); });

function io(interactive = false) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { cwd: repo, env: { USER: 'tester' }, interactive, stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

async function listIncidents(): Promise<string[]> {
  const years = await readdir(join(repo, 'incidents')).catch(() => []);
  const out: string[] = [];
  for (const y of years.sort()) for (const f of (await readdir(join(repo, 'incidents', y))).sort()) out.push(`${y}/${f}`);
  return out;
}

const AT = ['--at', '2026-12-03T16:00:00Z'];

describe('incident import', () => {
  it('imports VERIS records, writes valid files, and a second run imports nothing', async () => {
    const c = io();
    expect(await main(['import', 'veris', join(TESTDATA, 'veris'), ...AT], c.io)).toBe(0);
    expect(c.out()).toMatch(/imported 4 of 4 VERIS records into incidents\/\n$/);
    expect(await listIncidents()).toEqual([
      '2019/INC-20190101-KVK2-error-misdelivery-affecting-m-documents-2019.md',
      '2023/INC-20230602-SG1R-physical-theft-affecting-u-laptop-2023.md',
      '2024/INC-20240101-SG1R-social-phishing-affecting-p-end-user-2024.md',
      '2025/INC-20250314-GS2C-hacking-use-of-stolen-creds-and-malware.md',
    ]);
    const text = await readFile(join(repo, 'incidents/2025/INC-20250314-GS2C-hacking-use-of-stolen-creds-and-malware.md'), 'utf8');
    expect(text).toContain('  imported_by: tester\n');
    const v = io();
    expect(await main(['validate'], v.io)).toBe(0);
    expect(v.out()).toBe('✔ 4 incident files checked: no problems.\n');
    const again = io();
    expect(await main(['import', 'veris', join(TESTDATA, 'veris'), ...AT, '--format', 'json'], again.io)).toBe(0);
    const json = JSON.parse(again.out());
    expect(json.imported).toEqual([]);
    expect(json.diagnostics.filter((d: { rule: string }) => d.rule === 'veris/already-imported')).toHaveLength(4);
  });

  it('reports broken sources with exit 1 and still imports the good ones', async () => {
    const c = io();
    expect(await main(['import', 'veris', join(TESTDATA, 'veris-bad'), ...AT, '--format', 'json'], c.io)).toBe(1);
    const json = JSON.parse(c.out());
    expect(json.diagnostics.map((d: { rule: string }) => d.rule).sort()).toEqual(['input/unsafe-key', 'source/invalid-json', 'veris/not-an-object']);
    expect(json.imported.map((i: { id: string; written: boolean }) => [i.id, i.written])).toEqual([['INC-20221130-TJB5', true]]);
  });

  it('--dry-run writes nothing', async () => {
    const c = io();
    expect(await main(['import', 'thehive', join(TESTDATA, 'thehive', 'case-payroll-phishing.json'), ...AT, '--dry-run'], c.io)).toBe(0);
    expect(c.out()).toContain('would import 1 of 1 TheHive case into incidents/');
    expect(await listIncidents()).toEqual([]);
  });

  it.each([
    [['import', 'veris', '.', '--out', '../elsewhere'], /--out \.\.\/elsewhere is outside the repository/],
    [['import', 'veris', '.', '--at', 'yesterday'], /--at yesterday is not an RFC 3339 time/],
    [['export', 'csv'], /name the incidents to export/],
    [['export', 'csv', '--all', 'INC-20260101-AAAA'], /either incident ids or --all/],
  ])('usage error: %j', async (argv, message) => {
    const c = io();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(message);
  });

  it('shows a progress bar only on a terminal', async () => {
    const tty = io(true);
    await main(['import', 'thehive', join(TESTDATA, 'thehive'), ...AT], tty.io);
    expect(tty.err()).toContain('\rimport thehive [');
    await rm(join(repo, 'incidents'), { recursive: true });
    const ci = io(false);
    await main(['import', 'thehive', join(TESTDATA, 'thehive'), ...AT], ci.io);
    expect(ci.err()).toBe('');
  });

  it('does not follow a linked folder out of the repository', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'il-outside-'));
    await mkdir(join(repo, 'incidents'), { recursive: true });
    await symlink(outside, join(repo, 'incidents', '2024'));
    const c = io();
    expect(await main(['import', 'thehive', join(TESTDATA, 'thehive', 'case-payroll-phishing.json'), ...AT, '--format', 'json'], c.io)).toBe(1);
    expect(JSON.parse(c.out()).diagnostics.map((d: { rule: string }) => d.rule)).toContain('import/write-failed');
    expect(await readdir(outside)).toEqual([]);
    await rm(outside, { recursive: true, force: true });
  });

  it('does not overwrite an existing file', async () => {
    await mkdir(join(repo, 'incidents', '2024'), { recursive: true });
    await writeFile(join(repo, 'incidents', '2024', 'INC-20241130-YGNY-payroll-phishing-wave-against-finance-staff.md'), 'keep me\n');
    const c = io();
    expect(await main(['import', 'thehive', join(TESTDATA, 'thehive', 'case-payroll-phishing.json'), ...AT, '--format', 'json'], c.io)).toBe(1);
    expect(JSON.parse(c.out()).diagnostics.map((d: { rule: string }) => d.rule)).toContain('import/file-exists');
    expect(await readFile(join(repo, 'incidents', '2024', 'INC-20241130-YGNY-payroll-phishing-wave-against-finance-staff.md'), 'utf8')).toBe('keep me\n');
  });
});

describe('incident export', () => {
  beforeEach(async () => {
    await main(['import', 'veris', join(TESTDATA, 'veris'), ...AT], io().io);
    await main(['import', 'thehive', join(TESTDATA, 'thehive'), ...AT], io().io);
  });

  it('stix --all leaves TLP:RED out by default and says so', async () => {
    const c = io();
    expect(await main(['export', 'stix', '--all', '--producer', 'Example CSIRT'], c.io)).toBe(0);
    const bundle = JSON.parse(c.out());
    expect(bundle.objects.filter((o: { type: string }) => o.type === 'incident')).toHaveLength(5);
    expect(c.err()).toContain('note: 1 incident marked stricter than TLP:AMBER+STRICT left out');
  });

  it('veris of one id prints the record; --out folder writes one file per incident', async () => {
    const one = io();
    expect(await main(['export', 'veris', 'INC-20250314-GS2C'], one.io)).toBe(0);
    expect(JSON.parse(one.out()).incident_id).toBe('A1B2C3D4-0000-4000-8000-000000000001');
    const many = io();
    expect(await main(['export', 'veris', '--all', '--out', 'out/veris/'], many.io)).toBe(0);
    // VERIS has no TLP field: by default TLP:RED incidents are left out, as for STIX.
    expect((await readdir(join(repo, 'out', 'veris'))).length).toBe(5);
    expect(many.err()).toContain('note: 1 incident marked stricter than TLP:AMBER+STRICT left out');
    expect(await main(['export', 'veris', '--all', '--max-tlp', 'TLP:RED', '--out', 'out/veris-all/'], io().io)).toBe(0);
    expect((await readdir(join(repo, 'out', 'veris-all'))).length).toBe(6);
  });

  it.each([['stix', 'INC-20250314-GS2C', '2025'], ['veris', 'INC-20241130-YGNY', '2024']])('a Summary labelled above --max-tlp stays out of %s exports, as the reports withhold it', async (format, id, year) => {
    const dir = join(repo, 'incidents', year);
    const name = (await readdir(dir)).find((f) => f.startsWith(id))!;
    const text = await readFile(join(dir, name), 'utf8');
    expect(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER']).toContain(/^tlp: (\S+)$/m.exec(text)![1]!);
    await writeFile(join(dir, name), text.replace(/^## Summary\n/m, '## Summary\n<!-- tlp: TLP:RED -->\n\nREDSECRET counsel only.\n'));
    const c = io();
    expect(await main(['export', format, id, '--max-tlp', 'TLP:AMBER'], c.io)).toBe(0);
    expect(c.out()).not.toContain('REDSECRET');
    const all = io();
    expect(await main(['export', format, id, '--max-tlp', 'TLP:RED'], all.io)).toBe(0);
    expect(all.out(), '--max-tlp TLP:RED carries it (the test has teeth)').toContain('REDSECRET');
  });

  it('csv to a file, atomically, one row per incident', async () => {
    const c = io();
    expect(await main(['export', 'csv', '--all', '--out', 'out/incidents.csv'], c.io)).toBe(0);
    const csv = await readFile(join(repo, 'out', 'incidents.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(7);
    expect((await readdir(join(repo, 'out'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('unknown ids are reported with exit 1', async () => {
    const c = io();
    expect(await main(['export', 'csv', 'INC-20990101-ZZZZ'], c.io)).toBe(1);
    expect(c.err()).toContain('no incident with id INC-20990101-ZZZZ');
  });
});
