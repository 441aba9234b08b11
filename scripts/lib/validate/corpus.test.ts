/**
 * The bad-input corpus: one folder per case under testdata/<case>/ with the input files under
 * incidents/ and expected.json holding the exact diagnostics `incident validate --format json`
 * must print (rule, severity, file, line, column, message) and its exit code.
 *
 * Each case runs twice through the real command (runValidate over a temporary copy):
 *   1. alone — exact diagnostics, exit code, a hint on every finding, no forbidden text anywhere
 *      in the JSON or human output (secrets, TLP:RED values);
 *   2. beside a "canary" file with one known error — the canary is still read and reported, so a
 *      bad file never stops the others from being checked.
 * Inputs too large or too odd to commit are generated here (GENERATED).
 * UPDATE_EXPECTED=1 rewrites expected.json from the current output (review the diff!).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runValidate } from '../../cli/commands/validate.ts';
import { execFileSync } from 'node:child_process';
import type { Diagnostic } from '../model/diagnostic.ts';
import { parseIncidentFile } from '../parse/incident-file.ts';

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

interface Expected {
  description: string;
  exit: number;
  /** Text that must appear nowhere in the output (secrets, TLP:RED values). */
  mustNotContain?: string[];
  diagnostics: Pick<Diagnostic, 'rule' | 'severity' | 'file' | 'line' | 'column' | 'message'>[];
}

const FRONT = (id: string) => `---
schema_version: "1.0"
id: ${id}
title: Payroll-themed phishing email reported by finance staff
phase: detection
phase_history:
  - { phase: detection, entered_at: 2026-12-03T08:52:00Z, by: m.okafor }
tlp: TLP:AMBER
determination: suspected
detection_method: user-reporting
reporter:
  name: Lena Brandt (Finance)
  kind: internal
owner: m.okafor
timestamps:
  detected_at: 2026-12-03T08:31:00Z
  reported_at: 2026-12-03T08:34:00Z
  acknowledged_at: 2026-12-03T08:52:00Z
`;

/** Inputs generated rather than committed. */
const GENERATED: Record<string, (root: string) => void> = {
  'huge-file': (root) => {
    // 5 MB: a valid front matter and a body of prose, far over the 1 MiB limit per file.
    const para = 'The attacker sent further lures to the finance team over the following days. '.repeat(13) + '\n\n';
    let body = '\n## Summary\n\n';
    while (body.length < 5 * 1024 * 1024) body += para;
    writeFileSync(join(root, 'incidents', 'INC-20261203-7KQF-huge.md'), FRONT('INC-20261203-7KQF') + '---\n' + body);
    // Under the file limit, but with 300 KB of front matter (over its own 256 KiB limit).
    const filler = Array.from({ length: 6000 }, (_, i) => `x-note-${i}: ${'lorem ipsum dolor sit amet '.repeat(2)}`).join('\n');
    writeFileSync(join(root, 'incidents', 'INC-20261203-8KQF-huge-front-matter.md'), FRONT('INC-20261203-8KQF') + filler + '\n---\n\n## Summary\n\nText.\n');
  },
};

GENERATED['deep-nesting'] = (root) => {
  // 50,000 nested brackets and 30,000 compact dashes: each once blew the stack of every YAML reader.
  writeFileSync(join(root, 'incidents', 'INC-20261203-7KQF-brackets.md'), `---\nid: INC-20261203-7KQF\nx-deep: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n---\n`);
  writeFileSync(join(root, 'incidents', 'INC-20261203-8KQF-dashes.md'), `---\nid: INC-20261203-8KQF\nx-deep:\n${'- '.repeat(30_000)}x\n---\n`);
  // A body quoted 3,000 deep and a list 5,000 deep: each made report overflow the stack for every incident.
  writeFileSync(join(root, 'incidents', 'INC-20261203-9KQF-deep-quote.md'), `${FRONT('INC-20261203-9KQF')}---\n\n## Summary\n\n${'>'.repeat(3000)} deep\n`);
  writeFileSync(join(root, 'incidents', 'INC-20261203-AKQF-deep-list.md'), `${FRONT('INC-20261203-AKQF')}---\n\n## Summary\n\n${'* '.repeat(5000)}x\n`);
};

GENERATED['hostile-long-lines'] = (root) => {
  // A 100,000-space line (once 14 s in a backtracking key pattern) and a 200,000-character key
  // (once echoed whole into the message and fed to the quadratic did-you-mean).
  // Its body line once took 9 s in the password-in-URL secret pattern.
  writeFileSync(join(root, 'incidents', 'INC-20261203-7KQF-spaces.md'), `${FRONT('INC-20261203-7KQF')}x-pad: {a${' '.repeat(100_000)}b}\n---\n\n## Summary\n\n${'a-'.repeat(50_000)} ://x:yyy@\n`);
  // Its body line (20,000 nested list markers) once took 32 s in the section scanner.
  writeFileSync(join(root, 'incidents', 'INC-20261203-8KQF-long-key.md'), `${FRONT('INC-20261203-8KQF')}${'k'.repeat(200_000)}: 1\n---\n\n## Summary\n\n${'- '.repeat(20_000)}x\n`);
};

GENERATED['not-regular-file'] = (root) => {
  execFileSync('mkfifo', [join(root, 'incidents', 'INC-20261203-7KQF-pipe.md')]);
};

const CANARY_FILE = 'incidents/INC-20991231-ZZZZ-canary.md';
const CANARY = FRONT('INC-20991231-ZZZZ').replace('tlp: TLP:AMBER', 'tlp: TLP:BLUE') + '---\n\n## Summary\n\nA canary.\n';

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { cwd, env: {}, interactive: false, stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

function prepare(name: string, withCanary: boolean): string {
  const root = mkdtempSync(join(tmpdir(), `corpus-${name}-`));
  const src = join(TESTDATA, name, 'incidents');
  mkdirSync(join(root, 'incidents'), { recursive: true });
  if (existsSync(src)) cpSync(src, join(root, 'incidents'), { recursive: true });
  GENERATED[name]?.(root);
  if (withCanary) writeFileSync(join(root, CANARY_FILE), CANARY);
  return root;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : e.isFile() ? [`${prefix}${e.name}`] : []);
}

/** Finds any Date object (or other non-plain value) in parsed data: none may exist (case 01). */
function nonPlain(value: unknown, path = ''): string | undefined {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) { const bad = nonPlain(v, `${path}/${i}`); if (bad) return bad; }
    return undefined;
  }
  if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    for (const k of Object.keys(value)) { const bad = nonPlain((value as Record<string, unknown>)[k], `${path}/${k}`); if (bad) return bad; }
    return undefined;
  }
  return `${path} is ${Object.prototype.toString.call(value)}`;
}

const cases = readdirSync(TESTDATA, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const temps: string[] = [];
afterAll(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

describe('bad-input corpus (incident validate --format json)', () => {
  it('has the cases the issue names', () => {
    for (const c of ['case-01-unquoted-date', 'case-05-unclosed-front-matter', 'case-07-utf8-bom', 'case-11-yaml11-booleans',
      'case-13-alias-bomb', 'case-15-date-time-yesterday', 'no-front-matter', 'empty-front-matter', 'front-matter-not-line-1',
      'non-mapping-root', 'duplicate-keys', 'wrong-types', 'unknown-keys', 'bad-enum', 'timestamp-without-offset',
      'impossible-date', 'proto-keys', 'huge-file', 'binary-garbage', 'invalid-utf8', 'id-file-name-mismatch', 'duplicate-ids',
      'crlf-line-endings', 'secrets-pasted', 'tlp-red-not-echoed', 'deep-nesting', 'yaml-syntax-error', 'hostile-long-lines']) expect(cases).toContain(c);
  });

  it('bad-enum: the hint for a phase outside the lifecycle does not suggest recording that phase', async () => {
    const root = prepare('bad-enum', false);
    temps.push(root);
    const c = capture(root);
    await runValidate(c.io, [], 'json');
    const d = (JSON.parse(c.out.join('')) as { diagnostics: Diagnostic[] }).diagnostics.find((x) => x.rule === 'phase-history/current-phase')!;
    expect(d.hint).not.toContain('phase: triage');
    expect(d.hint).toContain("First make `phase` one of the lifecycle's phases (detection, preliminary-analysis,");
  });

  describe.each(cases)('%s', (name) => {
    const expectedPath = join(TESTDATA, name, 'expected.json');

    it('gives exactly the expected diagnostics and exit code', async () => {
      const root = prepare(name, false);
      temps.push(root);
      const c = capture(root);
      const code = await runValidate(c.io, [], 'json');
      const json = JSON.parse(c.out.join('')) as { files: string[]; diagnostics: Diagnostic[] };
      const actual = json.diagnostics.map(({ rule, severity, file, line, column, message }) => ({ rule, severity, file, line, column, message }));
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
      if (process.env['UPDATE_EXPECTED']) {
        writeFileSync(expectedPath, JSON.stringify({ ...expected, exit: code, diagnostics: actual }, null, 2) + '\n');
        return;
      }
      expect(actual).toEqual(expected.diagnostics);
      expect(code).toBe(expected.exit);
      expect(json.files).toEqual(listFiles(join(root, 'incidents')).map((f) => `incidents/${f}`).sort());
      expect(c.err.join('')).toBe('');
      for (const d of json.diagnostics) {
        expect(d.hint, `${d.rule} has a hint`).toMatch(/\S/);
        expect(d.line).toBeGreaterThanOrEqual(0);
        expect(d.column).toBeGreaterThanOrEqual(0);
      }
      // Human output renders the same findings (code frames included) without throwing.
      const human = capture(root);
      expect(await runValidate(human.io, [], 'human')).toBe(code);
      const github = capture(root);
      expect(await runValidate(github.io, [], 'github')).toBe(code);
      for (const secret of expected.mustNotContain ?? []) {
        expect(c.out.join(''), 'json output').not.toContain(secret);
        expect(human.out.join(''), 'human output').not.toContain(secret);
        expect(github.out.join(''), 'github output').not.toContain(secret);
      }
      // Case 01: no Date (or any non-plain object) reaches the data of any parsed fixture.
      for (const f of listFiles(join(root, 'incidents'))) {
        const parsed = parseIncidentFile(`incidents/${f}`, readFileSync(join(root, 'incidents', f)));
        expect(nonPlain(parsed.data)).toBeUndefined();
      }
    });

    it('does not stop other files in the same run from being checked', async () => {
      const root = prepare(name, true);
      temps.push(root);
      const c = capture(root);
      expect(await runValidate(c.io, [], 'json')).toBe(1);
      const json = JSON.parse(c.out.join('')) as { files: string[]; diagnostics: Diagnostic[] };
      expect(json.files).toContain(CANARY_FILE);
      expect(json.diagnostics.filter((d) => d.file === CANARY_FILE).map((d) => [d.rule, d.line, d.column])).toEqual([['schema/enum', 8, 6]]);
    });
  });

  it('never pollutes Object.prototype (proto-keys case and all others)', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });
});
