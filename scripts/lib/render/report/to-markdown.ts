import type { List, Root, RootContent, Table } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown, type Handle } from 'mdast-util-to-markdown';
import { toMermaid } from './chart.ts';
import type { Chart, Facts, Withheld } from './md.ts';

/**
 * Report tree → GitHub-flavoured markdown. mdast-util-to-markdown escapes incident text for markdown
 * (`*`, `_`, `|` in tables, leading `#`, …); our node types become: a withheld marker in code
 * (visible, never mistaken for a link), a chart as a ```mermaid gantt, a fact list, a blockquote.
 */
const withheldHandle: Handle = (node: Withheld) => `\`[withheld: ${node.label}]\`${node.note ? ` ${node.note}` : ''}`;
const chartHandle: Handle = (node: Chart) => `\`\`\`mermaid\n${toMermaid(node.title, node.model)}\n\`\`\``;

export function toMarkdownReport(root: Root): string {
  const flat = root.children.flatMap((n) => (n.type === 'columns' ? n.children.flatMap((c) => c.children) : [n]));
  const lowered: Root = { type: 'root', children: flat.map(lower) };
  return toMarkdown(lowered, {
    extensions: [gfmToMarkdown({ tablePipeAlign: false })],
    bullet: '-', listItemIndent: 'one', emphasis: '_', strong: '*', fences: true, rule: '-',
    handlers: { withheld: withheldHandle, chart: chartHandle } as never,
  });
}

function lower(n: RootContent): RootContent {
  if (n.type === 'facts') return factsList(n);
  if (n.type === 'callout') return { type: 'blockquote', children: n.children.map(lower) as never };
  if ('children' in n && Array.isArray(n.children)) return { ...n, children: (n.children as RootContent[]).map(lower) } as RootContent;
  return n;
}

function factsList(n: Facts): List {
  return {
    type: 'list', ordered: false, spread: false,
    children: n.items.map((i) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: `${i.label}:` }] }, { type: 'text', value: ' ' }, ...i.value] }] })),
  };
}

export type { Table };
