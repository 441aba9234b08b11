import type { Heading, Root, RootContent } from 'mdast';
import { normaliseTitle } from '../../parse/sections.ts';
import { markerLabelText, TLP_MARKER_ATTEMPT } from '../../parse/tlp-marker.ts';
import { isTlp, type Tlp } from './tlp.ts';

/**
 * The incident body as a tree of headed sections, each with its TLP label.
 *
 * A section takes the label written as an HTML comment on the first line under its heading:
 *
 *     ## Investigation
 *     <!-- tlp: TLP:RED -->
 *
 * and otherwise inherits its parent's (top-level sections inherit the record's `tlp`). The marker is
 * authoritative in both directions, so a `## Public statement` marked `TLP:CLEAR` can be released from
 * a TLP:AMBER record. Everything else that looks like an attempt at a marker fails closed and makes
 * the section TLP:RED: an unreadable label (`TLP:WHITE`, `TLP: RED`), extra text in the comment
 * (`TLP:RED (legal hold)`, a second comment on the line), a marker on the heading line, further down,
 * inside a quote, list or code. `incident validate` reports each of these (rule tlp/marker).
 */
export interface BodySection {
  title: string;
  heading: Heading;
  depth: number;
  label: Tlp;
  /** True when the section carries its own marker. */
  explicit: boolean;
  /** Content up to the first subsection (the marker removed). */
  nodes: RootContent[];
  children: BodySection[];
}

export interface LabelledBody {
  /** Content before the first heading: inherits the record label. */
  preamble: RootContent[];
  sections: BodySection[];
}

/**
 * The label a `<!-- tlp: … -->` comment node names: its label when written exactly as documented,
 * TLP:RED for any other attempt at a marker; undefined when the node is not one.
 */
export function tlpMarker(node: RootContent | undefined): Tlp | undefined {
  if (!node || node.type !== 'html' || !TLP_MARKER_ATTEMPT.test(node.value)) return undefined;
  const label = markerLabelText(node.value);
  return isTlp(label) ? label : 'TLP:RED';
}

/** Whether a marker attempt hides anywhere in `node` (HTML, code, nested in quotes or lists). */
function holdsMarkerAttempt(node: unknown): boolean {
  const n = node as TextNode;
  if (typeof n.value === 'string' && TLP_MARKER_ATTEMPT.test(n.value)) return true;
  return Array.isArray(n.children) && n.children.some(holdsMarkerAttempt);
}

export function labelBody(root: Root, recordLabel: Tlp): LabelledBody {
  const preamble: RootContent[] = [];
  const top: BodySection[] = [];
  const stack: BodySection[] = [];
  for (const node of root.children) {
    if (node.type === 'heading') {
      while (stack.length && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
      const parent = stack[stack.length - 1];
      // A marker on the heading line is not where markers go: the section fails closed.
      const misplaced = holdsMarkerAttempt(node);
      const section: BodySection = {
        title: plainText(node).trim(), heading: node, depth: node.depth,
        label: misplaced ? 'TLP:RED' : parent?.label ?? recordLabel, explicit: misplaced, nodes: [], children: [],
      };
      (parent ? parent.children : top).push(section);
      stack.push(section);
      continue;
    }
    const current = stack[stack.length - 1];
    if (!current) { preamble.push(node); continue; }
    if (current.nodes.length === 0 && !current.explicit) {
      const marker = tlpMarker(node);
      if (marker) { current.label = marker; current.explicit = true; continue; }
    }
    if (holdsMarkerAttempt(node)) { current.label = 'TLP:RED'; current.explicit = true; }
    current.nodes.push(node);
  }
  return { preamble, sections: top };
}

export function findBodySection(sections: readonly BodySection[], title: string): BodySection | undefined {
  const want = normaliseTitle(title);
  return sections.find((s) => normaliseTitle(s.title) === want);
}

type TextNode = { type?: unknown; children?: unknown[]; value?: unknown };

/** The text of a node (HTML comments left out, so `## Root cause <!-- x -->` is "Root cause"). */
export function plainText(node: TextNode): string {
  if (node.type === 'html') return '';
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((c) => plainText(c as TextNode)).join('');
}
