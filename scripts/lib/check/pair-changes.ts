import type { ParsedFile } from '../parse/incident-file.ts';
import type { ChangeKind } from '../lifecycle/transitions.ts';

/** One changed path as git reports it: its base version (M, D, R) and/or head version (A, M, R, C). */
export interface ChangeSlot {
  base?: ParsedFile;
  head?: ParsedFile;
}

export interface IncidentChange {
  kind: ChangeKind;
  base?: ParsedFile;
  head?: ParsedFile;
}

function idOf(p: ParsedFile | undefined): string | undefined {
  const id = p?.data?.['id'];
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * Pairs base and head versions by incident id, not by path: the identity of an incident is its
 * `id`. A file deleted at one path and added at another with the same id is a rename (git's
 * rename detection gives up on large rewrites and on huge change sets); a path whose id changed
 * stays paired by path, so the id change is reported rather than a deletion plus a new incident.
 */
export function pairByIdentity(slots: readonly ChangeSlot[]): IncidentChange[] {
  const baseById = new Map<string, number>();
  for (const [i, s] of slots.entries()) {
    const id = idOf(s.base);
    if (id && !baseById.has(id)) baseById.set(id, i);
  }
  const baseUsed = new Set<number>();
  const headDone = new Set<number>();
  const out: IncidentChange[] = [];
  const pair = (bi: number, hi: number) => {
    baseUsed.add(bi);
    headDone.add(hi);
    const base = slots[bi]!.base!;
    const head = slots[hi]!.head!;
    out.push({ kind: base.file === head.file ? 'modified' : 'renamed', base, head });
  };
  for (const [i, s] of slots.entries()) {
    const bi = idOf(s.head) === undefined ? undefined : baseById.get(idOf(s.head)!);
    if (bi !== undefined && !baseUsed.has(bi)) pair(bi, i);
  }
  for (const [i, s] of slots.entries()) {
    if (!s.head || headDone.has(i)) continue;
    if (s.base && !baseUsed.has(i)) pair(i, i);
    else out.push({ kind: 'added', head: s.head });
  }
  for (const [i, s] of slots.entries()) if (s.base && !baseUsed.has(i)) out.push({ kind: 'deleted', base: s.base });
  return out;
}
