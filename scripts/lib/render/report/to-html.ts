import type { Nodes, Root } from 'mdast';
import { toSvg } from './chart.ts';
import { escapeXml as esc } from './escape.ts';

/**
 * Report tree → HTML fragment. Hand-written over an allow-list of node types rather than
 * mdast-util-to-hast + hast-util-to-html: every node type that can carry incident text is listed
 * here and escaped, unknown types render their text only, and nothing can emit raw markup.
 */
export function toHtmlFragment(root: Root): string {
  return lines(root.children);
}

/** Plain loops rather than map/join: this runs for every node of ~40,000 reports. */
function lines(nodes: readonly unknown[]): string {
  let s = '';
  for (let i = 0; i < nodes.length; i++) s += i === 0 ? render(nodes[i] as Nodes) : `\n${render(nodes[i] as Nodes)}`;
  return s;
}

const drawn = new WeakMap<object, string>();

function kids(n: { children: unknown[] }): string {
  let s = '';
  for (const c of n.children) s += render(c as Nodes);
  return s;
}

function render(n: Nodes): string {
  switch (n.type) {
    case 'root': return kids(n);
    case 'paragraph': return `<p>${kids(n)}</p>`;
    case 'heading': return `<h${n.depth}>${kids(n)}</h${n.depth}>`;
    case 'text': return esc(n.value);
    case 'emphasis': return `<em>${kids(n)}</em>`;
    case 'strong': return `<strong>${kids(n)}</strong>`;
    case 'delete': return `<del>${kids(n)}</del>`;
    case 'inlineCode': return `<code>${esc(n.value)}</code>`;
    case 'break': return '<br>';
    case 'thematicBreak': return '<hr>';
    case 'code': return `<pre><code>${esc(n.value)}</code></pre>`;
    case 'blockquote': return `<blockquote>${kids(n)}</blockquote>`;
    case 'link': return `<a href="${esc(n.url)}">${kids(n)}</a>`;
    case 'linkReference': return kids(n);
    case 'list': {
      const tag = n.ordered ? 'ol' : 'ul';
      const start = n.ordered && typeof n.start === 'number' && n.start !== 1 ? ` start="${n.start}"` : '';
      return `<${tag}${start}>${kids(n)}</${tag}>`;
    }
    case 'listItem': {
      const box = typeof n.checked === 'boolean' ? `<span class="check">${n.checked ? '☑' : '☐'}</span> ` : '';
      const inner = n.children.length === 1 && n.children[0]!.type === 'paragraph' && !n.spread ? kids(n.children[0]!) : kids(n);
      return `<li>${box}${inner}</li>`;
    }
    case 'table': {
      let s = '<div class="table"><table><thead><tr>';
      const rows = n.children;
      for (let r = 0; r < rows.length; r++) {
        if (r === 1) s += '</tr></thead><tbody>';
        if (r > 0) s += '<tr>';
        const tag = r === 0 ? 'th' : 'td';
        const cells = rows[r]!.children;
        for (let i = 0; i < cells.length; i++) {
          const a = n.align?.[i];
          s += `<${tag}${a ? ` class="${a}"` : ''}>${kids(cells[i]!)}</${tag}>`;
        }
        if (r > 0) s += '</tr>';
      }
      return `${s}${rows.length > 1 ? '' : '</tr></thead><tbody>'}</tbody></table></div>`;
    }
    case 'withheld':
      return `<span class="withheld">[withheld: ${esc(n.label)}]</span>${n.note ? ` <span class="muted">${esc(n.note)}</span>` : ''}`;
    case 'chart': {
      // Chart nodes are shared between the reports of one incident (pieces.ts): drawn once.
      let svg = drawn.get(n);
      if (svg === undefined) drawn.set(n, (svg = `<figure class="chart-wrap">${toSvg(n.title, n.model)}<figcaption>${esc(n.title)} (UTC)</figcaption></figure>`));
      return svg;
    }
    case 'callout':
      return `<div class="callout ${n.tone}">${kids(n)}</div>`;
    case 'columns': {
      let s = '<div class="columns">';
      for (const c of n.children) s += `<div class="column">${lines(c.children)}</div>`;
      return `${s}</div>`;
    }
    case 'column':
      return lines(n.children);
    case 'facts': {
      let s = '<dl class="facts">';
      for (const i of n.items) s += `<div><dt>${esc(i.label)}</dt><dd>${kids({ children: i.value })}</dd></div>`;
      return `${s}</dl>`;
    }
    case 'html': return '';
    case 'footnoteReference': return `<sup>[${esc(n.identifier)}]</sup>`;
    case 'footnoteDefinition': return `<div class="footnote"><sup>[${esc(n.identifier)}]</sup> ${kids(n)}</div>`;
    default:
      return 'value' in n && typeof n.value === 'string' ? esc(n.value) : 'children' in n ? kids(n as { children: unknown[] }) : '';
  }
}
