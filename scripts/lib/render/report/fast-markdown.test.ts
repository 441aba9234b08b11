import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../io/shipped-schemas.ts';
import { collectIncidentFiles } from '../../io/incident-files.ts';
import { parseIncidentFile } from '../../parse/incident-file.ts';
import { parseMarkdown } from '../../parse/markdown.ts';
import { parseSimple } from './fast-markdown.ts';

const strip = (n: unknown) => JSON.parse(JSON.stringify(n, (k, v) => (k === 'position' ? undefined : v)));

/** Lines that are plain, and lines with every construct the fast path must hand over to remark. */
const line = fc.oneof(
  fc.constantFrom('', '## Summary', '### Sub heading', '# Top', '<!-- tlp: TLP:RED -->', '<!-- note -->', 'TODO',
    'Plain words, with punctuation; and (parentheses).', 'Servers `fs-ham-01` and `fs-ham-02` isolated.', '2,874 customers affected.',
    '- a list', '1. ordered', '> quote', '    indented code', '```', '~~~', '| a | b |', '*emphasis*', '_under_', 'a [link](x)',
    'mail a@b.example', 'see https://example.com', 'www.example.com', 'a &amp; b', 'line with trailing space ', '===', '---',
    '## closed ##', '`unclosed', '<div>', 'text <b>bold</b>', '#no-space', '  leading spaces', 'back\\slash'),
  fc.string({ unit: fc.constantFrom(...'ab `*_-#>1.:'.split('')), maxLength: 12 }),
);

describe('fast body parser', () => {
  it('builds the same tree as remark for every shipped and fixture body', async () => {
    const { files } = await collectIncidentFiles(PACKAGE_ROOT, ['incidents', 'scripts/lib/render/report/testdata/incidents', 'templates']);
    expect(files.length).toBeGreaterThanOrEqual(6);
    let fast = 0;
    for (const f of files) {
      const body = parseIncidentFile(f.path, f.bytes).body;
      const tree = parseSimple(body);
      if (!tree) continue;
      fast++;
      expect(strip(tree), f.path).toEqual(strip(parseMarkdown(body)));
    }
    expect(fast).toBeGreaterThanOrEqual(5);
  });

  it('whenever it answers, it answers what remark answers (generated bodies)', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 14 }), (lines) => {
      const body = lines.join('\n');
      const tree = parseSimple(body);
      if (tree) expect(strip(tree)).toEqual(strip(parseMarkdown(body)));
    }), { numRuns: 1500 });
  });
});
