import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo } from '../../cli/io.ts';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';

/**
 * A real git repository in a temp folder, for tests of `incident check` and `incident audit`.
 * Commits get fixed authors and dates (one hour apart from 2026-12-01T00:00Z) so runs are
 * reproducible. Edits fail loudly when the text to replace is absent: a test cannot silently
 * check an unchanged file.
 */
export class TestRepo {
  #clock = Date.parse('2026-12-01T00:00:00Z');

  constructor(readonly dir: string) {}

  static init(parent = tmpdir()): TestRepo {
    const repo = new TestRepo(mkdtempSync(join(parent, 'incident-repo-')));
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'commit.gpgsign', 'false');
    repo.git('config', 'core.autocrlf', 'false');
    return repo;
  }

  /** A copy of another repository's folder (cheaper than rebuilding a fixture per case). */
  static copyOf(source: TestRepo, parent = tmpdir()): TestRepo {
    const dir = mkdtempSync(join(parent, 'incident-repo-'));
    cpSync(source.dir, dir, { recursive: true });
    return new TestRepo(dir);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: { ...process.env, ...this.#identity() }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(rel: string, text: string | Uint8Array): void {
    mkdirSync(dirname(join(this.dir, rel)), { recursive: true });
    writeFileSync(join(this.dir, rel), text);
  }

  read(rel: string): string {
    return readFileSync(join(this.dir, rel), 'utf8');
  }

  /** Replaces `from` (which must occur) with `to` in a file. */
  replace(rel: string, from: string | RegExp, to: string): void {
    const text = this.read(rel);
    const found = typeof from === 'string' ? text.includes(from) : from.test(text);
    if (!found) throw new Error(`test setup: ${String(from)} not found in ${rel}`);
    this.write(rel, text.replace(from, to));
  }

  remove(rel: string): void {
    rmSync(join(this.dir, rel));
  }

  /** Stages everything and commits as `author` ("Name <email>"); returns the sha. */
  commit(message: string, author = 'Ana Ng <a.ng@example.org>'): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message, ...(author ? ['--author', author] : []));
    return this.git('rev-parse', 'HEAD');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  #identity(): Record<string, string> {
    const date = new Date((this.#clock += 3_600_000)).toISOString();
    return { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_COMMITTER_NAME: 'CI', GIT_COMMITTER_EMAIL: 'ci@example.org',
      GIT_AUTHOR_NAME: 'Ana Ng', GIT_AUTHOR_EMAIL: 'a.ng@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir, TZ: 'UTC' };
  }
}

/** The shipped example incidents, by short name. */
export const EXAMPLES = {
  phishing: 'incidents/2026/INC-20261130-4HQP-payroll-phishing-report.md',
  ransomware: 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md',
  invoice: 'incidents/2026/INC-20261105-9XTB-misdirected-invoice-email.md',
  stuffing: 'incidents/2026/INC-20261002-K3DN-credential-stuffing-customer-portal.md',
} as const;

export function exampleText(rel: string): string {
  return readFileSync(join(PACKAGE_ROOT, rel), 'utf8');
}

/** A repository whose main branch holds the four example incidents and a README. */
export function exampleRepo(parent?: string): TestRepo {
  const repo = TestRepo.init(parent);
  for (const rel of Object.values(EXAMPLES)) repo.write(rel, exampleText(rel));
  repo.write('README.md', '# incidents\n');
  repo.commit('Import example incidents');
  return repo;
}

/** A CliIo that records what a command prints, for in-process CLI runs. */
export function captureIo(cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd, env, interactive: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  return { io, text: () => out.join(''), errText: () => err.join('') };
}

/** The phishing example's only phase_history entry (detection). */
export const PHISHING_HISTORY = '  - { phase: detection, entered_at: 2026-11-30T08:52:00Z, by: m.okafor }\n';

/** A legal one-step advance of the phishing example: detection → preliminary-analysis (file path given for renamed copies). */
export function advancePhishing(repo: TestRepo, file: string = EXAMPLES.phishing): void {
  repo.replace(file, 'phase: detection\n', 'phase: preliminary-analysis\n');
  repo.replace(file, PHISHING_HISTORY, PHISHING_HISTORY + '  - { phase: preliminary-analysis, entered_at: 2026-11-30T09:30:00Z, by: m.okafor }\n');
}
