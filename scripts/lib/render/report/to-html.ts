import type { Nodes, Root } from 'mdast';
import { toSvg } from './chart.ts';
import { escapeXml as esc } from './escape.ts';

/**
 * Report tree → HTML fragment. Hand-written over an allow-list of node types rather than
 * mdast-util-to-hast + hast-util-to-html: every node type that can carry incident text is listed
 * here and escaped, unknown types render their text only, and nothing can emit raw markup.
 */
export function toHtmlFragment(root: Root): string {
  return root.children.map((n) => render(n as Nodes)).join('\n');
}

function kids(n: { children: unknown[] }): string {
  return n.children.map((c) => render(c as Nodes)).join('');
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
      return `<${tag}${start}>${n.children.map((li) => render(li)).join('')}</${tag}>`;
    }
    case 'listItem': {
      const box = typeof n.checked === 'boolean' ? `<span class="check">${n.checked ? '☑' : '☐'}</span> ` : '';
      const inner = n.children.length === 1 && n.children[0]!.type === 'paragraph' && !n.spread ? kids(n.children[0]!) : kids(n);
      return `<li>${box}${inner}</li>`;
    }
    case 'table': {
      const [head, ...rows] = n.children;
      const align = (i: number) => (n.align?.[i] ? ` class="${n.align[i]}"` : '');
      const cells = (r: typeof head, tag: string) => (r ? r.children.map((c, i) => `<${tag}${align(i)}>${kids(c)}</${tag}>`).join('') : '');
      return `<div class="table"><table><thead><tr>${cells(head, 'th')}</tr></thead><tbody>${rows.map((r) => `<tr>${cells(r, 'td')}</tr>`).join('')}</tbody></table></div>`;
    }
    case 'withheld':
      return `<span class="withheld">[withheld: ${esc(n.label)}]</span>${n.note ? ` <span class="muted">${esc(n.note)}</span>` : ''}`;
    case 'chart':
      return `<figure class="chart-wrap">${toSvg(n.title, n.model)}<figcaption>${esc(n.title)} (UTC)</figcaption></figure>`;
    case 'callout':
      return `<div class="callout ${n.tone}">${n.children.map((c) => render(c as Nodes)).join('')}</div>`;
    case 'columns':
      return `<div class="columns">${n.children.map((c) => `<div class="column">${c.children.map((x) => render(x as Nodes)).join('\n')}</div>`).join('')}</div>`;
    case 'column':
      return n.children.map((x) => render(x as Nodes)).join('\n');
    case 'facts':
      return `<dl class="facts">${n.items.map((i) => `<div><dt>${esc(i.label)}</dt><dd>${i.value.map((v) => render(v)).join('')}</dd></div>`).join('')}</dl>`;
    case 'html': return '';
    case 'footnoteReference': return `<sup>[${esc(n.identifier)}]</sup>`;
    case 'footnoteDefinition': return `<div class="footnote"><sup>[${esc(n.identifier)}]</sup> ${kids(n)}</div>`;
    default:
      return 'value' in n && typeof n.value === 'string' ? esc(n.value) : 'children' in n ? kids(n as { children: unknown[] }) : '';
  }
}
