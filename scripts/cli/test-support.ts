// Shared by the authoring tests: a real git repository in a temp folder with the example incidents.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../lib/io/shipped-schemas.ts';
import type { CliIo } from './io.ts';
import { main } from './main.ts';

export function tempRepo(opts: { examples?: boolean; user?: string | null } = {}): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'incident-repo-'));
  execFileSync('git', ['init', '-q'], { cwd: root });
  if (opts.user !== null) execFileSync('git', ['config', 'user.name', opts.user ?? 'a.ng'], { cwd: root });
  if (opts.examples !== false) cpSync(join(PACKAGE_ROOT, 'incidents'), join(root, 'incidents'), { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** What the tests read of `incident check --format json`. */
export interface CheckJson {
  diagnostics: { severity: string; rule: string; message: string }[];
  incidents: { phaseAfter: string | null }[];
}

/**
 * tempRepo() with the examples committed on `main` and a `feature` branch checked out: the state in
 * which a pull request's changes are made; `commitAndCheck` commits the work tree on `feature` and
 * judges it as the PR check does (`incident check --base main --at <at> --format json`).
 */
export function featureBranchRepo(before?: (root: string) => void): { root: string; cleanup(): void; commitAndCheck(at: string): Promise<CheckJson> } {
  const repo = tempRepo();
  before?.(repo.root);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=a@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo.root, env: hermeticEnv(), encoding: 'utf8' });
  git('add', '-A'); git('commit', '-qm', 'examples'); git('branch', '-M', 'main'); git('checkout', '-qb', 'feature');
  const commitAndCheck = async (at: string): Promise<CheckJson> => {
    git('commit', '-qam', 'change');
    const c = capture(repo.root);
    await main(['check', '--base', 'main', '--at', at, '--format', 'json'], c.io);
    return JSON.parse(c.out()) as CheckJson;
  };
  return { ...repo, commitAndCheck };
}

export function capture(cwd: string, interactive = false): { io: CliIo; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { cwd, env: hermeticEnv(), interactive, stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** The process environment without the machine's global and system git config, so tests see only the temp repo's. */
export function hermeticEnv(): Record<string, string | undefined> {
  return { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
}
