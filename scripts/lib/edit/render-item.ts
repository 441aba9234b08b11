import { renderKey, renderScalar, type NewValue } from './scalar.ts';

/** A flat entry for a list such as timeline, phase_history or notifications, in key order. */
export type Item = Readonly<Record<string, NewValue>>;

/** `{ at: "…", by: a.ng, kind: action, entry: "…" }` — the one-line style of the examples. */
export function flowItem(item: Item): string {
  const parts = Object.entries(item).map(([k, v]) => `${renderKey(k)}: ${renderScalar(v)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

/** Block lines for an item whose first key follows `- ` and the rest sit at `keyIndent` columns. */
export function blockItem(item: Item, keyIndent: number): string {
  const pad = ' '.repeat(keyIndent);
  return Object.entries(item).map(([k, v], i) => `${i ? pad : ''}${renderKey(k)}: ${renderScalar(v)}`).join('\n');
}
