/**
 * The fast reader (js-yaml, yaml-fast.ts) and the positional reader (yaml package,
 * yaml-positional.ts) must read every document identically: same values, same types, same key
 * order. Whenever the fast reader accepts a document, the positional reader must accept it too
 * (no diagnostics) and produce the same data — otherwise a clean-looking file could validate
 * differently from the way its diagnostics are positioned. Checked on every fixture, example and a
 * synthetic sample, and on fast-check-generated documents (both serialised by `yaml` and assembled
 * from raw tricky lines).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { syntheticIncidents } from '../../bench/synthetic.ts';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';
import { splitFrontMatter, isSplit } from './front-matter.ts';
import { decodeSource, isSourceText } from './source-text.ts';
import { parseYamlFast, parseYamlJs } from './yaml-fast.ts';
import { parseYamlLite } from './yaml-lite.ts';
import { parseYamlPositional } from './yaml-positional.ts';

/**
 * Compares one document across the readers; returns how many of the two fast readers (the subset
 * reader, js-yaml) took it, for coverage counts.
 */
function agree(yaml: string, label = yaml): number {
  const lite = parseYamlLite(yaml);
  const js = parseYamlJs(yaml);
  const fast = parseYamlFast(yaml);
  if (!js.ok && lite === undefined) { expect(fast.ok).toBe(false); return 0; }
  const pos = parseYamlPositional('x.md', yaml, 2);
  expect(pos.diagnostics.map((d) => d.rule), `positional rejects what a fast reader took: ${label}`).toEqual([]);
  // Own comparison: vitest's equality treats a `constructor` key as the class and a `__proto__`
  // key specially; here both are ordinary data. Covers types, -0, key order and prototypes.
  const want = canonical(pos.value);
  if (lite !== undefined) expect(canonical(lite), `subset reader: ${label}`).toBe(want);
  if (js.ok) expect(canonical(js.value), `js-yaml: ${label}`).toBe(want);
  expect(fast.ok && canonical(fast.value), `parseYamlFast: ${label}`).toBe(want);
  return (lite !== undefined ? 1 : 0) + (js.ok ? 1 : 0);
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'number' && Object.is(v, -0) ? 'n:-0' : `${typeof v}:${JSON.stringify(v)}`;
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const proto = Object.getPrototypeOf(v) === Object.prototype ? '' : 'PROTO!';
  return `${proto}{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
  });
}

const SCALARS = [
  'no', 'yes', 'NO', 'on', 'off', 'y', 'n', 'true', 'False', 'TRUE', 'null', 'Null', '~', '', '0', '-0', '00', '0123', '3.10', '3.1',
  '1e3', '1E3', '.inf', '-.Inf', '.nan', '0x1F', '0o17', '+1', '1_000', '12:30', '12:30:00', '2024-03-01', '2026-12-03T09:30:00Z',
  '9007199254740993', '1.0', '-1.5', '42', 'TLP:AMBER', 'a: b', '# not a comment', "it's", '"quoted"', 'multi\nline', 'trailing ',
  ' leading', 'üñíçødé ✓', 'tab\there', '- dash', '[x]', '{y}', '@at', '`tick`', '%pct', '|pipe', '>gt', '=', '?', ': colon', 'a #hash',
];
const KEYS = ['id', 'title', 'no', 'true', '1', '0.5', 'null', '__proto__', 'constructor', 'toString', 'x-ticket', 'a b', 'ü', 'on', '3.10',
  'True', '~', 'NULL', 'FALSE', '0', '-1', '1e3'];

const scalar = fc.oneof(
  fc.constantFrom(...SCALARS),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ minLength: 1, maxLength: 8 })), tie('node'), { maxKeys: 5 }),
})).map;

const RAW_VALUES = [
  ...SCALARS.filter((s) => !s.includes('\n')), '"double \\" quoted"', "'single '' quoted'", '[a, b, "c"]', '{ a: 1, b: no }', '[]', '{}',
  '>-\n  folded\n  text', '|\n  literal\n  text', '# comment only', 'value # comment', '"line\\nbreak"', '"\\u00e9"', "'#'",
  '&anchor x', '*anchor', '!!str 42', '!custom x', '<<: x', '"unterminated', '[unclosed', 'a: b: c',
];
const rawLine = fc.tuple(fc.constantFrom('', '  ', '    ', '- ', '  - '), fc.constantFrom(...KEYS, 'k', 'list'), fc.constantFrom(...RAW_VALUES))
  .map(([indent, key, v]) => `${indent}${key}: ${v}`);

describe('fast and positional YAML readers agree', () => {
  it('on every fixture, example, template and a synthetic sample', () => {
    const files = [
      ...markdownFiles(join(PACKAGE_ROOT, 'incidents')),
      ...markdownFiles(join(PACKAGE_ROOT, 'templates')),
      ...markdownFiles(join(PACKAGE_ROOT, 'scripts/lib/validate/testdata')),
    ];
    const docs: [string, string][] = [];
    for (const f of files) {
      const src = decodeSource(f, readFileSync(f));
      if (!isSourceText(src)) continue;
      const split = splitFrontMatter(f, src.text);
      if (isSplit(split)) docs.push([f, split.yaml]);
    }
    for (const inc of syntheticIncidents({ count: 100 })) docs.push([inc.path, inc.text.slice(4, inc.text.indexOf('\n---\n', 4))]);
    let liteTook = 0;
    for (const [label, yaml] of docs) {
      agree(yaml, label);
      if (parseYamlLite(yaml) !== undefined) liteTook++;
    }
    // The fast paths must really be exercised: all synthetic files and the examples take the subset reader.
    expect(liteTook).toBeGreaterThan(100);
    for (const f of markdownFiles(join(PACKAGE_ROOT, 'incidents'))) {
      const split = splitFrontMatter(f, readFileSync(f, 'utf8'));
      expect(isSplit(split) && parseYamlLite(split.yaml) !== undefined, `subset reader takes ${f}`).toBe(true);
    }
  });

  it('on documents serialised by the yaml package (fast-check)', () => {
    const styles = [{}, { collectionStyle: 'flow' as const }, { defaultStringType: 'QUOTE_DOUBLE' as const }, { defaultStringType: 'QUOTE_SINGLE' as const, defaultKeyType: 'PLAIN' as const }, { lineWidth: 20, minContentWidth: 5 }];
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...KEYS, 'a', 'b', 'c'), value, { minKeys: 1, maxKeys: 6 }), fc.constantFrom(...styles), (doc, style) => {
      agree(stringify(doc, style));
    }), { numRuns: 1500, seed: 20261203 });
    // And on the same trees written the way people write front matter (block style, one-line flow
    // entries), which the subset reader takes.
    let liteTook = 0;
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...KEYS, 'a', 'b', 'c'), value, { minKeys: 1, maxKeys: 6 }), (doc) => {
      const yaml = stringify(doc, { flowCollectionPadding: true, lineWidth: 0 });
      agree(yaml);
      if (parseYamlLite(yaml) !== undefined) liteTook++;
    }), { numRuns: 1500, seed: 7 });
    expect(liteTook).toBeGreaterThan(200);
  });

  it('on documents assembled from raw tricky lines (fast-check)', () => {
    let liteTook = 0;
    let jsTook = 0;
    fc.assert(fc.property(fc.array(rawLine, { minLength: 1, maxLength: 8 }), (lines) => {
      const yaml = lines.join('\n');
      agree(yaml);
      if (parseYamlLite(yaml) !== undefined) liteTook++;
      if (parseYamlJs(yaml).ok) jsTook++;
    }), { numRuns: 3000, seed: 20261203 });
    expect(liteTook).toBeGreaterThan(50);
    expect(jsTook).toBeGreaterThan(100);
  });
});
