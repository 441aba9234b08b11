import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { capture, featureBranchRepo, tempRepo } from '../test-support.ts';
import { parseIncidentFile } from '../../lib/parse/incident-file.ts';
import { shippedValidator } from '../../lib/io/shipped-validator.ts';

const R7WM = 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md';
const HQP = 'incidents/2026/INC-20261130-4HQP-payroll-phishing-report.md';
const K3DN = 'incidents/2026/INC-20261002-K3DN-credential-stuffing-customer-portal.md';
const INVALID = 'incidents/2026/INC-20261201-BAD1-broken.md';

interface Row {
  name: string;
  argv: string[];
  exit: number;
  stdout?: RegExp;
  stderr?: RegExp;
  /** The file that must (changed) or must not (unchanged) be written. */
  file?: string;
  changed?: boolean;
}

// Each row runs in a fresh copy of the example repository (real files, real git config).
const rows: Row[] = [
  { name: 'log: confirmation with the path', argv: ['log', 'INC-20261118-R7WM', 'Restore from offline backup started', '--kind', 'action'], exit: 0,
    stdout: /^✔ logged action at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by a\.ng \(timeline entry 13\) in incidents\/2026\/INC-20261118-R7WM-ransomware-file-servers\.md\n$/, file: R7WM, changed: true },
  { name: 'log: a late entry with a reason goes in time order', argv: ['log', 'INC-20261118-R7WM', 'Backup server checked', '--at', '2026-11-18T04:00:00Z', '--late-reason', 'found in the chat log'], exit: 0,
    stdout: /timeline entry 7\) in incidents\/2026\/INC-20261118-R7WM/, file: R7WM, changed: true },
  { name: 'log: a late entry without a reason is a usage error', argv: ['log', 'INC-20261118-R7WM', 'x', '--at', '2026-11-18T04:00:00Z'], exit: 2, stderr: /earlier than the last timeline entry.*--late-reason/, file: R7WM, changed: false },
  { name: 'log: unknown id', argv: ['log', 'INC-20261118-ZZZZ', 'x'], exit: 1, stderr: /^error: no incident with id INC-20261118-ZZZZ under incidents\/ \(did you mean INC-20261118-R7WM\?\)/ },
  { name: 'log: not an id', argv: ['log', '../etc/passwd', 'x'], exit: 1, stderr: /is not an incident id/ },
  { name: 'log: invalid kind', argv: ['log', 'INC-20261118-R7WM', 'x', '--kind', 'rumour'], exit: 2, stderr: /Allowed choices are observation, action, decision, communication, evidence/ },
  { name: 'log: invalid time', argv: ['log', 'INC-20261118-R7WM', 'x', '--at', '2026-11-18 04:00'], exit: 2, stderr: /--at must be an RFC 3339 time with an offset/, file: R7WM, changed: false },
  { name: 'log: a time in the future', argv: ['log', 'INC-20261118-R7WM', 'x', '--at', '2999-01-01T00:00:00Z'], exit: 2, stderr: /--at 2999-01-01T00:00:00Z is in the future/ },
  { name: 'log: empty entry', argv: ['log', 'INC-20261118-R7WM', '  '], exit: 2, stderr: /the entry text is empty/ },
  { name: 'log: invalid file is not edited', argv: ['log', 'INC-20261201-BAD1', 'x'], exit: 1, stderr: /does not validate, so it is not edited/, file: INVALID, changed: false },
  { name: 'notify: regime notice', argv: ['notify', 'INC-20261118-R7WM', '--regime', 'gdpr-art33', '--stage', 'notification', '--recipient', 'Hamburg DPA', '--sent-at', '2026-11-20T09:00:00Z', '--reference', 'HH-2026-7', '--channel', 'portal'], exit: 0,
    stdout: /^✔ recorded notice gdpr-art33 notification to Hamburg DPA, sent 2026-11-20T09:00:00Z, in incidents\/2026\/INC-20261118-R7WM-ransomware-file-servers\.md\n$/, file: R7WM, changed: true },
  { name: 'notify: stakeholder notice', argv: ['notify', 'INC-20261130-4HQP', '--stakeholder', 'legal', '--stage', 'internal', '--recipient', 'General counsel'], exit: 0, stdout: /recorded notice legal \(internal\) to General counsel/, file: HQP, changed: true },
  { name: 'notify: regime without a decision', argv: ['notify', 'INC-20261118-R7WM', '--regime', 'dora-initial', '--stage', 'initial', '--recipient', 'BaFin'], exit: 1, stderr: /regime dora-initial has no decision/, file: R7WM, changed: false },
  { name: 'notify: both regime and stakeholder', argv: ['notify', 'INC-20261118-R7WM', '--regime', 'gdpr-art33', '--stakeholder', 'legal', '--stage', 'initial', '--recipient', 'x'], exit: 2, stderr: /exactly one of --regime/ },
  { name: 'notify: missing stage', argv: ['notify', 'INC-20261118-R7WM', '--regime', 'gdpr-art33', '--recipient', 'x'], exit: 2, stderr: /--stage/ },
  { name: 'notify: missing recipient', argv: ['notify', 'INC-20261118-R7WM', '--regime', 'gdpr-art33', '--stage', 'initial'], exit: 2, stderr: /--recipient is required/ },
  { name: 'notify: unknown id', argv: ['notify', 'INC-20261118-AAAA', '--regime', 'gdpr-art33', '--stage', 'initial', '--recipient', 'x'], exit: 1, stderr: /no incident with id INC-20261118-AAAA/ },
  { name: 'advance: next phase', argv: ['advance', 'INC-20261130-4HQP'], exit: 0, stdout: /^✔ advanced INC-20261130-4HQP from detection to preliminary-analysis in incidents\/2026\/INC-20261130-4HQP-payroll-phishing-report\.md\n$/, file: HQP, changed: true },
  { name: 'advance: gate not met lists fields and sections', argv: ['advance', 'INC-20261002-K3DN'], exit: 1,
    stderr: /cannot move from `final-report` to `feedback` yet[\s\S]*final_report\.approved_by[\s\S]*error: INC-20261002-K3DN stays in `final-report` \(missing fields: final_report\.approved_by, final_report\.approved_at\)/, file: K3DN, changed: false },
  // Only first-stage notices gate leaving notification (later stages have their own gates), as in the PR check.
  { name: 'advance: notification gate names the missing first-stage notices only', argv: ['advance', 'INC-20261118-R7WM'], exit: 1, stderr: /^(?![\s\S]*nis2-(?:notification|final))[\s\S]*regime `gdpr-art33` applies but no notice/, file: R7WM, changed: false },
  { name: 'advance: a missing field comes with an example value from the schema', argv: ['advance', 'INC-20261002-K3DN'], exit: 1, stderr: /hint: Add it under `final_report:`, e\.g\. `approved_at: 2026-12-03T09:30:00Z` \(schemas\/incident\.schema\.json describes the field\)/ },
  { name: 'log: a placeholder --late-reason is refused before anything is written', argv: ['log', 'INC-20261118-R7WM', 'x', '--at', '2026-11-18T03:00:00Z', '--late-reason', 'TODO'], exit: 2, stderr: /--late-reason "TODO" says nothing yet/, file: R7WM, changed: false },
  { name: 'advance: invalid phase is a usage error', argv: ['advance', 'INC-20261130-4HQP', '--to', 'triage'], exit: 2, stderr: /--to triage is not a phase; phases are detection, preliminary-analysis/ },
  { name: 'advance: skipping a phase', argv: ['advance', 'INC-20261130-4HQP', '--to', 'logging'], exit: 1, stderr: /moves on to `preliminary-analysis`, not `logging`; phases are not skipped/, file: HQP, changed: false },
  { name: 'advance: moving back outside reopen rules', argv: ['advance', 'INC-20261118-R7WM', '--to', 'detection', '--reason', 'x'], exit: 1, stderr: /moving back from `notification` to `detection` is not allowed/ },
  { name: 'advance: reopen without a reason', argv: ['advance', 'INC-20261002-K3DN', '--to', 'investigation'], exit: 2, stderr: /reopens it: say why with --reason/, file: K3DN, changed: false },
  { name: 'advance: reopen with a reason', argv: ['advance', 'INC-20261002-K3DN', '--to', 'investigation', '--reason', 'new indicators from the CDN logs'], exit: 0, stdout: /^✔ reopened INC-20261002-K3DN from final-report to investigation in incidents\/2026\/INC-20261002-K3DN/, file: K3DN, changed: true },
  { name: 'advance: to the current phase', argv: ['advance', 'INC-20261118-R7WM', '--to', 'notification'], exit: 1, stderr: /already in `notification`/ },
  { name: 'advance: unknown id', argv: ['advance', 'INC-20261002-QQQQ'], exit: 1, stderr: /no incident with id/ },
  { name: 'fmt --check lists files that would change', argv: ['fmt', '--check'], exit: 1, stdout: /would reformat incidents\/2026\/INC-20261130-4HQP[\s\S]*files would be reformatted/, file: HQP, changed: false },
  { name: 'fmt writes one file with confirmation', argv: ['fmt', HQP], exit: 0, stdout: /^✔ formatted incidents\/2026\/INC-20261130-4HQP-payroll-phishing-report\.md\n$/, file: HQP, changed: true },
  { name: 'fmt refuses an invalid file', argv: ['fmt', INVALID], exit: 1, stderr: /does not validate, so it is not edited/, file: INVALID, changed: false },
  { name: 'fmt: missing path', argv: ['fmt', 'incidents/nope.md'], exit: 1, stderr: /does not exist/ },
  { name: 'new with flags', argv: ['new', '--title', 'Lost laptop with customer list', '--method', 'user-reporting', '--detected-at', '2026-12-01T08:00:00Z', '--tlp', 'TLP:GREEN', '--yes'], exit: 0,
    stdout: /^✔ created (INC-\d{8}-[0-9A-HJKMNP-TV-Z]{4}) in incidents\/\d{4}\/\1-lost-laptop-with-customer-list\.md\nNext steps:\n[\s\S]*git switch -c incident\/\1/ },
  { name: 'new: missing flags off a terminal', argv: ['new', '--yes'], exit: 2, stderr: /not on a terminal, so nothing can be asked: give --title, --method/ },
  { name: 'new: bad method', argv: ['new', '--title', 'Lost laptop', '--method', 'gut-feeling'], exit: 2, stderr: /--method must be one of automated-tool/ },
  { name: 'new: short title', argv: ['new', '--title', 'x', '--method', 'user-reporting'], exit: 2, stderr: /5 to 120 characters/ },
  { name: 'new: report before detection', argv: ['new', '--title', 'Lost laptop', '--method', 'user-reporting', '--detected-at', '2026-12-01T08:00:00Z', '--reported-at', '2026-12-01T07:00:00Z'], exit: 2,
    stderr: /^error: reported at \(2026-12-01T07:00:00Z\) is before detected at \(2026-12-01T08:00:00Z\); a report is received at or after the detection — correct --detected-at or --reported-at\n$/ },
  // Without --detected-at, detection defaults to now: the hint asks for it.
  { name: 'new: report before detection, --detected-at not given', argv: ['new', '--title', 'Lost laptop', '--method', 'user-reporting', '--reported-at', '2026-12-01T07:00:00Z'], exit: 2,
    stderr: /^error: reported at \(2026-12-01T07:00:00Z\) is before detected at \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\); a report is received at or after the detection — give --detected-at too\n$/ },
  { name: 'log: a closed incident is frozen', argv: ['log', 'INC-20261105-9XTB', 'x'], exit: 1, stderr: /INC-20261105-9XTB is closed, and a closed incident is frozen; reopen it first/, file: 'incidents/2026/INC-20261105-9XTB-misdirected-invoice-email.md', changed: false },
  { name: 'notify: a closed incident is frozen', argv: ['notify', 'INC-20261105-9XTB', '--stakeholder', 'legal', '--stage', 'internal', '--recipient', 'x'], exit: 1, stderr: /is closed/ },
  { name: 'log --format json', argv: ['log', 'INC-20261118-R7WM', 'x', '--at', '2026-12-01T00:00:00Z', '--format', 'json'], exit: 0,
    stdout: /^\{"id":"INC-20261118-R7WM","file":"incidents\/2026\/INC-20261118-R7WM-ransomware-file-servers\.md","timeline_index":12,"entry":\{"at":"2026-12-01T00:00:00Z","by":"a\.ng","kind":"observation","entry":"x"\}\}\n$/, file: R7WM, changed: true },
  { name: 'advance --format json names what is missing (one JSON answer)', argv: ['advance', 'INC-20261002-K3DN', '--format', 'json'], exit: 1, stdout: /^\{"ok":false,"id":"INC-20261002-K3DN",.*"moved":false,"missing":\[\{"rule":"gate\/missing-field"[^\n]*\n$/ },
  { name: 'log --format json with a time in the future: a usage error, answered in JSON too', argv: ['log', 'INC-20261118-R7WM', 'x', '--at', '2099-01-01T00:00:00Z', '--format', 'json'], exit: 2, stdout: /^\{"ok":false,"error":"--at [^\n]*\}\n$/ },
  { name: 'log --format json refused: the refusal is a JSON answer too', argv: ['log', 'INC-20261002-QQQQ', 'x', '--format', 'json'], exit: 1, stdout: /^\{"ok":false,"error":"no incident with id INC-20261002-QQQQ[^\n]*\}\n$/ },
  { name: 'notify --format json refused: the refusal is a JSON answer too', argv: ['notify', 'INC-20261118-R7WM', '--regime', 'dora-initial', '--stage', 'initial', '--recipient', 'BaFin', '--format', 'json'], exit: 1, stdout: /^\{"ok":false,"error":"regime dora-initial has no decision/ },
  { name: 'new --format json gives id and file', argv: ['new', '--title', 'Lost laptop', '--method', 'user-reporting', '--format', 'json'], exit: 0,
    stdout: /^\{"id":"(INC-\d{8}-[0-9A-Z]{4})","file":"incidents\/\d{4}\/\1-lost-laptop\.md","branch":"incident\/\1"\}\n$/ },
  { name: 'fmt --check --format json', argv: ['fmt', '--check', '--format', 'json', HQP], exit: 1, stdout: /^\{"check":true,"files":\[\{"file":"incidents\/2026\/INC-20261130-4HQP-payroll-phishing-report\.md","changed":true,"written":false\}\]\}\n$/ },
  { name: 'new: detection in the future', argv: ['new', '--title', 'Lost laptop', '--method', 'user-reporting', '--detected-at', '2999-01-01T00:00:00Z'], exit: 2, stderr: /--detected-at 2999-01-01T00:00:00Z is in the future/ },
];

describe('authoring commands: confirmations and errors', () => {
  for (const row of rows) {
    it(row.name, async () => {
      const repo = tempRepo();
      try {
        // HQP out of canonical layout (`tlp` moved up), so fmt has something to do; shipped examples are formatted.
        const hqp = readFileSync(join(repo.root, HQP), 'utf8');
        const tlpLine = /^tlp: .*\n/m.exec(hqp)![0];
        writeFileSync(join(repo.root, HQP), hqp.replace(tlpLine, '').replace(/^(schema_version: .*\n)/m, `$1${tlpLine}`));
        // One invalid incident in every repository: its `owner` is missing.
        const bad = readFileSync(join(repo.root, HQP), 'utf8').replace('INC-20261130-4HQP', 'INC-20261201-BAD1').replace(/^owner: .*\n/m, '');
        writeFileSync(join(repo.root, INVALID), bad);
        const before = row.file ? readFileSync(join(repo.root, row.file)) : undefined;
        const c = capture(repo.root);
        const code = await main(row.argv, c.io);
        expect({ code, out: c.out(), err: c.err() }).toMatchObject({ code: row.exit });
        if (row.stdout) expect(c.out()).toMatch(row.stdout);
        if (row.stderr) expect(c.err()).toMatch(row.stderr);
        if (row.exit !== 0) expect(c.err() + c.out(), 'a failure is explained').not.toBe('');
        if (row.file) {
          const after = readFileSync(join(repo.root, row.file));
          expect(!after.equals(before!), `${row.file} ${row.changed ? 'changed' : 'unchanged'}`).toBe(row.changed);
        }
        // Whatever happened, every file the commands wrote still validates.
        for (const f of listIncidents(repo.root).filter((f) => f !== INVALID)) {
          const parsed = parseIncidentFile(f, readFileSync(join(repo.root, f)));
          expect(shippedValidator().validateFile(parsed).filter((d) => d.severity === 'error'), f).toEqual([]);
        }
      } finally {
        repo.cleanup();
      }
    });
  }
});

describe('author from git config', () => {
  let repo: ReturnType<typeof tempRepo>;
  beforeAll(() => { repo = tempRepo({ user: null }); });
  afterAll(() => repo.cleanup());
  it('without user.name and --by, log is a usage error naming both ways out', async () => {
    const c = capture(repo.root);
    expect(await main(['log', 'INC-20261118-R7WM', 'x'], c.io)).toBe(2);
    expect(c.err()).toMatch(/git config user\.name .* or pass --by/);
  });
  it('--by names the author', async () => {
    const c = capture(repo.root);
    expect(await main(['log', 'INC-20261118-R7WM', 'x', '--by', 'r.haddad'], c.io)).toBe(0);
    expect(readFileSync(join(repo.root, R7WM), 'utf8')).toMatch(/by: r\.haddad, kind: observation, entry: x \}/);
  });
});

function listIncidents(root: string): string[] {
  return readdirSync(join(root, 'incidents'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => `incidents/${f.split('\\').join('/')}`);
}

describe('new: ids never collide', () => {
  it('draws again when the id is taken, using the injected clock and randomness', async () => {
    const repo = tempRepo({ examples: false });
    try {
      const { runNew } = await import('./new.ts');
      const draws = [[0, 0, 0], [0, 0, 0], [255, 255, 255]];
      const deps = { now: () => new Date('2026-12-03T10:00:00Z'), identity: async () => 'a.ng', randomBytes: () => new Uint8Array(draws.shift()!) };
      const opts = { title: 'Lost laptop with customer list', method: 'user-reporting', detectedAt: '2026-12-03T09:00:00Z' };
      const c = capture(repo.root);
      await runNew(c.io, opts, deps);
      await runNew(c.io, opts, deps);
      expect(c.out()).toMatch(/created INC-20261203-0000 in incidents\/2026\/INC-20261203-0000-lost-laptop-with-customer-list\.md[\s\S]*created INC-20261203-ZZZZ in incidents\/2026\/INC-20261203-ZZZZ-lost-laptop-with-customer-list\.md/);
      expect(draws).toEqual([]);
      // New files are already in the canonical layout.
      const f = capture(repo.root);
      expect(await main(['fmt', '--check'], f.io)).toBe(0);
      expect(f.out()).toBe('✔ 2 files already formatted\n');
    } finally {
      repo.cleanup();
    }
  });
});

describe('new never writes through a planted symbolic link', () => {
  it('refuses when the year folder is a link out of the repository', async () => {
    const repo = tempRepo({ examples: false });
    const outside = tempRepo({ examples: false });
    try {
      const { mkdirSync, symlinkSync } = await import('node:fs');
      mkdirSync(join(repo.root, 'incidents'));
      symlinkSync(outside.root, join(repo.root, 'incidents', String(new Date().getUTCFullYear())));
      const c = capture(repo.root);
      expect(await main(['new', '--title', 'Lost laptop', '--method', 'user-reporting'], c.io)).toBe(1);
      expect(c.err()).toMatch(/is not a plain folder \(a symbolic link\?\)/);
      expect(readdirSync(outside.root).filter((f) => f.endsWith('.md'))).toEqual([]);
    } finally {
      repo.cleanup();
      outside.cleanup();
    }
  });
});

describe('authoring verbs keep a canonical file canonical', () => {
  it('a list the file does not have yet (notifications) goes to its schema place, so fmt --check still passes', async () => {
    const repo = tempRepo();
    try {
      const run = async (...argv: string[]) => { const c = capture(repo.root); return { code: await main(argv, c.io), out: c.out(), err: c.err() }; };
      expect((await run('fmt', '--check', HQP)).code, 'canonical before').toBe(0);
      expect(readFileSync(join(repo.root, HQP), 'utf8')).not.toMatch(/^notifications:/m);
      expect((await run('notify', 'INC-20261130-4HQP', '--stakeholder', 'legal', '--stage', 'internal', '--recipient', 'General counsel', '--sent-at', '2026-11-30T10:00:00Z')).code).toBe(0);
      expect(readFileSync(join(repo.root, HQP), 'utf8')).toMatch(/^notifications:\n {2}- \{ stakeholder: legal/m);
      const after = await run('fmt', '--check', HQP);
      expect(after.out + after.err).not.toContain('would change');
      expect(after.code).toBe(0);
    } finally {
      repo.cleanup();
    }
  });
});

describe('advance asks what the PR check asks', () => {
  it('out of notification once the first-stage notices are recorded; the PR check then passes the move', async () => {
    const repo = featureBranchRepo();
    try {
      const run = async (...argv: string[]) => { const c = capture(repo.root); return { code: await main(argv, c.io), out: c.out(), err: c.err() }; };
      expect((await run('notify', 'INC-20261118-R7WM', '--regime', 'gdpr-art33', '--stage', 'initial', '--recipient', 'HmbBfDI', '--sent-at', '2026-11-20T09:00:00Z')).code).toBe(0);
      const moved = await run('advance', 'INC-20261118-R7WM', '--at', '2026-11-21T08:00:00Z');
      expect(moved.err).toBe('');
      expect(moved).toMatchObject({ code: 0, out: expect.stringMatching(/advanced INC-20261118-R7WM from notification to investigation/) });
      const result = await repo.commitAndCheck('2026-11-21T08:00:00Z');
      // Deadline findings (overdue later-stage notices) are the deadline engine's, not the gate's.
      expect(result.diagnostics.filter((d) => d.severity === 'error' && !d.rule.startsWith('deadline/'))).toEqual([]);
      expect(result.diagnostics.some((d) => d.rule.startsWith('deadline/')), 'the check did look at this incident').toBe(true);
      expect(result.incidents.map((i) => i.phaseAfter)).toEqual(['investigation']);
    } finally {
      repo.cleanup();
    }
  });
});

describe('advance: reopen and the closing shortcut, end to end', () => {
  it('reopens a closed incident to preliminary analysis, then closes it again through the shortcut', async () => {
    const repo = tempRepo();
    const FILE = 'incidents/2026/INC-20261105-9XTB-misdirected-invoice-email.md';
    try {
      const run = async (...argv: string[]) => { const c = capture(repo.root); return { code: await main(argv, c.io), out: c.out(), err: c.err() }; };
      expect(await run('advance', 'INC-20261105-9XTB', '--to', 'preliminary-analysis', '--reason', 'a second list also received it', '--at', '2026-11-10T10:00:00Z'))
        .toMatchObject({ code: 0, out: expect.stringMatching(/reopened INC-20261105-9XTB from closed to preliminary-analysis/) });
      expect(await run('advance', 'INC-20261105-9XTB', '--to', 'closed', '--at', '2026-11-10T11:00:00Z'))
        .toMatchObject({ code: 0, out: expect.stringMatching(/advanced INC-20261105-9XTB from preliminary-analysis to closed/) });
      const data = parseIncidentFile(FILE, readFileSync(join(repo.root, FILE))).data!;
      expect((data['phase_history'] as unknown[]).slice(-2)).toEqual([
        { phase: 'preliminary-analysis', entered_at: '2026-11-10T10:00:00Z', by: 'a.ng', reason: 'a second list also received it' },
        { phase: 'closed', entered_at: '2026-11-10T11:00:00Z', by: 'a.ng' },
      ]);
      expect((data['timeline'] as unknown[]).slice(-2)).toEqual([
        { at: '2026-11-10T10:00:00Z', by: 'a.ng', kind: 'decision', entry: 'Reopened: moved back from closed to preliminary-analysis. Reason: a second list also received it' },
        { at: '2026-11-10T11:00:00Z', by: 'a.ng', kind: 'decision', entry: 'Phase preliminary-analysis → closed (closing shortcut)' },
      ]);
      // The shortcut needs its condition: a real incident in detection cannot take it.
      expect(await run('advance', 'INC-20261130-4HQP', '--to', 'closed')).toMatchObject({ code: 1, err: expect.stringMatching(/moves on to `preliminary-analysis`, not `closed`/) });
    } finally {
      repo.cleanup();
    }
  });
});
