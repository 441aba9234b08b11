import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitRevision {
  /** HEAD commit, 40 hex. */
  commit: string;
  /** Committer date of HEAD, RFC 3339 UTC (used as the reports' "as of" unless one is passed). */
  committedAt: string;
  /** True when files under the given paths differ from HEAD (staged, unstaged or untracked). */
  dirty: boolean;
}

/**
 * The commit the reports are compiled from. execFile, never a shell: arguments are fixed strings
 * and paths, nothing from incident files. Undefined outside a git work tree or without git.
 */
export async function gitRevision(cwd: string, paths: readonly string[]): Promise<GitRevision | undefined> {
  try {
    const opts = { cwd, timeout: 15_000, maxBuffer: 8 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } };
    const { stdout: head } = await run('git', ['rev-parse', '--verify', 'HEAD'], opts);
    const commit = head.trim();
    if (!/^[0-9a-f]{40}$/.test(commit)) return undefined;
    const { stdout: ct } = await run('git', ['show', '-s', '--format=%ct', commit], opts);
    const seconds = Number(ct.trim());
    const { stdout: status } = await run('git', ['status', '--porcelain', '--untracked-files=all', '--', ...(paths.length ? paths : ['.'])], opts);
    return { commit, committedAt: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z'), dirty: status.trim() !== '' };
  } catch {
    return undefined;
  }
}
