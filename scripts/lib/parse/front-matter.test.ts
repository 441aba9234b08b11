/**
 * splitFrontMatter's quick path (no split of the whole file) must give exactly what the
 * line-array reading gives: same YAML, body and line numbers, on random texts (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './front-matter.ts';

/** The reference reading: the file as an array of lines. */
function reference(text: string) {
  const lines = text.split('\n');
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return 'no';
  const close = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l));
  if (close < 0) return 'no';
  return { yaml: lines.slice(1, close).join('\n'), yamlStartLine: 2, body: lines.slice(close + 1).join('\n'), bodyStartLine: close + 2 };
}

describe('splitFrontMatter', () => {
  it('reads like the line-array reference on random files', () => {
    const line = fc.constantFrom('---', '--- ', '...', '----', 'id: x', '', '## Summary', 'text', '-- -', '.. .', ' ---');
    fc.assert(fc.property(fc.array(line, { maxLength: 10 }), fc.boolean(), (lines, finalNewline) => {
      const text = lines.join('\n') + (finalNewline ? '\n' : '');
      const want = reference(text);
      const got = splitFrontMatter('x.md', text);
      if (want === 'no') expect('rule' in got).toBe(true);
      else expect(got).toEqual(want);
    }), { numRuns: 3000, seed: 20261203 });
  });
});
