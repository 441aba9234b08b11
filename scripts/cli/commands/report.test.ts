import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../lib/io/shipped-schemas.ts';
import { main } from '../main.ts';

/** `incident report` end to end, in a real git repository made from the shipped examples. */
let repo: string;
const COMMIT_DATE = '2026-12-01T09:30:00+01:00';

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: COMMIT_DATE, GIT_COMMITTER_DATE: COMMIT_DATE },
  }).trim();
}

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['report', ...args], { cwd: repo, env, interactive: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const abs = join(d, e);
      if (statSync(abs).isDirectory()) walk(abs);
      else files.set(relative(dir, abs).split('\\').join('/'), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'report-cli-'));
  cpSync(join(PACKAGE_ROOT, 'incidents'), join(repo, 'incidents'), { recursive: true });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'examples');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('incident report', () => {
  it('compiles every audience and the dashboards, stamped with the commit and its time', async () => {
    const r = await run([]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^✔ 16 reports for 4 incidents written to out\/reports\/ \(0 public statements\)\n/);
    const head = git('rev-parse', 'HEAD');
    const files = tree(join(repo, 'out/reports'));
    expect([...files.keys()].filter((f) => f.startsWith('INC-20261118-R7WM/')).sort()).toEqual(
      ['executive', 'insurer', 'internal', 'regulator'].flatMap((a) => [`INC-20261118-R7WM/${a}.html`, `INC-20261118-R7WM/${a}.md`]));
    for (const f of ['index.html', 'index.json', 'public/index.html', 'public/index.json', 'SHA256SUMS', 'public/SHA256SUMS']) expect(files.has(f), f).toBe(true);
    const md = files.get('INC-20261118-R7WM/regulator.md')!;
    expect(md).toContain(`**Source commit:** \`${head}\``);
    expect(md).toContain('**As of:** 2026-12-01 08:30 UTC');
    const sha = execFileSync('sha256sum', ['incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md'], { cwd: repo, encoding: 'utf8' }).split(' ')[0];
    expect(md).toContain(`sha256 \`${sha}\``);
    const index = JSON.parse(files.get('index.json')!);
    expect(index.source).toMatchObject({ commit: head, dirty: false, generated_at: '2026-12-01T08:30:00Z', incidents: 4 });
  });

  it('gives byte-identical output on a second run over the same commit', async () => {
    expect((await run(['--out', 'a'])).code).toBe(0);
    expect((await run(['--out', 'b'])).code).toBe(0);
    expect(tree(join(repo, 'b'))).toEqual(tree(join(repo, 'a')));
  });

  it('gives the same bytes rendered in worker threads as in one thread, and leaves no staging folder', async () => {
    const one = await run(['--out', 'one'], { INCIDENT_LEDGER_THREADS: '1' });
    const three = await run(['--out', 'three'], { INCIDENT_LEDGER_THREADS: '3' });
    expect([one.code, three.code]).toEqual([0, 0]);
    expect(three.out).toBe(one.out.replace(/\bone\//g, 'three/'));
    expect(tree(join(repo, 'three'))).toEqual(tree(join(repo, 'one')));
    expect(readdirSync(repo).filter((f) => f.includes('staging'))).toEqual([]);
    // A re-run into the folder it owns replaces the files in place, also from the threads.
    expect((await run(['--out', 'three'], { INCIDENT_LEDGER_THREADS: '3' })).code).toBe(0);
    expect(tree(join(repo, 'three'))).toEqual(tree(join(repo, 'one')));
  });

  it('finds the same errors in worker threads as in one thread: broken YAML, a TLP:RED record, an id in two shares', async () => {
    const dir = join(repo, 'incidents/2026');
    const k3dn = readFileSync(join(dir, 'INC-20261002-K3DN-credential-stuffing-customer-portal.md'), 'utf8');
    writeFileSync(join(dir, 'INC-20261002-K3DN-zz-copy.md'), k3dn);
    writeFileSync(join(dir, 'INC-20261201-BRKN-broken.md'), '---\nid: INC-20261201-BRKN\ntitle: [unclosed\n---\n');
    writeFileSync(join(dir, 'INC-20261202-RED1-red.md'), k3dn.replace(/INC-20261002-K3DN/g, 'INC-20261202-RED1')
      .replace('tlp: TLP:AMBER', 'tlp: TLP:RED').replace(/^phase: .*$/m, 'phase: secret-codename-phase'));
    // 7 files in 7 threads: every file is alone in its share, so the duplicate id spans shares.
    const one = await run(['--out', 'one'], { INCIDENT_LEDGER_THREADS: '1' });
    const many = await run(['--out', 'many'], { INCIDENT_LEDGER_THREADS: '7' });
    expect([one.code, many.code]).toEqual([1, 1]);
    expect(one.err).toMatch(/duplicate/i);
    expect(one.err).toContain('INC-20261201-BRKN-broken.md');
    expect(one.err).toContain('✖ 4 incident files skipped');
    expect(one.err).not.toContain('secret-codename-phase');
    expect(many.err).toBe(one.err);
    expect(many.out).toBe(one.out.replace(/\bone\//g, 'many/'));
    expect(tree(join(repo, 'many'))).toEqual(tree(join(repo, 'one')));
    expect([...tree(join(repo, 'one')).keys()].filter((f) => /K3DN|BRKN|RED1/.test(f))).toEqual([]);
  });

  it('says so when incident files differ from the commit, and takes --generated-at', async () => {
    appendFileSync(join(repo, 'incidents/2026/INC-20261130-4HQP-payroll-phishing-report.md'), '\nMore notes.\n');
    const r = await run(['INC-20261130-4HQP', '--audience', 'internal', '--format', 'md', '--generated-at', '2026-12-02T10:00:00+02:00']);
    expect(r.code).toBe(0);
    const md = readFileSync(join(repo, 'out/reports/INC-20261130-4HQP/internal.md'), 'utf8');
    expect(md).toContain('(incident files changed since this commit)');
    expect(md).toContain('**As of:** 2026-12-02 08:00 UTC');
    expect(existsSync(join(repo, 'out/reports/index.html'))).toBe(false);
  });

  it('writes only the selected incidents, audiences and formats', async () => {
    const r = await run(['INC-20261002-K3DN', '--audience', 'regulator', '--audience', 'executive', '--format', 'html']);
    expect(r.code).toBe(0);
    expect([...tree(join(repo, 'out/reports')).keys()].sort()).toEqual(['.incident-ledger-reports', 'INC-20261002-K3DN/executive.html', 'INC-20261002-K3DN/regulator.html', 'SHA256SUMS']);
  });

  it('removes files a full run no longer produces, but only in a folder it owns', async () => {
    mkdirSync(join(repo, 'mine/public'), { recursive: true });
    writeFileSync(join(repo, 'mine/public/keep.html'), 'not ours');
    const refused = await run(['--out', 'mine']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--out mine is not empty and was not written by incident report/);
    expect(existsSync(join(repo, 'mine/public/keep.html'))).toBe(true);
    expect((await run([])).code).toBe(0);
    writeFileSync(join(repo, 'out/reports/public/INC-20200101-OLD1.html'), 'a withdrawn statement');
    expect((await run([])).code).toBe(0);
    expect(existsSync(join(repo, 'out/reports/public/INC-20200101-OLD1.html'))).toBe(false);
  });

  it.each([
    ['.', /^error: --out \. is the repository or a folder containing it/],
    ['..', /is the repository or a folder containing it/],
    ['/', /^error: --out \/ is the repository or a folder containing it/],
    ['incidents', /must not be inside incidents\//],
    ['incidents/2026/x', /must not be inside incidents\//],
    ['.git/reports', /must not be inside \.git\//],
    ['scripts/out', /must not be inside scripts\//],
  ])('refuses --out %s (a full run would delete files it does not own) and deletes nothing', async (out, message) => {
    const before = git('ls-files').split('\n').length;
    expect((await run(['--out', out])).code).toBe(2);
    expect((await run(['--out', out])).err).toMatch(message);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('ls-files').split('\n').length).toBe(before);
  });

  it.each([
    ['a link to incidents/', 'incidents', 'sub', /must not be inside incidents\//],
    ['a link to the repository, then incidents/', '.', 'incidents/x', /must not be inside incidents\//],
    ['a link to the repository, then .git/', '.', '.git/x', /must not be inside \.git\//],
    ['a link to the repository itself', '.', '', /is the repository or a folder containing it/],
  ])('refuses --out through %s (symbolic links resolved) and writes nothing', async (_name, target, tail, message) => {
    const outside = mkdtempSync(join(tmpdir(), 'report-link-'));
    try {
      symlinkSync(join(repo, target), join(outside, 'link'));
      const r = await run(['--out', join(outside, 'link', tail)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(git('status', '--porcelain', '--ignored')).not.toMatch(/incidents\/(sub|x)|\.git\/x/);
      expect(existsSync(join(repo, 'incidents/sub'))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses --out naming a file before compiling anything, and leaves the file alone', async () => {
    writeFileSync(join(repo, 'notes.txt'), 'mine');
    const r = await run(['--out', 'notes.txt']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out notes\.txt is a file, not a folder/);
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('never shows a secret in the code frames of a skipped file', async () => {
    const token = `ghp_${'A1b2C3d4'.repeat(5)}`;
    writeFileSync(join(repo, 'incidents/2026/INC-20261201-ZZZZ-broken.md'), `---\nid: INC-20261201-ZZZZ\nx-note: ${token}\ntitle: [unclosed\n---\n`);
    const r = await run(['--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('INC-20261201-ZZZZ-broken.md');
    expect(r.err).toContain('(line withheld)');
    expect(r.err).not.toContain(token);
  });

  it('skips an invalid file with its diagnostics (exit 1) and still writes the rest', async () => {
    writeFileSync(join(repo, 'incidents/2026/INC-20261201-ZZZZ-broken.md'), '---\nid: INC-20261201-ZZZZ\ntitle: [unclosed\n---\n');
    const r = await run(['--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('incidents/2026/INC-20261201-ZZZZ-broken.md');
    expect(r.err).toContain('1 incident file skipped because of the errors above');
    expect(existsSync(join(repo, 'out/reports/INC-20261118-R7WM/internal.md'))).toBe(true);
  });

  it('an unknown id is a finding like in the authoring verbs (exit 1), with one line saying so', async () => {
    const r = await run(['INC-20990101-NONE']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: no incident with id INC-20990101-NONE under incidents\//);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to rewrite single reports inside a full compile (its dashboards would describe other files), before reading anything', async () => {
    expect((await run([])).code).toBe(0);
    const before = tree(join(repo, 'out/reports'));
    const r = await run(['INC-20261002-K3DN']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out out\/reports holds a full compile .* refresh it with `npm run incident -- report`, or write these reports elsewhere, e\.g\. --out out\/INC-20261002-K3DN/);
    expect(tree(join(repo, 'out/reports'))).toEqual(before);
  });

  it('adds reports for more incidents to a folder of single reports, and SHA256SUMS covers them all', async () => {
    expect((await run(['INC-20261002-K3DN', '--out', 'some'])).code).toBe(0);
    expect((await run(['INC-20261118-R7WM', '--out', 'some', '--audience', 'executive'])).code).toBe(0);
    const files = tree(join(repo, 'some'));
    const listed = new Map(files.get('SHA256SUMS')!.trimEnd().split('\n').map((l) => [l.slice(66), l.slice(0, 64)]));
    const reports = [...files.keys()].filter((f) => /^INC-/.test(f)).sort();
    expect(reports.filter((f) => f.startsWith('INC-20261002-K3DN/'))).toHaveLength(8);
    expect(reports.filter((f) => f.startsWith('INC-20261118-R7WM/'))).toEqual(['INC-20261118-R7WM/executive.html', 'INC-20261118-R7WM/executive.md']);
    expect([...listed.keys()].sort()).toEqual(reports);
    for (const f of reports) expect(listed.get(f), f).toBe(createHash('sha256').update(readFileSync(join(repo, 'some', f))).digest('hex'));
  });

  it.each([['public'], ['INC-20261002-K3DN']])('refuses an output folder where %s is a symbolic link (reports would be written outside it), and changes nothing', async (sub) => {
    expect((await run([])).code).toBe(0);
    const outside = mkdtempSync(join(tmpdir(), 'report-outside-'));
    try {
      rmSync(join(repo, 'out/reports', sub), { recursive: true, force: true });
      symlinkSync(outside, join(repo, 'out/reports', sub));
      const r = await run([]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--out out/reports holds a symbolic link (${sub}); reports are never written through links`);
      expect(readdirSync(outside)).toEqual([]);
      expect(statSync(join(repo, 'out/reports', sub)).isDirectory(), 'the link is left alone').toBe(true);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a run for some ids removes the files of those incidents it no longer produces (a withdrawn statement, a dropped format) and leaves the others', async () => {
    // An incident with a public statement (a TLP:CLEAR section), from the report goldens.
    const name = 'INC-20260920-F1NX-payment-gateway-outage.md';
    const file = join(repo, 'incidents/2026', name);
    cpSync(join(PACKAGE_ROOT, 'scripts/lib/render/report/testdata/incidents/2026', name), file);
    expect((await run(['INC-20260920-F1NX', 'INC-20261105-9XTB', '--out', 'some'])).code).toBe(0);
    const first = tree(join(repo, 'some'));
    expect([...first.keys()].filter((f) => f.startsWith('public/')).sort(), 'a statement to withdraw').toEqual(['public/INC-20260920-F1NX.html', 'public/INC-20260920-F1NX.md', 'public/SHA256SUMS']);
    // Reclassified as TLP:AMBER+STRICT: never public; and only the executive summary in markdown is asked for.
    writeFileSync(file, readFileSync(file, 'utf8').replace('tlp: TLP:AMBER\n', 'tlp: TLP:AMBER+STRICT\n'));
    expect((await run(['INC-20260920-F1NX', '--out', 'some', '--audience', 'executive', '--format', 'md'])).code).toBe(0);
    const files = tree(join(repo, 'some'));
    expect([...files.keys()].filter((f) => f.includes('F1NX') || f.startsWith('public/')).sort()).toEqual(['INC-20260920-F1NX/executive.md']);
    for (const [f, text] of first) if (f.includes('INC-20261105-9XTB')) expect(files.get(f), f).toBe(text);
    const listed = files.get('SHA256SUMS')!.trimEnd().split('\n').map((l) => l.slice(66)).sort();
    expect(listed).toEqual([...files.keys()].filter((f) => /^(INC-|public\/INC-)/.test(f)).sort());
  });

  it('an id whose file does not parse gets its errors shown, not "no incident with id"; unknown ids are still named', async () => {
    writeFileSync(join(repo, 'incidents/2026/INC-20261201-ZZZZ-broken.md'), '---\nid: INC-20261201-ZZZZ\ntitle: [unclosed\n---\n');
    const r = await run(['INC-20261201-ZZZZ', 'INC-20990101-NONE']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^incidents\/2026\/INC-20261201-ZZZZ-broken\.md\n {2}3:17 +error +YAML syntax error/);
    expect(r.err).toContain('error: INC-20261201-ZZZZ (incidents/2026/INC-20261201-ZZZZ-broken.md) has errors, shown above');
    expect(r.err).toContain('error: no incident with id INC-20990101-NONE under incidents/');
    expect(r.err).not.toMatch(/no incident with id INC-20261201-ZZZZ/);
    expect(existsSync(join(repo, 'out/reports'))).toBe(false);
  });

  it.each([
    [['--audience', 'board'], /unknown audience "board": expected executive, regulator, insurer, internal, public or all/],
    [['--pdf', '--format', 'md'], /--pdf prints the HTML reports/],
    [['--generated-at', 'yesterday'], /--generated-at "yesterday" is not an RFC 3339 time/],
    [['--notices', 'missing.json'], /--notices missing.json: cannot read it as JSON/],
  ])('rejects %j with a one-line usage error (exit 2)', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--pdf without a Chromium says how to get one (exit 2) and writes nothing', async () => {
    const r = await run(['--pdf'], { CHROMIUM_PATH: join(repo, 'no-such-chromium') });
    expect(r.code).toBe(2);
    expect(r.err).toContain('no Chromium found for --pdf: install it (Debian/Ubuntu: apt-get install -y chromium)');
    expect(existsSync(join(repo, 'out'))).toBe(false);
  });

  it('shows notices from a deadlines file on the dashboard, and rejects malformed ones', async () => {
    writeFileSync(join(repo, 'notices.json'), JSON.stringify({ notices: [
      { incident: 'INC-20261118-R7WM', regime: 'gdpr-art33', stage: 'initial', due_at: '2026-11-21T06:00:00Z', status: 'upcoming' },
      { incident: 'INC-20261118-R7WM', regime: 'nis2-notification', stage: 'notification', due_at: '2026-12-05T06:00:00Z', status: 'upcoming' },
    ] }));
    expect((await run(['--notices', 'notices.json', '--format', 'html'])).code).toBe(0);
    const index = JSON.parse(readFileSync(join(repo, 'out/reports/index.json'), 'utf8'));
    expect(index.notices.available).toBe(true);
    expect(index.notices.overdue.map((n: { regime: string }) => n.regime)).toEqual(['gdpr-art33']);
    expect(index.notices.upcoming.map((n: { regime: string }) => n.regime)).toEqual(['nis2-notification']);
    writeFileSync(join(repo, 'bad.json'), JSON.stringify([{ incident: 'INC-20261118-R7WM' }]));
    const bad = await run(['--notices', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('notice 1: needs incident, regime, due_at (RFC 3339) and status');
    writeFileSync(join(repo, 'weird.json'), JSON.stringify([{ incident: 'INC-20261118-R7WM', regime: 'gdpr-art33', due_at: '2026-11-21T06:00:00Z', status: 'weird' }]));
    const weird = await run(['--notices', 'weird.json']);
    expect(weird.code).toBe(2);
    expect(weird.err).toContain('notice 1: status "weird" is not one of upcoming, due, due-soon, open, pending, overdue, met, late');
    // A notices file older than the repository: rows for incidents that are not there are left off, with a note.
    writeFileSync(join(repo, 'stale.json'), JSON.stringify([
      { incident: 'INC-20261118-R7WM', regime: 'gdpr-art33', due_at: '2026-11-21T06:00:00Z', status: 'upcoming' },
      { incident: 'INC-20250101-GONE', regime: 'gdpr-art33', due_at: '2026-11-22T06:00:00Z', status: 'upcoming' },
    ]));
    const stale = await run(['--notices', 'stale.json', '--format', 'html']);
    expect(stale.code).toBe(0);
    expect(stale.err).toContain('note: --notices stale.json names incidents that are not under incidents/ (INC-20250101-GONE); their notices are left off the dashboard');
    const after = JSON.parse(readFileSync(join(repo, 'out/reports/index.json'), 'utf8'));
    expect([...after.notices.overdue, ...after.notices.upcoming].map((n: { incident: string }) => n.incident)).toEqual(['INC-20261118-R7WM']);
  });

  it('takes `incident deadlines --format json` output as it is (rows without a due time skipped) and refuses JSON that holds no notices', async () => {
    const out: string[] = [];
    const code = await main(['deadlines', '--format', 'json', '--at', '2026-11-19T12:00:00Z'], { cwd: repo, env: {}, interactive: false, stdout: (t) => out.push(t), stderr: () => {} });
    expect(code).toBeLessThan(2);
    const deadlines = JSON.parse(out.join('')) as { deadlines: { due_at: string | null; status: string }[] };
    expect(deadlines.deadlines.some((d) => d.due_at === null), 'rows without a due time to skip').toBe(true);
    writeFileSync(join(repo, 'deadlines.json'), out.join(''));
    const r = await run(['--notices', 'deadlines.json', '--format', 'html']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const index = JSON.parse(readFileSync(join(repo, 'out/reports/index.json'), 'utf8'));
    const shown = index.notices.overdue.length + index.notices.upcoming.length;
    expect(shown).toBe(deadlines.deadlines.filter((d) => d.due_at !== null && ['upcoming', 'due', 'due-soon', 'open', 'pending', 'overdue'].includes(d.status)).length);
    expect(shown).toBeGreaterThan(0);
    for (const [name, text] of [['empty.json', '{}'], ['package.json', JSON.stringify({ name: 'x', version: '1.0.0' })], ['number.json', '42']] as const) {
      writeFileSync(join(repo, name), text);
      const refused = await run(['--notices', name, '--out', 'elsewhere']);
      expect(refused.code, name).toBe(2);
      expect(refused.err, name).toContain(`--notices ${name}: not a notices file: expected \`incident deadlines --format json\` output`);
    }
    expect(existsSync(join(repo, 'elsewhere'))).toBe(false);
  });
});
