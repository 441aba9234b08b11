/**
 * The fast line scanner (sections.ts) must find exactly the top-level headings remark + GFM finds
 * (markdown.ts): on every fixture and example body, on hand-written tricky bodies, and on bodies
 * fast-check assembles from tricky lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Heading, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { syntheticIncidents } from '../../bench/synthetic.ts';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';
import { parseIncidentFile } from './incident-file.ts';
import { parseMarkdown } from './markdown.ts';
import { isPlaceholder, parseSections } from './sections.ts';

interface H { line: number; level: number; title: string }

function viaRemark(body: string, startLine: number): H[] {
  return parseMarkdown(body).children
    .filter((n: RootContent): n is Heading => n.type === 'heading')
    .map((h) => ({ line: startLine + h.position!.start.line - 1, level: h.depth, title: toString(h).replace(/\s+/g, ' ').trim() }));
}

function viaScanner(body: string, startLine: number): H[] {
  return parseSections(body, startLine).map((s) => ({ line: s.line, level: s.level, title: s.title.replace(/\s+/g, ' ').trim() }));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
  });
}

const TRICKY: Record<string, string> = {
  'fences hide headings': '## A\n\n```\n# not a heading\n```\n\n~~~~md\n## nor this\n~~~\n## still inside\n~~~~\n\n## B\n',
  'unclosed fence runs to the end': '## A\n\n```\n## inside\n',
  'setext headings': 'Title one\n=========\n\nTitle two\n---\n\ntext\n',
  'multi-line setext heading': 'first line\nsecond line\n===\n',
  'thematic break is not setext': '## A\n\n---\n\ntext\n\n***\n',
  'html comments hide headings': '<!--\n## hidden\n-->\n## Shown\n<!-- one line -->\n# Also shown\n',
  'html block to blank line': '<details>\n# inside html\n</details>\n\n# After\n',
  'headings in lists and quotes are not sections': '- # in a list\n- item\n\n> ## in a quote\n\n1. ### numbered\n\n## Real\n',
  'list item continuation': '- item\n\n  ## indented under the item\n\n## Top\n',
  'lazy continuation is not setext': '- item\ncontinued\n---\n\n> quote\n===\n',
  'atx variants': '# Title #\n## Title ##   \n### \n#hashtag\n####### seven\n    # indented code\n   # three spaces\n#\tTab\n',
  'heading interrupts a paragraph': 'para line\n## Heading\ntext\n',
  'tables': '| a | b |\n|---|---|\n| 1 | 2 |\n\n## After table\n',
  'indented code after paragraph is continuation': 'para\n    # not code, continuation\n\n## X\n',
  'empty heading and closing hashes only': '## ##\n# #\n',
};

describe('section scanner agrees with remark + GFM', () => {
  it.each(Object.entries(TRICKY))('%s', (_name, body) => {
    expect(viaScanner(body, 7)).toEqual(viaRemark(body, 7));
  });

  it('on every example, template, fixture and a synthetic sample', () => {
    const files = [
      ...markdownFiles(join(PACKAGE_ROOT, 'incidents')),
      ...markdownFiles(join(PACKAGE_ROOT, 'templates')),
      ...markdownFiles(join(PACKAGE_ROOT, 'scripts/lib/validate/testdata')),
    ];
    let compared = 0;
    for (const f of files) {
      const parsed = parseIncidentFile(f, readFileSync(f));
      if (!parsed.body) continue;
      expect(viaScanner(parsed.body, parsed.bodyStartLine), f).toEqual(viaRemark(parsed.body, parsed.bodyStartLine));
      compared++;
    }
    for (const inc of syntheticIncidents({ count: 40 })) {
      const parsed = parseIncidentFile(inc.path, inc.text);
      expect(viaScanner(parsed.body, parsed.bodyStartLine)).toEqual(viaRemark(parsed.body, parsed.bodyStartLine));
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('on bodies assembled from tricky lines (fast-check)', () => {
    const line = fc.constantFrom(
      '', '## Summary', '# Title', '### Deep ###', 'Some text.', 'More text here', '===', '---', '- item', '* item', '1. item',
      '  indented', '    code', '> quote', '```', '~~~', '<!-- comment -->', '<!--', '-->', '| a | b |', '|---|---|',
      '<div>', '</div>', 'TODO', '#nohash', '   ## three', '***', '- ## in list', '> # in quote',
      '-', '2. two', '  - nested', '   # three-space', '\t# tab', 'a | b', '-|-', '  ```', '=', '- - -', '<details>', '</details>',
    );
    // Left out on purpose: lone custom tags (`<custom>`, `</pre>`) right after list or quote
    // paragraphs, where micromark's laziness rules have quirks no incident body relies on.
    fc.assert(fc.property(fc.array(line, { maxLength: 14 }), (lines) => {
      const body = lines.join('\n');
      expect(viaScanner(body, 1)).toEqual(viaRemark(body, 1));
    }), { numRuns: 4000, seed: 20261203 });
  });
});

describe('isPlaceholder', () => {
  it.each([
    ['', true], ['<!-- guidance -->', true], ['TODO', true], ['- TODO: who clicked?', true], ['**TODO**', true],
    ['TBD', true], ['FIXME later', true], ['N/A', true], ['n/a.', true], ['...', true], ['…', true], ['?', true], ['-', true],
    ['Lorem ipsum dolor sit amet.', true], ['TBD\n\nTODO', true], ['.', true], ['n.a.', true], ['pending', true], ['See above.', true], ['To be documented', true], ['TBC', true],
    ['Pending legal review since 2026-11-20, owner c.moreau.', false], ['See above for the timeline; the root cause was a reused password.', false],
    ['N/A — no personal data was involved.', false], ['- Blocked the sender domain.', false], ['Fourteen staff received it.', false],
    ['TODO\nThe mail gateway let it through.', false], ['Todos los usuarios', false],
  ])('%j → %s', (content, expected) => {
    expect(isPlaceholder(content)).toBe(expected);
  });
});
