/**
 * Property: whatever happens to a valid incident (keys deleted, types changed, junk keys and values
 * inserted, text truncated, unicode or raw bytes injected, lines swapped or dropped), the parser
 * and validator never throw, and every diagnostic is complete and points inside the file (line 0
 * only for problems with the file as a whole). Same input, same output: validation is deterministic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { syntheticIncidents } from '../../bench/synthetic.ts';
import { shippedValidator } from '../io/shipped-validator.ts';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { parseIncidentFile } from '../parse/incident-file.ts';

const examplesDir = join(PACKAGE_ROOT, 'incidents', '2026');
const SOURCES: { path: string; text: string }[] = [
  ...readdirSync(examplesDir).map((f) => ({ path: `incidents/2026/${f}`, text: readFileSync(join(examplesDir, f), 'utf8') })),
  ...[...syntheticIncidents({ count: 12, seed: 7 })].map((i) => ({ path: i.path, text: i.text })),
];

const JUNK_VALUES = ['[]', '{}', '123', '-1.5', 'yes', 'no', 'null', '~', '""', "'x'", '"\\u0000"', '[a, [b, {c: d}]]', '{ a: }', '- item',
  '2026-02-30T08:00:00Z', '2026-12-03', 'TLP:RED', '&a x', '*a', '!!binary aGk=', '|', '>-', '"unterminated', '[unclosed', ': :', '\t', '__proto__'];
const JUNK_KEYS = ['__proto__', 'constructor', 'prototype', 'x-extra', 'titel', 'phase', 'id', 'a b', '"quoted key"', '? complex', '[k]', '<<', '-'];
const UNICODE = ['\u00e9', '\u200b', '\ufeff', '\u202e', '\ud83d\ude00', '\ud800', '\r', '\r\n', '\u2028', '\t', '\u0085', '\u0000', '𝔘'];

type Mutation =
  | { kind: 'delete-line' | 'truncate'; at: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'insert-line'; at: number; text: string }
  | { kind: 'replace-value'; at: number; value: string }
  | { kind: 'inject'; at: number; text: string }
  | { kind: 'bytes'; at: number; bytes: number[] }
  | { kind: 'delete-key' | 'retype-key'; at: number; value: string };

const position = fc.nat({ max: 100_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line' as const, 'truncate' as const), at: position }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: position, b: position }),
  fc.record({ kind: fc.constant('insert-line' as const), at: position, text: fc.oneof(
    fc.tuple(fc.constantFrom('', '  ', '    ', '- ', '  - '), fc.constantFrom(...JUNK_KEYS), fc.constantFrom(...JUNK_VALUES)).map(([i, k, v]) => `${i}${k}: ${v}`),
    fc.constantFrom('---', '...', '#', '## Summary', '```', '<!--', '- ', '\t\t', '%YAML 1.1'),
    fc.string({ maxLength: 30 })) }),
  fc.record({ kind: fc.constant('replace-value' as const), at: position, value: fc.oneof(fc.constantFrom(...JUNK_VALUES), fc.string({ maxLength: 20 })) }),
  fc.record({ kind: fc.constant('inject' as const), at: position, text: fc.oneof(fc.constantFrom(...UNICODE), fc.string({ unit: 'binary', maxLength: 6 })) }),
  fc.record({ kind: fc.constant('bytes' as const), at: position, bytes: fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constantFrom('delete-key' as const, 'retype-key' as const), at: position, value: fc.constantFrom(...JUNK_VALUES) }),
);

/** Applies a mutation to the raw bytes of a file. */
function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  const lines = text.split('\n');
  const enc = (s: string) => new TextEncoder().encode(s);
  switch (m.kind) {
    case 'delete-line': lines.splice(m.at % lines.length, 1); return enc(lines.join('\n'));
    case 'truncate': return bytes.subarray(0, m.at % (bytes.length + 1));
    case 'swap-lines': {
      const a = m.a % lines.length; const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return enc(lines.join('\n'));
    }
    case 'insert-line': lines.splice(m.at % (lines.length + 1), 0, m.text); return enc(lines.join('\n'));
    case 'replace-value': {
      const i = m.at % lines.length;
      lines[i] = lines[i]!.replace(/:( .*)?$/, `: ${m.value}`);
      return enc(lines.join('\n'));
    }
    case 'inject': { const at = m.at % (text.length + 1); return enc(text.slice(0, at) + m.text + text.slice(at)); }
    case 'bytes': {
      const at = m.at % (bytes.length + 1);
      return Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    }
    case 'delete-key':
    case 'retype-key': {
      // Through the YAML document, so keys at any depth are reached and formatting is kept.
      const end = text.indexOf('\n---\n', 4);
      if (!text.startsWith('---\n') || end < 0) return bytes;
      const doc = parseDocument(text.slice(4, end));
      if (doc.errors.length) return bytes; // the test's own helper: only well-formed YAML is edited this way
      const paths: (string | number)[][] = [];
      const walk = (node: unknown, path: (string | number)[]) => {
        const n = node as { items?: unknown[] } | null;
        if (!n || !Array.isArray(n.items)) return;
        n.items.forEach((item, i) => {
          const pair = item as { key?: { value?: unknown }; value?: unknown };
          if (pair && typeof pair === 'object' && 'key' in pair) {
            const p = [...path, String(pair.key?.value)];
            paths.push(p);
            walk(pair.value, p);
          } else {
            paths.push([...path, i]);
            walk(item, [...path, i]);
          }
        });
      };
      walk(doc.contents, []);
      if (!paths.length) return bytes;
      const target = paths[m.at % paths.length]!;
      try {
        if (m.kind === 'delete-key') doc.deleteIn(target);
        else doc.setIn(target, doc.createNode(parseDocument(m.value).toJS({ maxAliasCount: 1 }) ?? null));
        return enc(`---\n${doc.toString()}${text.slice(end + 1)}`);
      } catch {
        return bytes; // a value the yaml package cannot build (e.g. an unresolved alias): skip
      }
    }
  }
}

function checkDiagnostics(diags: readonly Diagnostic[], path: string, bytes: Uint8Array, text: string): void {
  // Lines as the parser sees them (LF-normalised); for undecodable files, lines of the raw bytes.
  const lines = (text || new TextDecoder().decode(bytes)).replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (const d of diags) {
    expect(Object.keys(d).sort()).toEqual(expect.arrayContaining(['column', 'file', 'hint', 'line', 'message', 'rule', 'severity']));
    expect(d.rule).toMatch(/^[a-z0-9-]+\/[a-zA-Z0-9-]+$/);
    expect(['error', 'warning', 'notice']).toContain(d.severity);
    expect(d.file).toBe(path);
    expect(d.message.length).toBeGreaterThan(0);
    expect(typeof d.hint === 'string' && d.hint.length > 0).toBe(true);
    expect(Number.isInteger(d.line) && Number.isInteger(d.column)).toBe(true);
    if (d.line === 0) {
      expect(d.column).toBe(0);
      expect(d.rule).toMatch(/^file\//);
    } else {
      expect(d.line, `${d.rule} line within the file`).toBeGreaterThanOrEqual(1);
      expect(d.line, `${d.rule} line within the file`).toBeLessThanOrEqual(lines.length);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.column, `${d.rule} column within line ${d.line}`).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
    }
  }
}

describe('validator on randomly mutated valid incidents (fast-check)', () => {
  it('the sources are valid before mutation', () => {
    const parsed = SOURCES.map((s) => parseIncidentFile(s.path, s.text));
    expect(shippedValidator().validateFiles(parsed)).toEqual([]);
  });

  it('never throws; diagnostics are complete and inside the file; output is deterministic', () => {
    const validator = shippedValidator();
    fc.assert(fc.property(fc.nat({ max: SOURCES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
      const src = SOURCES[which]!;
      let bytes: Uint8Array = new TextEncoder().encode(src.text);
      for (const m of mutations) bytes = mutate(bytes, m);
      const parsed = parseIncidentFile(src.path, bytes);
      const diags = validator.validateFiles([parsed]);
      checkDiagnostics(diags, src.path, bytes, parsed.text);
      const again = validator.validateFiles([parseIncidentFile(src.path, bytes)]);
      expect(JSON.stringify(again)).toBe(JSON.stringify(diags));
    }), { numRuns: 800, seed: 20261203 });
  });
});
