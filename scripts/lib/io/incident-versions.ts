import type { Diagnostic } from '../model/diagnostic.ts';
import { idFromFileName } from '../model/incident-id.ts';
import { parseIncidentFile, type ParsedFile } from '../parse/incident-file.ts';
import { MAX_FILE_BYTES } from '../parse/source-text.ts';
import type { ChangeSlot } from '../check/pair-changes.ts';
import { listTree, readObjects, type FileChange } from './git.ts';
import { INCIDENTS_DIR, isIncidentPath } from './incident-files.ts';

/**
 * Incident files as stored in git commits. Versions are read as bytes (`<rev>:<path>`) and go
 * through the same parseIncidentFile as files on disk, so a BOM or CRLF is handled identically.
 */

export function isIncidentRepoPath(path: string): boolean {
  return path.startsWith(`${INCIDENTS_DIR}/`) && isIncidentPath(path);
}

/** The base and head sides git reports, limited to incident files (a rename out of incidents/ is a deletion). */
export function incidentSides(changes: readonly FileChange[]): { basePath?: string; headPath?: string }[] {
  const out: { basePath?: string; headPath?: string }[] = [];
  for (const c of changes) {
    const oldPath = c.status === 'R' ? c.oldPath : c.status === 'A' || c.status === 'C' ? undefined : c.path;
    const newPath = c.status === 'D' ? undefined : c.path;
    const basePath = oldPath && isIncidentRepoPath(oldPath) ? oldPath : undefined;
    const headPath = newPath && isIncidentRepoPath(newPath) ? newPath : undefined;
    if (basePath || headPath) out.push({ basePath, headPath });
  }
  return out;
}

/** Reads and parses both sides of each changed incident file: base at `baseRev`, head at `headRev`. */
export async function readChangeSlots(root: string, changes: readonly FileChange[], baseRev: string, headRev: string): Promise<ChangeSlot[]> {
  const sides = incidentSides(changes);
  const specs = sides.flatMap((s) => [...(s.basePath ? [`${baseRev}:${s.basePath}`] : []), ...(s.headPath ? [`${headRev}:${s.headPath}`] : [])]);
  const blobs = await readObjects(root, specs, MAX_FILE_BYTES);
  const parse = (rev: string, path: string | undefined): ParsedFile | undefined => {
    if (!path) return undefined;
    const bytes = blobs.get(`${rev}:${path}`);
    return bytes ? parseIncidentFile(path, bytes) : undefined;
  };
  return sides.map((s) => ({ base: parse(baseRev, s.basePath), head: parse(headRev, s.headPath) }));
}

/** The base version could not be read: reported (the head is still validated), never fatal. */
export function unreadableBaseDiagnostics(slot: ChangeSlot, baseLabel: string): Diagnostic[] {
  if (!slot.base || slot.base.data) return [];
  const target = slot.head ?? slot.base;
  const cause = slot.base.diagnostics[0];
  return [{ rule: 'base/unreadable', severity: 'warning', file: target.file, line: target === slot.base ? cause?.line ?? 0 : 0, column: target === slot.base ? cause?.column ?? 0 : 0,
    message: `the version of \`${slot.base.file}\` at ${baseLabel} could not be read${cause ? ` (line ${cause.line}: ${cause.message})` : ''}, so the transition rules could not compare against it`,
    hint: 'The file is validated as it is now. Review the change by hand: `git diff <base>...HEAD -- <file>`.' }];
}

/**
 * id → paths of every incident file in the tree of `rev` (for references and duplicate ids).
 * A merged file's name starts with its id (the check enforces it on every change), so the id is
 * read from the name; only files whose name carries no id are read (one `git cat-file --batch`)
 * and their front matter's `id:` line taken. 10,000 files cost one `ls-tree`, not 30 MB of reads.
 */
export async function treeIdIndex(root: string, rev: string): Promise<Map<string, string[]>> {
  const paths = (await listTree(root, rev, INCIDENTS_DIR)).filter((f) => isIncidentRepoPath(f.path));
  const unnamed = paths.filter((p) => !idFromFileName(p.path));
  const blobs = await readObjects(root, unnamed.map((p) => p.blob), MAX_FILE_BYTES);
  const index = new Map<string, string[]>();
  for (const p of paths) {
    const id = idFromFileName(p.path) ?? frontMatterId(blobs.get(p.blob));
    if (id) index.set(id, [...(index.get(id) ?? []), p.path]);
  }
  return index;
}

const decoder = new TextDecoder();
const ID_LINE = /^id:[ \t]*(["']?)([A-Za-z0-9._-]+)\1[ \t]*(?:#.*)?$/m;

/** The top-level `id:` of a file's front matter (first 64 KiB), or undefined. */
export function frontMatterId(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  const text = decoder.decode(bytes.subarray(0, 65536)).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!text.startsWith('---\n')) return undefined;
  const end = text.indexOf('\n---', 3);
  return ID_LINE.exec(end < 0 ? text : text.slice(0, end + 1))?.[2];
}
