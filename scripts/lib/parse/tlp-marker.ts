/**
 * Section TLP markers: the one accepted form is an HTML comment alone on the first line under a
 * heading, naming one label, e.g. `<!-- tlp: TLP:RED -->`. Anything else that looks like an attempt
 * at one (extra text, a second comment, a space in the label, a marker elsewhere) fails closed: the
 * report withholds the section as TLP:RED (body-sections.ts) and validate reports it (tlp-markers.ts).
 */
export const TLP_MARKER = /^<!--[ \t]*tlp[ \t]*:[ \t]*(\S+?)[ \t]*-->$/i;
/** Also with extra dashes (`<!--- tlp: … --->`), and with an entity or a backslash for `<` (`&lt;!-- tlp…`), which renders as visible text. */
export const TLP_MARKER_ATTEMPT = /(?:<|&lt;?|&#0*60;?|&#x0*3c;?)!--[\s-]*tlp\b/i;

/** The label text of a marker in the accepted form (upper-cased, not yet checked), or undefined. */
export function markerLabelText(line: string): string | undefined {
  return TLP_MARKER.exec(line.trim())?.[1]!.toUpperCase();
}
