import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hermeticEnv, tempRepo } from '../test-support.ts';
import { PACKAGE_ROOT } from '../../lib/io/shipped-schemas.ts';
import { parseIncidentFile } from '../../lib/parse/incident-file.ts';
import { shippedValidator } from '../../lib/io/shipped-validator.ts';

/**
 * The interactive `incident new`, driven through a real pseudo-terminal (util-linux `script`): the
 * test waits for each question on screen, types the answer, and checks the file that comes out.
 */
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;

function session(cwd: string) {
  const tsx = join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsx');
  // A fresh pty has no size; clack lays its boxes out by the terminal width.
  const cmd = `stty cols 120 rows 40 && exec '${tsx}' '${join(PACKAGE_ROOT, 'scripts', 'cli', 'main.ts')}' new`;
  const env: Record<string, string | undefined> = { ...hermeticEnv(), TERM: 'xterm-256color', COLUMNS: '120', LINES: '40' };
  delete env['CI'];
  const p = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let seen = 0;
  p.stdout.on('data', (d: Buffer) => { screen += d.toString('utf8'); });
  p.stderr.on('data', (d: Buffer) => { screen += d.toString('utf8'); });
  const exited = new Promise<number>((res) => p.once('exit', (code) => res(code ?? -1)));
  return {
    /** Waits until `text` appears on screen after what was already consumed, then types `keys`. */
    async answer(text: string, keys: string): Promise<void> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const plain = screen.replace(ANSI, '');
        const at = plain.indexOf(text, seen);
        if (at >= 0) { seen = at + text.length; break; }
        if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}"; screen so far:\n${plain}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      await new Promise((r) => setTimeout(r, 60));
      p.stdin.write(keys);
    },
    exited,
    screen: () => screen.replace(ANSI, ''),
    kill: () => p.kill('SIGKILL'),
  };
}

const repos: { cleanup(): void }[] = [];
afterEach(() => { for (const r of repos.splice(0)) r.cleanup(); });

const ENTER = '\r';
const DOWN = '\x1b[B';
const BACKSPACE = '\x7f';

// util-linux `script` (Debian: bsdutils, always installed); skipped, visibly, where it is absent.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('incident new on a terminal', () => {
  it('asks, and writes a valid incident from the answers', async () => {
    const repo = tempRepo({ examples: false });
    repos.push(repo);
    const s = session(repo.root);
    const detected = new Date(Date.now() - 2 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    try {
      await s.answer('Title (one line)', `Payroll "no-reply" phishing: 3 users clicked${ENTER}`);
      await s.answer('How did it come to light?', `${DOWN}${ENTER}`); // user-reporting → third-party-notification
      await s.answer('Detected at', `${BACKSPACE.repeat(30)}${detected}${ENTER}`);
      await s.answer('Reported at', ENTER); // defaults to the detection time
      await s.answer('Reporter', `${BACKSPACE.repeat(10)}Service desk${ENTER}`);
      await s.answer('TLP label', `${DOWN}${ENTER}`); // TLP:AMBER → TLP:AMBER+STRICT
      await s.answer('Create incidents/', ENTER);
      expect(await s.exited, s.screen()).toBe(0);
    } finally { s.kill(); }
    expect(s.screen()).toMatch(/✔ created INC-\d{8}-[0-9A-Z]{4} in incidents\/\d{4}\/INC-\d{8}-[0-9A-Z]{4}-payroll-no-reply-phishing-3-users-clicked\.md/);
    const year = readdirSync(join(repo.root, 'incidents'))[0]!;
    const [name] = readdirSync(join(repo.root, 'incidents', year));
    const rel = `incidents/${year}/${name}`;
    const parsed = parseIncidentFile(rel, readFileSync(join(repo.root, rel)));
    expect(shippedValidator().validateFile(parsed)).toEqual([]);
    expect(parsed.data).toMatchObject({
      title: 'Payroll "no-reply" phishing: 3 users clicked', phase: 'detection', tlp: 'TLP:AMBER+STRICT',
      detection_method: 'third-party-notification', owner: 'a.ng', reporter: { name: 'Service desk', kind: 'internal' },
      timestamps: { detected_at: detected, reported_at: detected },
    });
    // The template's guidance comments are kept.
    expect(parsed.text).toContain('# New incident. Fill what you know now');
  });

  it('Ctrl-C cancels without writing anything', async () => {
    const repo = tempRepo({ examples: false });
    repos.push(repo);
    const s = session(repo.root);
    try {
      await s.answer('Title (one line)', '\x03');
      expect(await s.exited).toBe(2);
    } finally { s.kill(); }
    expect(s.screen()).toMatch(/nothing was written/);
    expect(() => readdirSync(join(repo.root, 'incidents'))).toThrow();
  });
});
