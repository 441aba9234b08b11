import { isScalar, Scalar, visit, type Node } from 'yaml';
import { resolvePlainScalar } from '../parse/yaml-scalars.ts';
import { openFrontMatter, type FrontMatterDoc } from './front-matter-doc.ts';
import { doubleQuoted, mustQuote } from './scalar.ts';
import { applySplices, rawSource, type Splice } from './source-text-map.ts';
import type { EditResult } from './ops.ts';
import { keyRank, topLevelChunks } from './top-level.ts';

type Ranged = Node & { range: [number, number, number] };

/**
 * RFC 3339 times and dates are left as written: the schema types them as strings, every reader of
 * these files uses our parser, and the examples and template write them plain. (New values written by
 * the tool are quoted all the same, following needsQuotesForYaml11.)
 */
const TIME_LIKE = /^\d{4}-\d\d-\d\d(?:[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?)?$/;

/** A plain string another YAML reader would take for something else (`no`, `on`, `0123`, `3.10`, `12:30`). */
export function isAmbiguousPlainString(value: string): boolean {
  return resolvePlainScalar(value) === value && mustQuote(value) && !TIME_LIKE.test(value);
}

/**
 * The canonical layout of an incident file (`incident fmt`): top-level keys in the schema's property
 * order, unknown keys after them and `x-` extensions last (each keeping its comments, style and
 * blank lines), and ambiguous plain strings double-quoted. Nothing else moves; the body is untouched.
 * Idempotent by construction: a sorted, quoted file yields no change.
 */
export function formatIncidentText(raw: string, keyOrder: readonly string[]): EditResult {
  const quoted = quoteAmbiguous(raw);
  if (!quoted.ok) return quoted;
  return reorderTopLevel(quoted.text, keyOrder);
}

function normalise(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function quoteAmbiguous(raw: string): EditResult {
  const fm = openFrontMatter(normalise(raw));
  if (typeof fm === 'string') return { ok: false, error: fm };
  const splices: Splice[] = [];
  visit(fm.doc, {
    Scalar(_key, node) {
      const s = node as Scalar & Ranged;
      if (s.type !== Scalar.PLAIN || typeof s.value !== 'string' || !s.range) return;
      if (isAmbiguousPlainString(s.value)) splices.push({ start: fm.yamlStart + s.range[0], end: fm.yamlStart + s.range[1], text: doubleQuoted(s.value) });
    },
  });
  return { ok: true, text: splices.length ? applySplices(rawSource(raw), splices) : raw };
}

function reorderTopLevel(raw: string, keyOrder: readonly string[]): EditResult {
  const fm = openFrontMatter(normalise(raw));
  if (typeof fm === 'string') return { ok: false, error: fm };
  if (fm.root.flow) return { ok: true, text: raw };
  const chunks = topLevelChunks(fm);
  if (!chunks) return { ok: true, text: raw };
  const rank = keyRank(keyOrder);
  const order = chunks.items.map((c, i) => ({ ...c, i })).sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i);
  if (order.every((c, i) => c.i === i)) return { ok: true, text: raw };
  const src = rawSource(raw);
  const cut = (s: number, e: number) => raw.slice(src.toRaw(s), src.toRaw(e));
  const first = chunks.items[0]!.start;
  const last = chunks.items[chunks.items.length - 1]!.end;
  return { ok: true, text: raw.slice(0, src.toRaw(first)) + order.map((c) => cut(c.start, c.end)).join('') + raw.slice(src.toRaw(last)) };
}



