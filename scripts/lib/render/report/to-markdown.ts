import type { Nodes, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toMermaid } from './chart.ts';

/**
 * Report tree → GitHub-flavoured markdown.
 *
 * Hand-written: mdast-util-to-markdown gives the same result but spends ~10 ms per report in its
 * generic "unsafe pattern" machinery, which alone would take the 10,000-incident compile far past
 * its 15 s budget. Here escaping is deliberately conservative (every character that can start
 * markdown syntax inside text is backslash-escaped), so incident text can never turn into markup;
 * to-markdown.test.ts checks with remark that random text comes back unchanged.
 * Our own nodes: a withheld marker in code (visible, never a link), a chart as a ```mermaid gantt,
 * facts as a bullet list, a callout as a blockquote, columns one after the other.
 */
export function toMarkdownReport(root: Root): string {
  return `${blocks(root.children, false)}\n`;
}

function blocks(nodes: readonly RootContent[], tight: boolean): string {
  const parts: string[] = [];
  for (const n of nodes) {
    const s = block(n);
    if (s !== '') parts.push(s);
  }
  return parts.join(tight ? '\n' : '\n\n');
}

function block(n: RootContent): string {
  switch (n.type) {
    case 'paragraph': return lineStarts(phrasing(n.children));
    // A trailing run of # would be read as the heading's closing sequence.
    case 'heading': return `${'#'.repeat(n.depth)} ${oneLine(phrasing(n.children)).replace(/#+\s*$/, (m) => m.replace(/#/g, '\\#'))}`;
    case 'thematicBreak': return '---';
    case 'blockquote': return prefix(blocks(n.children, false), '> ', '> ');
    case 'callout': return prefix(blocks(n.children, false), '> ', '> ');
    case 'code': return fenced(n.value, n.lang ?? '');
    case 'chart': {
      // Chart nodes are shared between the reports of one incident (pieces.ts): drawn once.
      let text = drawn.get(n);
      if (text === undefined) drawn.set(n, (text = fenced(toMermaid(n.title, n.model), 'mermaid')));
      return text;
    }
    case 'list': {
      const start = typeof n.start === 'number' ? n.start : 1;
      return n.children.map((item, i) => {
        const marker = n.ordered ? `${start + i}.` : '-';
        const box = typeof item.checked === 'boolean' ? (item.checked ? '[x] ' : '[ ] ') : '';
        const body = blocks(item.children, !(n.spread || item.spread));
        return prefix(box + body, `${marker} `, ' '.repeat(marker.length + 1));
      }).join(n.spread ? '\n\n' : '\n');
    }
    case 'facts':
      return n.items.map((i) => `- **${escapeText(i.label)}:** ${oneLine(phrasing(i.value))}`).join('\n');
    case 'columns': return blocks(n.children.flatMap((c) => c.children), false);
    case 'column': return blocks(n.children, false);
    case 'table': return table(n);
    case 'html': case 'definition': case 'yaml': return '';
    case 'footnoteDefinition': return `[^${escapeText(n.identifier)}]: ${blocks(n.children, true)}`;
    default: return 'children' in n ? lineStarts(phrasing(n.children as PhrasingContent[])) : '';
  }
}

const drawn = new WeakMap<object, string>();

function table(t: Table): string {
  // Text pipes are escaped by escapeText; GFM splits cells before reading code spans, so pipes
  // inside code need a backslash too (inTable tells codeSpan).
  inTable = true;
  const rows: string[] = [];
  for (const r of t.children) {
    let row = '|';
    for (const c of r.children) row += ` ${oneLine(phrasing(c.children)) || ' '} |`;
    rows.push(row);
  }
  inTable = false;
  const width = t.children[0]?.children.length ?? 0;
  const align = Array.from({ length: width }, (_, i) => {
    const a = t.align?.[i];
    return a === 'left' ? ':-' : a === 'right' ? '-:' : a === 'center' ? ':-:' : '-';
  });
  return [rows[0], `| ${align.join(' | ')} |`, ...rows.slice(1)].join('\n');
}

function phrasing(nodes: readonly PhrasingContent[]): string {
  let s = '';
  for (const n of nodes) s += inline(n);
  return s;
}

function inline(n: PhrasingContent | Nodes): string {
  switch (n.type) {
    case 'text': return escapeText(n.value);
    case 'emphasis': return wrap('*', phrasing(n.children));
    case 'strong': return wrap('**', phrasing(n.children));
    case 'delete': return wrap('~~', phrasing(n.children));
    case 'inlineCode': return codeSpan(n.value);
    case 'break': return '\\\n';
    case 'link': return `[${phrasing(n.children)}](${escapeUrl(n.url)})`;
    case 'withheld': return `\`[withheld: ${n.label}]\`${n.note ? ` ${escapeText(n.note)}` : ''}`;
    case 'footnoteReference': return `[^${escapeText(n.identifier)}]`;
    case 'html': return '';
    default:
      if ('children' in n) return phrasing(n.children as PhrasingContent[]);
      return 'value' in n && typeof n.value === 'string' ? escapeText(n.value) : '';
  }
}

/** Emphasis markers only hold when the content does not start or end with a space. */
function wrap(mark: string, inner: string): string {
  if (inner === '') return '';
  if (!SPACE.test(inner[0]!) && !SPACE.test(inner[inner.length - 1]!)) return `${mark}${inner}${mark}`;
  const lead = /^\s*/.exec(inner)![0];
  const trail = /\s*$/.exec(inner)![0];
  const core = inner.slice(lead.length, inner.length - trail.length);
  return core ? `${lead}${mark}${core}${mark}${trail}` : inner;
}

/** What `\s` matches, for one character (wrap's fast path). */
const SPACE = /\s/;
/** A line start lineStarts would escape (checked first: most paragraphs are one plain line). */
const LINE_START = /^[ \t]*(?:[#>+=-]|\d{1,9}[.)])/;

const NEEDS_ESCAPE = /[\\`*_[\]<>|~&\n]/;

/** Backslash-escapes every ASCII character that can begin inline syntax. */
export function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/[ \t]*\n\s*/g, '\n');
}

/** Escapes what would start a block (heading, quote, list, setext underline) at a line start. */
function lineStarts(s: string): string {
  if (!s.includes('\n') && !LINE_START.test(s)) return s;
  return s.replace(/(^|\n)([ \t]*)(?:([#>+=-])|(\d{1,9})([.)]))/g, (_m, nl: string, sp: string, mark?: string, num?: string, dot?: string) => (mark ? `${nl}${sp}\\${mark}` : `${nl}${sp}${num}\\${dot}`));
}

function oneLine(s: string): string {
  if (!s.includes('\n')) return s;
  return s.replace(/\\?\n\s*/g, ' ');
}

function prefix(s: string, first: string, rest: string): string {
  return s.split('\n').map((l, i) => (i === 0 ? first : l === '' ? rest.trimEnd() : rest) + l).join('\n');
}

function fenced(value: string, lang: string): string {
  const longest = value.includes('`') ? Math.max(2, ...[...value.matchAll(/`+/g)].map((m) => m[0].length)) : 2;
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang.replace(/[^A-Za-z0-9_+-]/g, '')}\n${value.replace(/\n$/, '')}\n${fence}`;
}

let inTable = false;

function codeSpan(value: string): string {
  // GFM splits table cells before reading code spans and its pipe escaping inside them is lossy
  // (a backslash before the pipe vanishes): such a value is written as escaped text instead.
  if (inTable && value.includes('|')) return escapeText(value.replace(/\n/g, ' '));
  const v = value.includes('\n') ? value.replace(/\n/g, ' ') : value;
  const longest = v.includes('`') ? Math.max(0, ...[...v.matchAll(/`+/g)].map((m) => m[0].length)) : 0;
  const ticks = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(v) ? ' ' : '';
  return `${ticks}${pad}${v}${pad}${ticks}`;
}

function escapeUrl(url: string): string {
  return url.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
