import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { parseIncidentFile, type ParsedFile } from '../parse/incident-file.ts';
import { collectIncidentFiles, readBounded } from './incident-files.ts';

/** Largest source record read (VERIS and TheHive exports are small; bounded against hostile input). */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
/** At most this many files are read from one folder tree. */
export const MAX_SOURCE_FILES = 100_000;

export interface SourceFile { name: string; value?: unknown; problem?: Diagnostic }

/**
 * JSON source files from files or folders (recursively, `*.json` in any letter case), sorted by
 * path. Symbolic links are not followed; unreadable, oversized or malformed files become
 * diagnostics, never exceptions.
 */
export async function readJsonSources(cwd: string, paths: readonly string[]): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const files: string[] = [];
  const problem = (name: string, rule: string, message: string, hint: string): SourceFile =>
    ({ name, problem: { rule, severity: 'error', file: name, line: 0, column: 0, message, hint } });
  const visit = async (abs: string, explicit: boolean): Promise<void> => {
    const name = displayPath(cwd, abs);
    let st;
    try { st = await lstat(abs); } catch { out.push(problem(name, 'path/not-found', `\`${name}\` does not exist`, 'Check the path, e.g. `incident import veris ./vcdb/`.')); return; }
    if (st.isSymbolicLink()) { if (explicit) out.push(problem(name, 'path/symlink', `\`${name}\` is a symbolic link; it is not followed`, 'Pass the file itself.')); return; }
    if (st.isDirectory()) {
      for (const e of (await readdir(abs)).sort()) if (!e.startsWith('.') && files.length < MAX_SOURCE_FILES) await visit(join(abs, e), false);
      return;
    }
    if (st.isFile() && (explicit || /\.json$/i.test(abs))) files.push(abs);
  };
  for (const p of paths) await visit(resolve(cwd, p), true);
  for (const abs of files.sort()) {
    const name = displayPath(cwd, abs);
    const bytes = readBounded(abs, MAX_SOURCE_BYTES);
    if (!bytes) { out.push(problem(name, 'source/unreadable', 'file cannot be read as a regular file (symbolic links are not followed)', 'Pass the export file itself, not a link to it.')); continue; }
    if (bytes.byteLength > MAX_SOURCE_BYTES) { out.push(problem(name, 'source/too-large', `file is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB`, 'Split the export into one file per record.')); continue; }
    let text: string;
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { out.push(problem(name, 'source/invalid-utf8', 'file is not valid UTF-8', 'Re-export the record as UTF-8 JSON.')); continue; }
    try {
      out.push({ name, value: JSON.parse(text.replace(/^\uFEFF/, '')) });
    } catch (e) {
      out.push(problem(name, 'source/invalid-json', `file is not valid JSON: ${(e as Error).message}`, 'Check the file with `jq . <file>`; it must be one JSON object.'));
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

/**
 * Writes `text` atomically: a temporary file in the same folder, then rename over the target. With
 * `within`, the folder (after resolving symbolic links) must lie inside that root, so a linked
 * folder cannot redirect an import outside the repository.
 */
export async function writeAtomic(abs: string, text: string, opts: { exclusive?: boolean; within?: string } = {}): Promise<void> {
  await mkdir(dirname(abs), { recursive: true });
  if (opts.within && !isInside(await realpath(opts.within), await realpath(dirname(abs)))) throw new Error(`${dirname(abs)} resolves outside ${opts.within}`);
  if (opts.exclusive) {
    const exists = await lstat(abs).then(() => true, () => false);
    if (exists) throw new Error(`${abs} already exists`);
  }
  const tmp = join(dirname(abs), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    await rename(tmp, abs);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The repository's incident files, parsed (for ids in use and provenance of earlier imports). */
export async function loadRepositoryIncidents(root: string): Promise<{ parsed: ParsedFile[]; problems: Diagnostic[] }> {
  const exists = await lstat(join(root, 'incidents')).then((s) => s.isDirectory(), () => false);
  if (!exists) return { parsed: [], problems: [] };
  const { files, problems } = await collectIncidentFiles(root, []);
  return { parsed: files.map((f) => parseIncidentFile(f.path, f.bytes)), problems };
}

/** True when `abs` is inside `root` (an --out path must not escape the repository). */
export function isInside(root: string, abs: string): boolean {
  const rel = relative(resolve(root), resolve(abs));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}
