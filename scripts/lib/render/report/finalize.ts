import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { secretKind } from '../../validate/redaction.ts';
import { tlpMarker } from './body-sections.ts';
import { text, withheld } from './md.ts';

/**
 * One pass over an incident body, done once when the source is read: raw HTML is dropped (comments
 * are notes to editors; markup could load things) except `<!-- tlp: … -->` markers, which labelling
 * consumes; images become links (a report makes no requests); links keep only safe schemes; any text
 * that looks like a credential is replaced by a marker. Returns a new tree; the input is not changed.
 */
export function finalizeTree(root: Root): Root {
  return { type: 'root', children: blocks(root.children) };
}

const SAFE_URL = /^(?:https?:|mailto:|#|\.{0,2}\/|[A-Za-z0-9_.-]+(?:[/#?]|$))/i;

export function isSafeUrl(url: string): boolean {
  return SAFE_URL.test(url) && !/^\s*(?:javascript|data|vbscript|file):/i.test(url);
}

function blocks(nodes: readonly RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const n of nodes) out.push(...node(n));
  return out;
}

function node(n: RootContent): RootContent[] {
  switch (n.type) {
    case 'html':
      return tlpMarker(n) ? [n] : [];
    case 'text':
      return secretKind(n.value) ? [withheld('secret', `(text that looks like a ${secretKind(n.value)})`)] : [n];
    case 'inlineCode':
    case 'code':
      return secretKind(n.value) ? [withheld('secret', `(text that looks like a ${secretKind(n.value)})`)] : [n];
    case 'image':
      return n.url && isSafeUrl(n.url) ? [{ type: 'link', url: n.url, children: [text(`image: ${n.alt || n.url}`)] }] : [text(`[image: ${n.alt ?? ''}]`)];
    case 'imageReference':
      return [text(`[image: ${n.alt ?? ''}]`)];
    case 'link':
      if (!isSafeUrl(n.url) || secretKind(n.url)) return blocks(n.children as RootContent[]);
      return [{ ...n, title: null, children: blocks(n.children as RootContent[]) as PhrasingContent[] }];
    case 'definition':
      return [];
    default:
      if ('children' in n && Array.isArray(n.children)) return [{ ...n, children: blocks(n.children as RootContent[]) } as RootContent];
      return [n];
  }
}

export type { Nodes };

export const SECRET_PLACEHOLDER = '[withheld: looks like a secret]';

/**
 * The front matter with every string (and map key) that looks like a credential replaced, done once
 * per incident so no report, whatever it prints, can carry one. Returns a copy.
 */
export function sanitizeData<T>(value: T): T {
  if (typeof value === 'string') return (secretKind(value) ? SECRET_PLACEHOLDER : value) as T;
  if (Array.isArray(value)) return value.map(sanitizeData) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[secretKind(k) ? SECRET_PLACEHOLDER : k] = sanitizeData(v);
    return out as T;
  }
  return value;
}
