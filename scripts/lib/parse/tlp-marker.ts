import { normaliseTitle } from './sections.ts';

/**
 * Section TLP markers: the one accepted form is an HTML comment alone on the first line under a
 * heading, naming one label, e.g. `<!-- tlp: TLP:RED -->`. Anything else that looks like an attempt
 * at one (extra text, a second comment, a space in the label, a marker elsewhere) fails closed: the
 * report withholds the section as TLP:RED (body-sections.ts) and validate reports it (tlp-markers.ts).
 */
export const TLP_MARKER = /^<!--[ \t]*tlp[ \t]*:[ \t]*(\S+?)[ \t]*-->$/i;
/**
 * What looks like an attempt at a marker: any HTML comment that mentions `tlp` within its first 200
 * characters (`<!--- tlp: … --->`, `<!-- classification: TLP:RED -->`, over several lines), also
 * with an entity or a backslash for `<` (`&lt;!-- tlp…`, which renders as visible text), and a
 * markdown "comment" link definition (`[comment]: # (tlp: TLP:RED)`).
 */
export const TLP_MARKER_ATTEMPT = /(?:<|&lt;?|&#0*60;?|&#x0*3c;?)!--(?:(?!-->)[^]){0,200}?\btlp\b|^[ \t]{0,3}\[[^\]\n]*\]:[^\n]*\btlp\b/im;

/** The label text of a marker in the accepted form (upper-cased, not yet checked), or undefined. */
export function markerLabelText(line: string): string | undefined {
  return TLP_MARKER.exec(line.trim())?.[1]!.toUpperCase();
}

/**
 * The label text of a marker line as it stands in the body: in the accepted form and indented at
 * most three spaces (four make it a code block, which the reports do not read as a marker).
 */
export function markerLineLabel(line: string): string | undefined {
  return /^ {0,3}<!--/.test(line) ? markerLabelText(line) : undefined;
}

/** The part of the file's TLP labels a section carries, for the few callers that work on raw text. */
interface LabelledSection { title: string; level: number; line: number; contentLine: number; content: string }

/**
 * Each section's effective label, as the reports read it: its own marker (accepted form only; any
 * other attempt in its own text makes it TLP:RED), else its parent's, else the record's. Keyed by
 * the heading path (`scope > affected systems`, titles as normaliseTitle gives them), with the
 * heading's line. Labels are upper-cased text, unchecked.
 */
export function sectionLabels(sections: readonly LabelledSection[], recordLabel: string): Map<string, { label: string; line: number }> {
  const out = new Map<string, { label: string; line: number }>();
  const stack: { level: number; path: string; label: string }[] = [];
  for (const [i, s] of sections.entries()) {
    while (stack.length && stack[stack.length - 1]!.level >= s.level) stack.pop();
    const parent = stack[stack.length - 1];
    const label = ownLabel(ownText(sections, i)) ?? parent?.label ?? recordLabel;
    const path = `${parent ? `${parent.path} > ` : ''}${normaliseTitle(s.title)}`;
    if (!out.has(path)) out.set(path, { label, line: s.line });
    stack.push({ level: s.level, path, label });
  }
  return out;
}

/** A section's own text: its content up to the next heading of any level. */
export function ownText(sections: readonly LabelledSection[], i: number): string {
  const s = sections[i]!;
  const next = sections[i + 1];
  return next ? s.content.split('\n').slice(0, Math.max(0, next.line - s.contentLine)).join('\n') : s.content;
}

/** The label a section's own text gives it: its marker's, TLP:RED for any other attempt, undefined when none. */
export function ownLabel(own: string): string | undefined {
  if (!TLP_MARKER_ATTEMPT.test(own)) return undefined;
  const lines = own.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const rest = lines.slice(first + 1).join('\n');
  const label = markerLineLabel(lines[first] ?? '');
  return label !== undefined && !TLP_MARKER_ATTEMPT.test(rest) ? label : 'TLP:RED';
}
