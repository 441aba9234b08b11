import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RepoRef } from './actions-io.ts';
import type { GithubClient } from './client.ts';
import { GitBlobReader } from './git-blobs.ts';

const run = promisify(execFile);

export interface ChangedFile { filename: string; status: string; previous_filename?: string }
export interface ChangeListing {
  files: ChangedFile[];
  source: 'api' | 'git';
  /** Read a file as of a commit (undefined when absent). */
  read(sha: string, path: string): Promise<string | undefined>;
  /** Releases the git reader, if any. */
  close(): void;
  note?: string;
}

/** GitHub's pull-request files endpoint stops at 3,000 entries (case 22). */
export const API_FILES_CAP = 3000;

export class ChangeListingError extends Error {}

/**
 * The files a pull request changes. Uses the API (every page, 100 per page) and compares the count
 * with the PR's `changed_files`; when the API lists fewer (its 3,000-file cap), falls back to the
 * local git diff (`gitDir` must hold both commits, e.g. after `git fetch origin pull/N/head`), and
 * says so. Without a usable checkout a short listing is a hard failure, never a silent subset.
 */
export async function listPrChanges(gh: GithubClient, repo: RepoRef, prNumber: number, opts: { baseSha: string; headSha: string; gitDir?: string }): Promise<ChangeListing> {
  const { data: pr } = await gh.rest.pulls.get({ ...repo, pull_number: prNumber });
  const files = await gh.paginate(gh.rest.pulls.listFiles, { ...repo, pull_number: prNumber, per_page: 100 });
  if (files.length >= pr.changed_files) {
    // With a checkout at hand, file contents come from git (one process) rather than one API call each.
    const git = opts.gitDir ? new GitBlobReader(opts.gitDir) : undefined;
    return {
      source: 'api',
      files: files.map((f) => ({ filename: f.filename, status: f.status, ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}) })),
      read: git ? async (sha, path) => (await git.read(sha, path)) ?? readViaApi(gh, repo, sha, path) : (sha, path) => readViaApi(gh, repo, sha, path),
      close: () => git?.close(),
    };
  }
  const short = `GitHub listed ${files.length} of ${pr.changed_files} changed files (the API stops at ${API_FILES_CAP})`;
  if (!opts.gitDir) throw new ChangeListingError(`${short}; run with a checkout that has both commits fetched (--git-dir) so the local git diff can be used`);
  try {
    const listed = await gitChanges(opts.gitDir, opts.baseSha, opts.headSha);
    const git = new GitBlobReader(opts.gitDir);
    return { source: 'git', files: listed, read: (sha, path) => git.read(sha, path), close: () => git.close(), note: `${short}, so the changed files come from the local git diff (${listed.length} files).` };
  } catch (e) {
    throw new ChangeListingError(`${short}, and the local git diff failed: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function readViaApi(gh: GithubClient, repo: RepoRef, ref: string, path: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

/** `git diff --name-status -z -M base...head`, argument arrays only (no shell). */
export async function gitChanges(gitDir: string, baseSha: string, headSha: string): Promise<ChangedFile[]> {
  for (const sha of [baseSha, headSha]) if (!/^[0-9a-f]{40}$/.test(sha)) throw new ChangeListingError(`not a commit sha: ${sha}`);
  const { stdout } = await run('git', ['-C', gitDir, 'diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', `${baseSha}...${headSha}`], { maxBuffer: 256 * 1024 * 1024 });
  const parts = stdout.split('\0');
  const out: ChangedFile[] = [];
  for (let i = 0; i < parts.length;) {
    const code = parts[i++];
    if (!code) continue;
    if (code.startsWith('R') || code.startsWith('C')) {
      const from = parts[i++]!;
      const to = parts[i++]!;
      out.push({ filename: to, status: code.startsWith('R') ? 'renamed' : 'copied', previous_filename: from });
    } else {
      const name = parts[i++]!;
      out.push({ filename: name, status: code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified' });
    }
  }
  return out;
}
