import { createRequire } from 'node:module';
import type { Document, Node, Scalar } from 'yaml';
import type { Diagnostic, Position } from '../model/diagnostic.ts';
import { resolvePlainScalar } from './yaml-scalars.ts';

// `yaml` is loaded on first use (~40 ms): clean files never need the positional reader.
const require = createRequire(import.meta.url);
let lib: typeof import('yaml') | undefined;
const Y = (): typeof import('yaml') => (lib ??= require('yaml') as typeof import('yaml'));

export interface PositionalYaml {
  value: unknown;
  diagnostics: Diagnostic[];
  /** File position of the key (or, for `which: 'value'`, the value) at an ajv-style pointer. */
  locate(pointer: string, which: 'key' | 'value'): Position;
}

interface Ctx {
  file: string;
  startLine: number;
  /** Offsets where each YAML line starts (our own: yaml's LineCounter drifts after errors inside
   * multi-line quoted scalars). */
  lineStarts: number[];
  diagnostics: Diagnostic[];
  /** First offset and count of anchors and aliases: reported once per kind, however many there are
   * (an alias bomb has thousands; one finding with a count says it all and keeps output bounded). */
  anchors: { first: number; name: string; count: number } | undefined;
  aliases: { first: number; name: string; count: number } | undefined;
}

/**
 * The positional reader (the `yaml` package, failsafe schema + our scalar rules): duplicate keys,
 * anchors/aliases/merge keys (rejected — incident records have no use for them, and rejecting them
 * bounds alias bombs before anything is expanded), explicit tags, and exact positions.
 */
export function parseYamlPositional(file: string, yaml: string, startLine: number): PositionalYaml {
  const doc = Y().parseDocument(yaml, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, strict: true });
  const lineStarts = [0];
  for (let i = yaml.indexOf('\n'); i !== -1; i = yaml.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const ctx: Ctx = { file, startLine, lineStarts, diagnostics: [], anchors: undefined, aliases: undefined };
  // One syntax error usually sets off a cascade (every later token is "unexpected"): report the
  // first with a count, so output stays bounded and points at what to fix. Duplicate keys are
  // independent of each other and each is reported (up to a cap).
  const syntax = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').slice(0, MAX_DUPLICATE_REPORTS);
  if (syntax.length) {
    const first = yamlError(ctx, doc, syntax[0]!.code, syntax[0]!.message, syntax[0]!.pos[0]);
    if (syntax.length > 1) first.message += ` (${syntax.length - 1} more YAML error${syntax.length > 2 ? 's' : ''} after this one, probably caused by it)`;
    ctx.diagnostics.push(first);
  }
  for (const err of duplicates) ctx.diagnostics.push(yamlError(ctx, doc, err.code, err.message, err.pos[0]));
  const walked = toValue(ctx, doc.contents as Node | null); // always walked, to report aliases and tags
  if (ctx.anchors) {
    const { first, name, count } = ctx.anchors;
    ctx.diagnostics.push(at(ctx, 'yaml/anchor', first, `YAML anchors are not allowed in incident front matter (found &${name}${count > 1 ? ` and ${count - 1} more` : ''})`,
      'Remove the anchor (`&name`) and write repeated values out in full, e.g. `by: m.okafor` in each entry.'));
  }
  if (ctx.aliases) {
    const { first, name, count } = ctx.aliases;
    ctx.diagnostics.push(at(ctx, 'yaml/alias', first, `YAML aliases are not allowed in incident front matter (found *${name}${count > 1 ? ` and ${count - 1} more` : ''})`,
      'Write the value out in full instead of `*name`. Aliases are rejected before anything is expanded, so a few bytes cannot grow into gigabytes (a "billion laughs" attack).'));
  }
  const value = doc.errors.length ? undefined : walked;
  return { value, diagnostics: ctx.diagnostics, locate: (pointer, which) => locate(ctx, doc, pointer, which) };
}

function toValue(ctx: Ctx, node: Node | null | undefined): unknown {
  if (!node) return null;
  if (Y().isAlias(node)) {
    // Never resolved: the alias stays a null leaf, so nothing is expanded however it nests.
    if (ctx.aliases) ctx.aliases.count++;
    else ctx.aliases = { first: node.range?.[0] ?? 0, name: node.source, count: 1 };
    return null;
  }
  if (node.anchor) {
    if (ctx.anchors) ctx.anchors.count++;
    else ctx.anchors = { first: node.range?.[0] ?? 0, name: node.anchor, count: 1 };
  }
  if (node.tag && !(Y().isScalar(node) && node.tag === 'tag:yaml.org,2002:str')) {
    ctx.diagnostics.push(at(ctx, 'yaml/tag', node.range?.[0] ?? 0, `explicit YAML tags (${node.tag}) are not allowed in incident front matter`,
      'Remove the tag; quote a value to make it a string, e.g. `version: "3.10"`.'));
  }
  if (Y().isScalar(node)) {
    const src = String(node.source ?? node.value ?? '');
    return node.type === 'PLAIN' && !node.tag ? resolvePlainScalar(src) : src;
  }
  if (Y().isSeq(node)) return node.items.map((item) => toValue(ctx, item as Node));
  if (Y().isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      if (!Y().isScalar(keyNode)) {
        ctx.diagnostics.push(at(ctx, 'yaml/complex-key', keyNode?.range?.[0] ?? 0, 'mapping keys must be plain words, not lists or mappings', 'Use a simple key such as `title:`.'));
        continue;
      }
      const key = String(keyNode.source ?? keyNode.value);
      if (key === '<<' && keyNode.type === 'PLAIN') {
        ctx.diagnostics.push(at(ctx, 'yaml/merge-key', keyNode.range?.[0] ?? 0, "YAML merge keys ('<<') are not allowed in incident front matter", 'Write the merged keys out in full.'));
        continue;
      }
      // defineProperty: `__proto__` stays an ordinary own key (reported as unknown later), never a prototype.
      Object.defineProperty(out, key, { value: toValue(ctx, pair.value as Node), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return null;
}

/** The key reported as duplicate at `offset`, and where the same key first appears in its mapping. */
function duplicateKeyAt(root: unknown, offset: number): { key: string; firstOffset?: number } | undefined {
  const stack: unknown[] = [root];
  let guard = 0;
  while (stack.length && guard++ < 1_000_000) {
    const node = stack.pop();
    if (Y().isMap(node)) {
      const seen = new Map<string, number | undefined>();
      for (const pair of node.items) {
        const k = pair.key as Node | null;
        const name = Y().isScalar(k) ? String(k.source ?? k.value) : undefined;
        const start = k?.range?.[0];
        if (name !== undefined && start !== undefined && start <= offset && offset < (k!.range![1] ?? start) + 1) {
          return { key: name, firstOffset: seen.get(name) };
        }
        if (name !== undefined && !seen.has(name)) seen.set(name, start);
        stack.push(pair.value);
      }
    } else if (Y().isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}

function locate(ctx: Ctx, doc: Document, pointer: string, which: 'key' | 'value'): Position {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let keyOffset: number | undefined;
  let valueOffset: number | undefined = (doc.contents as Node | null)?.range?.[0];
  for (const seg of segments) {
    if (Y().isMap(node)) {
      const pair = node.items.find((p) => Y().isPair(p) && Y().isScalar(p.key) && String((p.key as Scalar).source ?? (p.key as Scalar).value) === seg);
      if (!pair) break;
      keyOffset = (pair.key as Node).range?.[0];
      node = pair.value;
      valueOffset = (pair.value as Node | null)?.range?.[0] ?? keyOffset;
    } else if (Y().isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) break;
      keyOffset = item.range?.[0];
      node = item;
      valueOffset = item.range?.[0];
    } else break;
  }
  const offset = which === 'key' ? keyOffset ?? valueOffset : valueOffset ?? keyOffset;
  if (offset === undefined) return { line: ctx.startLine - 1, column: 1 };
  return toFilePos(ctx, offset);
}

const MAX_DUPLICATE_REPORTS = 50;

function toFilePos(ctx: Ctx, offset: number): Position {
  const starts = ctx.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: ctx.startLine + lo, column: offset - starts[lo]! + 1 };
}

function at(ctx: Ctx, rule: string, offset: number, message: string, hint: string): Diagnostic {
  return { rule, severity: 'error', file: ctx.file, ...toFilePos(ctx, offset), message, hint };
}

function yamlError(ctx: Ctx, doc: Document, code: string, message: string, offset: number): Diagnostic {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') {
    const dup = duplicateKeyAt(doc.contents, offset);
    const earlier = dup?.firstOffset !== undefined ? ` (first on line ${toFilePos(ctx, dup.firstOffset).line})` : '';
    return at(ctx, 'yaml/duplicate-key', offset,
      `duplicate key${dup ? ` \`${dup.key.length > 60 ? dup.key.slice(0, 57) + '...' : dup.key}\`` : ''}${earlier}: each key may appear only once in a mapping`,
      'Keep one of the two entries (merge their values); for several values use a YAML list, e.g. `related_incidents: [INC-20261201-AB12, INC-20261202-CD34]`.');
  }
  return at(ctx, 'yaml/syntax', offset, `YAML syntax error: ${first}`,
    'Check indentation (spaces, not tabs) and quote values containing ": " or starting with a special character, e.g. `title: "Outage: mail gateway"`.');
}
