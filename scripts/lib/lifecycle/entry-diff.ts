/**
 * How a list of entries (timeline, phase_history, notifications, regimes) changed between two
 * versions: which base entries are kept, edited, removed or moved, and which head entries are new.
 * Entries are compared by value (key order ignored, as YAML flow and block maps are the same data).
 */
export interface EntryDiff {
  /** [baseIndex, headIndex] of entries kept unchanged. */
  kept: [number, number][];
  /** [baseIndex, headIndex]: the base entry's slot holds a different entry at head. */
  edited: [number, number][];
  /** Base entries with no counterpart at head. */
  removed: number[];
  /** [baseIndex, headIndex] of unchanged entries that changed their order relative to the others. */
  moved: [number, number][];
  /** Head entries that are new. */
  added: number[];
}

export function diffEntries(base: readonly unknown[], head: readonly unknown[]): EntryDiff {
  const headKeys = head.map(canonical);
  const byKey = new Map<string, number[]>();
  for (const [j, k] of headKeys.entries()) byKey.set(k, [...(byKey.get(k) ?? []), j]);
  const headTaken = new Array<boolean>(head.length).fill(false);
  const match: (number | undefined)[] = base.map(() => undefined);
  // Same slot first (the common case: nothing moved), then the first free equal entry.
  for (const [i, b] of base.entries()) {
    const k = canonical(b);
    if (i < head.length && headKeys[i] === k && !headTaken[i]) { match[i] = i; headTaken[i] = true; }
  }
  for (const [i, b] of base.entries()) {
    if (match[i] !== undefined) continue;
    const j = (byKey.get(canonical(b)) ?? []).find((c) => !headTaken[c]);
    if (j !== undefined) { match[i] = j; headTaken[j] = true; }
  }
  const matchedPairs = base.flatMap((_, i) => (match[i] === undefined ? [] : [[i, match[i]!] as [number, number]]));
  const inOrder = new Set(longestIncreasing(matchedPairs.map(([, j]) => j)).map((n) => matchedPairs[n]![0]));
  const diff: EntryDiff = { kept: [], edited: [], removed: [], moved: [], added: [] };
  for (const pair of matchedPairs) (inOrder.has(pair[0]) ? diff.kept : diff.moved).push(pair);
  // An unmatched base entry whose slot at head holds an unmatched entry was edited in place.
  for (const [i] of base.entries()) {
    if (match[i] !== undefined) continue;
    if (i < head.length && !headTaken[i]) { diff.edited.push([i, i]); headTaken[i] = true; } else diff.removed.push(i);
  }
  for (const [j] of head.entries()) if (!headTaken[j]) diff.added.push(j);
  return diff;
}

/** Keys whose values differ between two entries (sorted), e.g. ['at', 'entry']. */
export function changedKeys(a: unknown, b: unknown): string[] {
  const ra = isRecord(a) ? a : {};
  const rb = isRecord(b) ? b : {};
  return [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => canonical(ra[k]) !== canonical(rb[k])).sort();
}

/** Deep equality ignoring object key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => (isRecord(val) ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, val[k]])) : val)) ?? 'undefined';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return Boolean(v) && typeof v === 'object' && !Array.isArray(v);
}

/** Indices (into `xs`) of one longest strictly increasing subsequence, O(n log n). */
function longestIncreasing(xs: readonly number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(xs.length).fill(-1);
  for (const [i, x] of xs.entries()) {
    let lo = 0, hi = tails.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[tails[mid]!]! < x) lo = mid + 1; else hi = mid; }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) out.push(k);
  return out.reverse();
}
