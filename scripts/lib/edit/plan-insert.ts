import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FrontMatterDoc } from './front-matter-doc.ts';
import { columnOf, lineEnd, lineStart } from './lines.ts';
import { blockItem, flowItem, type Item } from './render-item.ts';
import { renderKey } from './scalar.ts';
import type { Splice } from './source-text-map.ts';

export type Plan = Splice | { error: string };

type Ranged = Node & { range: [number, number, number] };

/** The top-level pair for `key`, if present. */
export function rootPair(fm: FrontMatterDoc, key: string): Pair<Ranged, Ranged | null> | undefined {
  return fm.root.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Ranged, Ranged | null> | undefined;
}

/** Column of the root mapping's keys (0 in every ordinary file). */
export function rootIndent(fm: FrontMatterDoc): number {
  const first = fm.root.items[0]?.key as Ranged | undefined;
  return first ? columnOf(fm.text, fm.yamlStart + first.range[0]) : 0;
}

/**
 * Inserts `item` into the top-level list `key` at `index` (default: the end), in the list's own style:
 * one-line `{ … }` items, block items, or `[ … ]`. A missing list is added at `newKeyAt` (see
 * top-level.ts); a missing or empty list becomes a block list of
 * one-line items. Only the inserted text is new; every other byte stays where it was.
 */
export function planInsertItem(fm: FrontMatterDoc, key: string, item: Item, index?: number, newKeyAt = fm.yamlEnd): Plan {
  const at = (o: number) => fm.yamlStart + o;
  const pair = rootPair(fm, key);
  const indent = rootIndent(fm);
  const itemIndent = ' '.repeat(indent + 2);
  if (!pair) {
    return { start: newKeyAt, end: newKeyAt, text: `${' '.repeat(indent)}${renderKey(key)}:\n${itemIndent}- ${flowItem(item)}\n` };
  }
  const value = pair.value;
  const emptyish = value === null || (isScalar(value) && (value.source === '' || value.value === '' || /^(?:~|null|Null|NULL)$/.test(String(value.value)))) || (isSeq(value) && value.flow && value.items.length === 0);
  if (emptyish) {
    const keyEnd = at((pair.key as Ranged).range[1]);
    const colon = fm.text.indexOf(':', keyEnd);
    const end = value ? at(value.range[1]) : colon + 1;
    return { start: colon + 1, end, text: `\n${itemIndent}- ${flowItem(item)}` };
  }
  if (!isSeq(value)) return { error: `\`${key}\` is not a list, so no entry can be added to it` };
  const items = value.items as Ranged[];
  const k = index ?? items.length;
  if (value.flow) {
    if (k === items.length) return { start: at(items[k - 1]!.range[1]), end: at(items[k - 1]!.range[1]), text: `, ${flowItem(item)}` };
    const s = at(items[k]!.range[0]);
    return { start: s, end: s, text: `${flowItem(item)}, ` };
  }
  const model = items[Math.min(k, items.length - 1)]!;
  const modelStart = at(model.range[0]);
  const prefix = fm.text.slice(lineStart(fm.text, modelStart), modelStart);
  const dash = /^( *)-( +)$/.exec(prefix);
  if (!dash) return { error: `\`${key}\` is laid out in a way this tool does not edit (an entry does not start its own line); add the entry by hand or run: npm run incident -- fmt` };
  const rendered = renderLike(model, item, fm);
  const line = `${dash[1]}-${dash[2]}${rendered}`;
  if (k === 0) {
    // Above the comment lines that label the first entry, so they keep labelling it.
    let s = lineStart(fm.text, modelStart);
    while (s > fm.yamlStart) {
      const above = lineStart(fm.text, s - 1);
      if (!/^[ \t]*#/.test(fm.text.slice(above, s - 1))) break;
      s = above;
    }
    return { start: s, end: s, text: `${line}\n` };
  }
  const prev = items[k - 1]!;
  const e = endOfLastLine(fm, prev);
  return { start: e, end: e, text: `\n${line}` };
}

function renderLike(model: Ranged, item: Item, fm: FrontMatterDoc): string {
  if (isMap(model) && !(model as YAMLMap).flow) {
    const firstKey = (model as YAMLMap).items[0]?.key as Ranged | undefined;
    const keyCol = firstKey ? columnOf(fm.text, fm.yamlStart + firstKey.range[0]) : columnOf(fm.text, fm.yamlStart + model.range[0]);
    return blockItem(item, keyCol);
  }
  return flowItem(item);
}

/** The '\n' ending a node's last line (a block scalar's range already includes its final newline). */
export function endOfLastLine(fm: FrontMatterDoc, node: Ranged): number {
  return lineEnd(fm.text, Math.max(fm.yamlStart + node.range[1] - 1, fm.yamlStart + node.range[0]));
}
