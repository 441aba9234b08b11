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
