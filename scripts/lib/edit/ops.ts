import { openFrontMatter } from './front-matter-doc.ts';
import { planInsertItem } from './plan-insert.ts';
import { planSetValue } from './plan-set.ts';
import { newTopLevelKeyOffset } from './top-level.ts';
import type { Item } from './render-item.ts';
import type { NewValue } from './scalar.ts';
import { applySplices, rawSource } from './source-text-map.ts';

/** One intended change to an incident's front matter. */
export type EditOp =
  | { op: 'insert'; key: string; item: Item; index?: number }
  | { op: 'set'; path: readonly string[]; value: NewValue };

export type EditResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Applies the operations one after another to the file's decoded text (BOM and line ends as on
 * disk); a new top-level key goes to its place in `keyOrder` (the schema's), else at the end.
 * Pure; the caller checks the result with the project parser before writing anything.
 */
export function applyOps(raw: string, ops: readonly EditOp[], keyOrder?: readonly string[]): EditResult {
  let cur = raw;
  for (const op of ops) {
    const src = rawSource(cur);
    const norm = cur.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const fm = openFrontMatter(norm);
    if (typeof fm === 'string') return { ok: false, error: fm };
    const newKeyAt = newTopLevelKeyOffset(fm, op.op === 'insert' ? op.key : op.path[0]!, keyOrder);
    const plan = op.op === 'insert' ? planInsertItem(fm, op.key, op.item, op.index, newKeyAt) : planSetValue(fm, op.path, op.value, newKeyAt);
    if ('error' in plan) return { ok: false, error: plan.error };
    cur = applySplices(src, [plan]);
  }
  return { ok: true, text: cur };
}

/** The data the operations are meant to produce, from the data before: what the edit is checked against. */
export function expectedData(data: Record<string, unknown>, ops: readonly EditOp[]): Record<string, unknown> {
  const out = structuredClone(data);
  for (const op of ops) {
    if (op.op === 'insert') {
      const list = Array.isArray(out[op.key]) ? (out[op.key] as unknown[]) : (out[op.key] = []) as unknown[];
      list.splice(op.index ?? list.length, 0, { ...op.item });
    } else {
      let cur = out;
      for (const k of op.path.slice(0, -1)) {
        const next = cur[k];
        cur = (next && typeof next === 'object' && !Array.isArray(next) ? next : (cur[k] = {})) as Record<string, unknown>;
      }
      cur[op.path[op.path.length - 1]!] = op.value;
    }
  }
  return out;
}
