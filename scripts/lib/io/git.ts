import { execFile, spawn } from 'node:child_process';

/**
 * Git I/O for `incident check` and `incident audit`. Every call passes an argument array to
 * execFile/spawn, never a shell, so refs, paths and branch names from a pull request are data and
 * can never run as commands (case 21). Output is read as bytes; paths come from `-z` output.
 */

/** A git failure: infrastructure, reported as one line with exit 2 (never a stack trace). */
export class GitError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(hint ? `${message}\nhint: ${hint}` : message);
  }
}

/** Environment for every git child: no pager, no prompts, no locale-dependent messages. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' };
}

const MAX_BUFFER = 1 << 30;

/** Runs git and returns stdout as bytes; rejects with the first line of stderr on failure. */
export function git(cwd: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, env: gitEnv(), encoding: 'buffer', maxBuffer: MAX_BUFFER, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const text = Buffer.isBuffer(stderr) ? stderr.toString('utf8').trim() : String(stderr ?? '').trim();
        reject(new GitError(`git ${args[0]} failed: ${text.split('\n').find((l) => l.trim()) ?? err.message}`));
      } else resolve(stdout);
    });
  });
}

async function gitText(cwd: string, args: readonly string[]): Promise<string> {
  return (await git(cwd, args)).toString('utf8').trim();
}

async function succeeds(cwd: string, args: readonly string[]): Promise<boolean> {
  try { await git(cwd, args); return true; } catch { return false; }
}

/** The repository's top-level folder; GitError when `cwd` is not inside a work tree. */
export async function repoRoot(cwd: string): Promise<string> {
  try { return await gitText(cwd, ['rev-parse', '--show-toplevel']); } catch {
    throw new GitError(`${cwd} is not inside a git work tree`, 'run the command from a clone of the incidents repository');
  }
}

/** Full commit sha of `ref`; GitError naming the ref when it does not resolve. */
export async function resolveCommit(cwd: string, ref: string): Promise<string> {
  try {
    return await gitText(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`\`${ref}\` is not a commit in this repository`,
      `fetch it first, e.g. \`git fetch origin main\`, and pass a branch, tag or sha that exists (e.g. origin/main, or a sha from \`git log --oneline\`)`);
  }
}

/**
 * Like resolveCommit, but a full sha that is not in the clone (a shallow checkout of the merge
 * commit does not hold the base branch tip the event names) is fetched from `remote` first.
 */
export async function ensureCommit(cwd: string, ref: string, remote: string): Promise<string> {
  try {
    return await resolveCommit(cwd, ref);
  } catch (err) {
    if (!/^[0-9a-f]{40}$/i.test(ref)) throw err;
    if (!(await succeeds(cwd, ['-c', 'protocol.version=2', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--depth', '1', remote, ref]))) {
      throw new GitError(`commit ${ref} is not in this clone and could not be fetched from \`${remote}\``, FETCH_DEPTH_HINT);
    }
    return resolveCommit(cwd, ref);
  }
}

export async function isShallow(cwd: string): Promise<boolean> {
  return (await gitText(cwd, ['rev-parse', '--is-shallow-repository'])) === 'true';
}

export interface MergeBaseOptions {
  /** Remote to deepen a shallow clone from (default `origin`). */
  remote?: string;
  /** Commits fetched per deepening step, doubled each time (default 50, 100, 200, …). */
  firstStep?: number;
  /** Give up after this many steps (then one `--unshallow`), failing closed. */
  maxSteps?: number;
  /** Told about each deepening step (for a progress line on stderr). */
  onDeepen?: (by: number) => void;
}

export const FETCH_DEPTH_HINT = 'set `fetch-depth: 0` on actions/checkout (or run `git fetch --unshallow`) so the merge base of the pull request is in the clone';

/**
 * The merge base of `base` and `head` (both full shas). In a shallow clone (actions/checkout's
 * default depth 1) the common ancestor is often missing: deepen step by step, fetching both tips,
 * until it resolves (case 19). Fails closed: never falls back to a two-dot diff, which would
 * attribute every change on the base branch to the pull request.
 */
export async function mergeBase(cwd: string, base: string, head: string, opts: MergeBaseOptions = {}): Promise<string> {
  const tryBase = async () => { try { return await gitText(cwd, ['merge-base', base, head]); } catch { return undefined; } };
  let found = await tryBase();
  if (found) return found;
  const remote = opts.remote ?? 'origin';
  let step = opts.firstStep ?? 50;
  const maxSteps = opts.maxSteps ?? 8;
  for (let i = 0; i < maxSteps && (await isShallow(cwd)); i++, step *= 2) {
    opts.onDeepen?.(step);
    await deepen(cwd, remote, ['--deepen', String(step)], [base, head]);
    if ((found = await tryBase())) return found;
  }
  if (await isShallow(cwd)) {
    opts.onDeepen?.(Infinity);
    await deepen(cwd, remote, ['--unshallow'], [base, head]);
    if ((found = await tryBase())) return found;
  }
  const shallow = await isShallow(cwd);
  throw new GitError(
    shallow
      ? `no merge base between ${base.slice(0, 12)} and ${head.slice(0, 12)}: the clone is shallow and deepening from \`${remote}\` did not reach a common ancestor`
      : `no merge base between ${base.slice(0, 12)} and ${head.slice(0, 12)}: the two commits share no history`,
    shallow ? FETCH_DEPTH_HINT : 'check --base: it must name the branch the pull request targets, e.g. --base origin/main');
}

/** One deepening fetch: both tips by sha (works on GitHub and file://), else the configured refspecs. */
async function deepen(cwd: string, remote: string, how: string[], shas: string[]): Promise<void> {
  const common = ['-c', 'protocol.version=2', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', ...how];
  if (await succeeds(cwd, [...common, remote, ...shas])) return;
  if (await succeeds(cwd, [...common, remote])) return;
  throw new GitError(`could not deepen the shallow clone from remote \`${remote}\``, FETCH_DEPTH_HINT);
}

/** Paths under `pathspec` with uncommitted changes (staged, unstaged or untracked). */
export async function uncommittedPaths(cwd: string, pathspec: readonly string[]): Promise<string[]> {
  const out = (await git(cwd, ['-c', 'core.quotePath=false', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...pathspec])).toString('utf8');
  const paths: string[] = [];
  const parts = out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const rec = parts[i]!;
    if (rec.length < 4) continue;
    paths.push(rec.slice(3));
    if (rec[0] === 'R' || rec[0] === 'C') i++; // the original path follows a rename
  }
  return paths;
}

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface FileChange {
  status: ChangeStatus;
  /** Path at head (for D: the deleted path). */
  path: string;
  /** Path at base for renames and copies. */
  oldPath?: string;
}

/**
 * Files changed between `from` and `to` (two-dot between the merge base and head, which is what
 * `base...head` means), with rename detection, parsed from `-z` output so any path is read exactly.
 */
export async function changedFiles(cwd: string, from: string, to: string, pathspec: readonly string[] = []): Promise<FileChange[]> {
  const out = await git(cwd, ['-c', 'core.quotePath=false', 'diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-textconv', from, to, '--', ...pathspec]);
  return parseNameStatusZ(out.toString('utf8'));
}

/** Parses `--name-status -z` output: `S\0path\0` or `R<score>\0old\0new\0`. */
export function parseNameStatusZ(text: string): FileChange[] {
  const parts = text.split('\0');
  const out: FileChange[] = [];
  for (let i = 0; i < parts.length; ) {
    // `git log -z` separates the format from the file list with NUL + newline: trim it off the code.
    const code = (parts[i++] ?? '').trim();
    if (!/^[AMDRCT]/.test(code)) continue;
    const status = code[0] as ChangeStatus;
    if (status === 'R' || status === 'C') {
      const oldPath = parts[i++]!;
      const path = parts[i++]!;
      out.push({ status, path, oldPath });
    } else {
      out.push({ status: status === 'T' ? 'M' : status, path: parts[i++]! });
    }
  }
  return out;
}

/** Every file path in the tree of `rev` under `dir`, with its blob sha (from `ls-tree -z`). */
export async function listTree(cwd: string, rev: string, dir: string): Promise<{ path: string; blob: string }[]> {
  const out = (await git(cwd, ['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--full-tree', rev, '--', dir])).toString('utf8');
  const files: { path: string; blob: string }[] = [];
  for (const rec of out.split('\0')) {
    // "<mode> SP <type> SP <object> TAB <file>"
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, blob] = rec.slice(0, tab).split(' ');
    if (type === 'blob' && mode !== '120000' && blob) files.push({ path: rec.slice(tab + 1), blob });
  }
  return files;
}

/**
 * Reads many objects through one `git cat-file --batch` process (the bytes `git show <rev>:<path>`
 * prints for a blob, without a process per file: audit reads tens of thousands of versions).
 * `specs` are `<rev>:<path>` or blob shas; a missing object maps to undefined. Each object is
 * capped at `maxBytes` (+1, so the parser can tell it was too large).
 */
export function readObjects(cwd: string, specs: readonly string[], maxBytes = Number.MAX_SAFE_INTEGER): Promise<Map<string, Uint8Array | undefined>> {
  return new Promise((resolve, reject) => {
    const result = new Map<string, Uint8Array | undefined>();
    if (specs.length === 0) { resolve(result); return; }
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let buffered = 0;
    let stderr = '';
    let next = 0;
    const take = (n: number): Buffer => {
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const head = all.subarray(0, n);
      const rest = all.subarray(n);
      chunks.length = 0;
      if (rest.length) chunks.push(rest);
      buffered = rest.length;
      return head;
    };
    // Parse as data arrives: header line, then <size> bytes and a newline. Of an object larger
    // than the cap only the first maxBytes + 1 bytes are kept; the rest is skipped as it streams
    // by, so a hostile multi-gigabyte file in a pull request never sits in memory.
    let pending: { size: number } | undefined;
    let skip = 0;
    const drain = () => {
      for (;;) {
        if (skip > 0) {
          const n = Math.min(skip, buffered);
          take(n);
          skip -= n;
          if (skip > 0) return;
          continue;
        }
        if (!pending) {
          const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          if (chunks.length > 1) { chunks.length = 0; chunks.push(all); }
          const nl = all.indexOf(10);
          if (nl < 0) return;
          const header = take(nl + 1).toString('utf8').trimEnd();
          const spec = specs[next]!;
          if (header.endsWith(' missing') || header.endsWith(' ambiguous')) { result.set(spec, undefined); next++; continue; }
          const size = Number(header.slice(header.lastIndexOf(' ') + 1));
          if (!Number.isFinite(size)) { child.kill(); reject(new GitError(`git cat-file: unexpected output \`${header.slice(0, 80)}\``)); return; }
          pending = { size };
        }
        const keep = Math.min(pending.size, maxBytes + 1);
        if (buffered < (keep < pending.size ? keep : keep + 1)) return;
        result.set(specs[next]!, new Uint8Array(take(keep)));
        skip = pending.size - keep + 1; // the rest of an oversized body, and the trailing newline
        next++;
        pending = undefined;
      }
    };
    child.stdout.on('data', (d: Buffer) => { chunks.push(d); buffered += d.length; drain(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('error', (e) => reject(new GitError(`could not run git: ${e.message}`)));
    child.on('close', (code) => {
      if (next === specs.length) resolve(result);
      else reject(new GitError(`git cat-file failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`));
    });
    // Specs with a newline cannot be expressed in --batch input; they are reported missing.
    const lines = specs.map((s) => (s.includes('\n') ? 'missing-object-with-newline' : s)).join('\n') + '\n';
    child.stdin.on('error', () => { /* reported through close */ });
    child.stdin.end(lines);
  });
}

export interface CommitInfo {
  sha: string;
  parent?: string;
  author: string;
  date: string;
  subject: string;
  changes: FileChange[];
}

/**
 * First-parent history of `head` (oldest first), each commit with its changes against its first
 * parent, in one `git log` call. `since` excludes that commit and its ancestors.
 */
export async function firstParentHistory(cwd: string, head: string, since: string | undefined, pathspec: readonly string[]): Promise<CommitInfo[]> {
  const range = since ? `${since}..${head}` : head;
  const out = (await git(cwd, ['-c', 'core.quotePath=false', 'log', '--first-parent', '--reverse', '-z', '--no-color', '--no-ext-diff', '--no-textconv',
    '--diff-merges=first-parent', '--name-status', '-M', '--format=%x01%H%x00%P%x00%an <%ae>%x00%aI%x00%s%x00', range, '--', ...pathspec])).toString('utf8');
  const commits: CommitInfo[] = [];
  for (const rec of out.split('\x01')) {
    if (!rec) continue;
    const [sha, parents, author, date, subject, ...rest] = rec.split('\0');
    commits.push({ sha: sha!, parent: parents?.split(' ')[0] || undefined, author: author ?? '', date: date ?? '', subject: subject ?? '',
      changes: parseNameStatusZ(rest.join('\0')) });
  }
  return commits;
}
