import type { FrontMatterDoc } from './front-matter-doc.ts';
import { lineStart } from './lines.ts';
import { endOfLastLine, rootIndent } from './plan-insert.ts';
import { isScalar, type Node, type Scalar } from 'yaml';

type Ranged = Node & { range: [number, number, number] };

/** The canonical place of a top-level key: the schema's property order, unknown keys after, `x-` last. */
export function keyRank(keyOrder: readonly string[]): (key: string) => number {
  return (k) => {
    const i = keyOrder.indexOf(k);
    return i >= 0 ? i : k.startsWith('x-') ? keyOrder.length + 1 : keyOrder.length;
  };
}

/**
 * Where a new top-level key goes: before the first key that comes after it in the canonical order
 * (above that key's comments), so a file `incident fmt` left canonical stays canonical; at the end
 * of the front matter when no order is given or the layout is not one this tool reorders.
 */
export function newTopLevelKeyOffset(fm: FrontMatterDoc, key: string, keyOrder?: readonly string[]): number {
  if (!keyOrder || fm.root.flow) return fm.yamlEnd;
  const chunks = topLevelChunks(fm);
  if (!chunks) return fm.yamlEnd;
  const rank = keyRank(keyOrder);
  return chunks.items.find((c) => rank(c.key) > rank(key))?.start ?? fm.yamlEnd;
}

export interface Chunk { key: string; start: number; end: number }

/** Each top-level entry with the comment lines directly above it, from line start to line start. */
export function topLevelChunks(fm: FrontMatterDoc): { items: Chunk[] } | undefined {
  const text = fm.text;
  const indent = ' '.repeat(rootIndent(fm));
  const comment = new RegExp(`^${indent}#`);
  const items: Chunk[] = [];
  let prevEnd = -1;
  for (const [i, pair] of fm.root.items.entries()) {
    if (!isScalar(pair.key)) return undefined;
    const keyNode = pair.key as Ranged;
    const keyStart = fm.yamlStart + keyNode.range[0];
    let start = lineStart(text, keyStart);
    if (text.slice(start, keyStart) !== indent) return undefined;
    if (i > 0) {
      while (start > prevEnd) {
        const above = lineStart(text, start - 1);
        if (above < prevEnd || !comment.test(text.slice(above, start - 1))) break;
        start = above;
      }
      items[i - 1]!.end = start;
    }
    const valueNode = (pair.value ?? pair.key) as Ranged;
    prevEnd = Math.min(endOfLastLine(fm, valueNode) + 1, fm.yamlEnd);
    items.push({ key: String((pair.key as Scalar).value), start, end: prevEnd });
  }
  return items.length ? { items } : undefined;
}
