import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { MAX_FILE_BYTES } from '../parse/source-text.ts';

export const INCIDENTS_DIR = 'incidents';

export interface RepoFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  /** At most MAX_FILE_BYTES + 1 bytes: enough to tell a file is too large without reading it all. */
  bytes: Uint8Array;
}

/** Markdown files under `dir` that are incident records (README.md and dotfiles are not). */
export function isIncidentPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.endsWith('.md') && !base.startsWith('.') && base.toLowerCase() !== 'readme.md';
}

/**
 * Collects incident files from the given paths (files or folders; default `incidents/`), sorted.
 * Stays inside the repository root and does not follow symbolic links, so a hostile change cannot
 * make the check read files outside the repository.
 */
export async function collectIncidentFiles(root: string, paths: readonly string[]): Promise<{ files: RepoFile[]; problems: Diagnostic[] }> {
  const files: RepoFile[] = [];
  const problems: Diagnostic[] = [];
  const absRoot = resolve(root);
  const targets = paths.length ? paths : [INCIDENTS_DIR];
  const seen = new Set<string>();
  const visit = async (abs: string, explicit: boolean): Promise<void> => {
    const rel = relative(absRoot, abs).split(sep).join('/');
    if (rel === '..' || rel.startsWith('../')) {
      problems.push(fileProblem(rel, 'path/outside-repository', `\`${rel}\` is outside the repository`, 'Pass paths inside the repository, e.g. incidents/2026/.'));
      return;
    }
    let st;
    try { st = await lstat(abs); } catch {
      if (explicit) problems.push(fileProblem(rel, 'path/not-found', `\`${rel}\` does not exist`, 'Check the path; run without arguments to validate all of incidents/.'));
      return;
    }
    if (st.isSymbolicLink()) {
      problems.push(fileProblem(rel, 'path/symlink', `\`${rel}\` is a symbolic link; incident files must be regular files`, 'Replace the link with the file itself.'));
      return;
    }
    if (st.isDirectory()) {
      const entries = (await readdir(abs)).sort();
      for (const e of entries) if (!e.startsWith('.')) await visit(join(abs, e), false);
      return;
    }
    if (!st.isFile() || (!explicit && !isIncidentPath(rel)) || seen.has(rel)) return;
    seen.add(rel);
    files.push({ path: rel, bytes: await readBounded(abs) });
  };
  for (const p of targets) await visit(resolve(absRoot, p), true);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

/** At most `max` + 1 bytes of a file: enough to tell it is too large without reading it all. */
export async function readBounded(abs: string, max: number = MAX_FILE_BYTES): Promise<Uint8Array> {
  const fh = await open(abs, 'r');
  try {
    const buf = new Uint8Array(max + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    await fh.close();
  }
}

function fileProblem(file: string, rule: string, message: string, hint: string): Diagnostic {
  return { rule, severity: 'error', file, line: 0, column: 0, message, hint };
}
