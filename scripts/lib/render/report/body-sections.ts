import type { Heading, Root, RootContent } from 'mdast';
import { normaliseTitle } from '../../parse/sections.ts';
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
 * a TLP:AMBER record. An unreadable marker (`TLP:WHITE`, a typo) counts as TLP:RED: fail closed.
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

const MARKER = /^<!--\s*tlp\s*:\s*(\S*?)\s*-->$/i;

/** The label named by a `<!-- tlp: … -->` comment; undefined when the node is not a TLP marker. */
export function tlpMarker(node: RootContent | undefined): Tlp | undefined {
  if (!node || node.type !== 'html') return undefined;
  const m = MARKER.exec(node.value.trim());
  if (!m) return undefined;
  const label = m[1]!.toUpperCase();
  return isTlp(label) ? label : 'TLP:RED';
}

export function labelBody(root: Root, recordLabel: Tlp): LabelledBody {
  const preamble: RootContent[] = [];
  const top: BodySection[] = [];
  const stack: BodySection[] = [];
  for (const node of root.children) {
    if (node.type === 'heading') {
      while (stack.length && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
      const parent = stack[stack.length - 1];
      const section: BodySection = {
        title: plainText(node), heading: node, depth: node.depth,
        label: parent?.label ?? recordLabel, explicit: false, nodes: [], children: [],
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
    current.nodes.push(node);
  }
  return { preamble, sections: top };
}

export function findBodySection(sections: readonly BodySection[], title: string): BodySection | undefined {
  const want = normaliseTitle(title);
  return sections.find((s) => normaliseTitle(s.title) === want);
}

export function plainText(node: { children?: unknown[]; value?: unknown }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((c) => plainText(c as { children?: unknown[]; value?: unknown })).join('');
}
