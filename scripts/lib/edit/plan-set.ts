import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { FrontMatterDoc } from './front-matter-doc.ts';
import { columnOf } from './lines.ts';
import { endOfLastLine, rootIndent, type Plan } from './plan-insert.ts';
import { renderKey, renderScalar, type NewValue } from './scalar.ts';

type Ranged = Node & { range: [number, number, number] };

/**
 * Sets the scalar at a dotted path (`phase`, `timestamps.declared_at`), creating missing parent
 * mappings in the style of their surroundings. Replaces only the old value's own characters, so a
 * trailing comment on the line stays.
 */
export function planSetValue(fm: FrontMatterDoc, path: readonly string[], value: NewValue, newKeyAt = fm.yamlEnd): Plan {
  const at = (o: number) => fm.yamlStart + o;
  let map: YAMLMap.Parsed = fm.root;
  let indent = rootIndent(fm);
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Ranged, Ranged | null> | undefined;
    const rest = path.slice(i + 1);
    if (!pair) return planAddPair(fm, map, indent, key, rest, value, newKeyAt);
    const v = pair.value;
    if (rest.length === 0 || v === null || (isScalar(v) && v.source === '' )) {
      if (rest.length === 0 && v !== null && !isScalar(v)) return { error: `\`${path.join('.')}\` holds a list or mapping, not a single value` };
      const keyEnd = at(pair.key.range[1]);
      const colon = fm.text.indexOf(':', keyEnd);
      const start = colon + 1;
      const end = v ? at(v.range[1]) : start;
      const text = rest.length === 0 ? ` ${renderScalar(value)}` : nestedBlock(rest, value, indent + 2);
      return { start, end, text };
    }
    if (!isMap(v)) return { error: `\`${path.slice(0, i + 1).join('.')}\` is not a mapping, so \`${path.join('.')}\` cannot be set` };
    map = v as YAMLMap.Parsed;
    const firstKey = map.items[0]?.key as Ranged | undefined;
    indent = firstKey ? columnOf(fm.text, at(firstKey.range[0])) : indent + 2;
  }
  return { error: 'empty path' };
}

function planAddPair(fm: FrontMatterDoc, map: YAMLMap.Parsed, indent: number, key: string, rest: readonly string[], value: NewValue, newKeyAt: number): Plan {
  const at = (o: number) => fm.yamlStart + o;
  const last = map.items[map.items.length - 1] as Pair<Ranged, Ranged | null> | undefined;
  if (map.flow) {
    const inline = `${renderKey(key)}: ${rest.length ? flowNested(rest, value) : renderScalar(value)}`;
    if (!last) {
      const r = (map as unknown as Ranged).range;
      return { start: at(r[0]), end: at(r[1]), text: `{ ${inline} }` };
    }
    const end = at((last.value ?? last.key).range[1]);
    return { start: end, end, text: `, ${inline}` };
  }
  const line = `${' '.repeat(indent)}${renderKey(key)}:${rest.length ? nestedBlock(rest, value, indent + 2) : ` ${renderScalar(value)}`}`;
  if (!last) return { start: fm.yamlEnd, end: fm.yamlEnd, text: `${line}\n` };
  if (map === fm.root) {
    // A new top-level key goes to its canonical place when the caller knows it (top-level.ts).
    return { start: newKeyAt, end: newKeyAt, text: `${line}\n` };
  }
  const e = endOfLastLine(fm, (last.value ?? last.key) as Ranged);
  return { start: e, end: e, text: `\n${line}` };
}

function nestedBlock(rest: readonly string[], value: NewValue, indent: number): string {
  const [head, ...tail] = rest;
  return `\n${' '.repeat(indent)}${renderKey(head!)}:${tail.length ? nestedBlock(tail, value, indent + 2) : ` ${renderScalar(value)}`}`;
}

function flowNested(rest: readonly string[], value: NewValue): string {
  const [head, ...tail] = rest;
  return `{ ${renderKey(head!)}: ${tail.length ? flowNested(tail, value) : renderScalar(value)} }`;
}
