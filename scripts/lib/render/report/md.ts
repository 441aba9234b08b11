import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, Text } from 'mdast';
import type { ChartModel } from './chart.ts';
import type { Tlp } from './tlp.ts';

/**
 * Report documents are mdast trees (the same tree type the body parses into) plus three node types
 * of ours; to-markdown.ts and to-html.ts turn the same tree into each format, so both say the same
 * thing and every piece of incident text goes through one escaping path per format.
 */
export interface Withheld { type: 'withheld'; label: Tlp | string; note?: string }
export interface Chart { type: 'chart'; model: ChartModel; title: string }
export interface Callout { type: 'callout'; tone: 'info' | 'warn' | 'ok'; children: BlockContent[] }
export interface Facts { type: 'facts'; items: { label: string; value: PhrasingContent[] }[] }
/** Side-by-side blocks in HTML (one after the other in markdown). */
export interface Columns { type: 'columns'; children: Column[] }
export interface Column { type: 'column'; children: RootContent[] }

declare module 'mdast' {
  interface PhrasingContentMap { withheld: Withheld }
  interface BlockContentMap { chart: Chart; callout: Callout; facts: Facts; columns: Columns }
  interface RootContentMap { withheld: Withheld; chart: Chart; callout: Callout; facts: Facts; columns: Columns; column: Column }
}

export type Inline = PhrasingContent | string | undefined | null | false;

export function text(value: string): Text {
  return { type: 'text', value };
}

export function inl(parts: readonly Inline[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const p of parts) {
    if (p === undefined || p === null || p === false || p === '') continue;
    out.push(typeof p === 'string' ? text(p) : p);
  }
  return out;
}

export function p(...parts: Inline[]): Paragraph {
  return { type: 'paragraph', children: inl(parts) };
}

export function h(depth: Heading['depth'], ...parts: Inline[]): Heading {
  return { type: 'heading', depth, children: inl(parts).map(oneLine) };
}

export function strong(...parts: Inline[]): PhrasingContent {
  return { type: 'strong', children: inl(parts) };
}

export function em(...parts: Inline[]): PhrasingContent {
  return { type: 'emphasis', children: inl(parts) };
}

export function code(value: string): PhrasingContent {
  return { type: 'inlineCode', value: value.replace(/\s+/g, ' ') };
}

export function link(url: string, ...parts: Inline[]): PhrasingContent {
  return { type: 'link', url, children: inl(parts) };
}

export function withheld(label: Tlp | string, note?: string): Withheld {
  return note ? { type: 'withheld', label, note } : { type: 'withheld', label };
}

export function ul(items: readonly (Inline | Inline[])[]): List {
  return {
    type: 'list', ordered: false, spread: false,
    children: items.map((it): ListItem => ({ type: 'listItem', spread: false, children: [p(...(Array.isArray(it) ? it : [it]))] })),
  };
}

/** A table; cell text is kept on one line (a newline would end a markdown table row). */
export function table(header: readonly string[], rows: readonly (readonly (Inline | Inline[])[])[], align?: Table['align']): Table {
  const cell = (c: Inline | Inline[]): TableCell => ({ type: 'tableCell', children: inl(Array.isArray(c) ? c : [c]).map(oneLine) });
  return {
    type: 'table', align: align ?? header.map(() => null),
    children: [
      { type: 'tableRow', children: header.map((x) => cell(x)) },
      ...rows.map((r) => ({ type: 'tableRow' as const, children: r.map(cell) })),
    ],
  };
}

export function facts(items: readonly [string, Inline | Inline[]][]): Facts {
  return { type: 'facts', items: items.map(([label, v]) => ({ label, value: inl(Array.isArray(v) ? v : [v]) })).filter((i) => i.value.length > 0) };
}

export function callout(tone: Callout['tone'], ...blocks: BlockContent[]): Callout {
  return { type: 'callout', tone, children: blocks };
}

export function columns(...cols: RootContent[][]): Columns {
  return { type: 'columns', children: cols.map((children) => ({ type: 'column', children })) };
}

export function chart(title: string, model: ChartModel): Chart {
  return { type: 'chart', title, model };
}

function oneLine(n: PhrasingContent): PhrasingContent {
  if (n.type === 'text' || n.type === 'inlineCode') return n.value.includes('\n') ? { ...n, value: n.value.replace(/\s*\n\s*/g, ' ') } : n;
  if ('children' in n) return { ...n, children: (n.children as PhrasingContent[]).map(oneLine) } as PhrasingContent;
  return n;
}

export type Block = RootContent;
