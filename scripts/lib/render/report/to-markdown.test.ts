import fc from 'fast-check';
import type { PhrasingContent, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../parse/markdown.ts';
import { code, h, p, table, text } from './md.ts';
import { toMarkdownReport } from './to-markdown.ts';

/** What a reader sees: the text of every node, markup ignored. */
function plain(n: { type: string; value?: string; children?: unknown[] }): string {
  if (n.type === 'text' || n.type === 'inlineCode') return n.value ?? '';
  if (n.type === 'break') return '\n';
  return (n.children ?? []).map((c) => plain(c as never)).join('');
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Printable text including every markdown-significant character. */
const nasty = fc.string({ unit: fc.constantFrom(...'abc XYZ 019 \\`*_[]<>|~&#!-+=.():;\'"/@\n'.split('')), maxLength: 60 });

describe('markdown serializer', () => {
  it('paragraph text comes back unchanged through remark, whatever it contains', () => {
    fc.assert(fc.property(nasty, (s) => {
      fc.pre(norm(s) !== '');
      const md = toMarkdownReport({ type: 'root', children: [p(s)] });
      const tree = parseMarkdown(md);
      expect(tree.children.map((c) => c.type)).toEqual(['paragraph']);
      expect(norm(plain(tree as never))).toBe(norm(s));
    }), { numRuns: 400 });
  });

  it('table cells and headings keep their text and their shape', () => {
    fc.assert(fc.property(nasty, nasty, (a, b) => {
      fc.pre(norm(a) !== '' && norm(b) !== '');
      const root: Root = { type: 'root', children: [h(2, a), table(['x', 'y'], [[a, [code(b)]]])] };
      const tree = parseMarkdown(toMarkdownReport(root));
      expect(tree.children.map((c) => c.type)).toEqual(['heading', 'table']);
      expect(norm(plain(tree.children[0] as never))).toBe(norm(a));
      const row = (tree.children[1] as { children: { children: { children: PhrasingContent[] }[] }[] }).children[1]!;
      expect(row.children).toHaveLength(2);
      expect(norm(plain(row.children[0] as never))).toBe(norm(a));
      expect(norm(plain(row.children[1] as never))).toBe(norm(b));
    }), { numRuns: 300 });
  });

  it.each([
    ['a heading marker', '# not a heading', 'paragraph'],
    ['a list marker', '- not a list', 'paragraph'],
    ['an ordered list marker', '1. not a list', 'paragraph'],
    ['a quote marker', '> not a quote', 'paragraph'],
    ['raw HTML', '<img src=x onerror=alert(1)>', 'paragraph'],
  ])('keeps %s in text as text', (_n, s, type) => {
    const tree = parseMarkdown(toMarkdownReport({ type: 'root', children: [p(text(s))] }));
    expect(tree.children.map((c) => c.type)).toEqual([type]);
    expect(plain(tree as never)).toBe(s);
  });
});
