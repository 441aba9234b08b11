import type { Finding } from '../../model/finding.ts';
import type { Section } from '../../parse/sections.ts';
import { markerLineLabel, TLP_MARKER_ATTEMPT } from '../../parse/tlp-marker.ts';
import { isTlp } from '../../render/report/tlp.ts';

const ACCEPTED = 'a marker goes alone on the first line under its heading, exactly `<!-- tlp: TLP:RED -->` (labels: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED)';

/**
 * Every `<!-- tlp…` in the body that is not a well-formed marker in its one place. The reports
 * withhold the section of each as TLP:RED (fail closed); this says so, and where, so the author can
 * fix the marker instead of wondering where the section went. Marker text is not echoed.
 */
export function* tlpMarkers(input: { body: string; bodyStartLine: number; sections?: readonly Section[] }): Generator<Finding> {
  const { body, bodyStartLine } = input;
  if (!TLP_MARKER_ATTEMPT.test(body)) return;
  const lines = body.split('\n');
  const headingLines = new Map<number, Section>();
  const slots = new Map<number, Section>(); // the first non-blank line under each heading
  for (const s of input.sections ?? []) {
    headingLines.set(s.line, s);
    const k = s.content.split('\n').findIndex((l) => l.trim() !== '');
    if (k >= 0) slots.set(s.contentLine + k, s);
  }
  const firstHeading = Math.min(...(input.sections ?? []).map((s) => s.line), Infinity);
  // Over the whole body (a comment may run over several lines), reported at the line it starts on.
  const starts = [0];
  for (let k = body.indexOf('\n'); k >= 0; k = body.indexOf('\n', k + 1)) starts.push(k + 1);
  let i = 0;
  let reported = -1;
  for (const m of body.matchAll(new RegExp(TLP_MARKER_ATTEMPT.source, 'gim'))) {
    // Matches come in order: move the line index forward to the line this one starts on.
    while (i + 1 < starts.length && starts[i + 1]! <= m.index) i++;
    if (i === reported) continue;
    reported = i;
    const text = lines[i]!;
    const line = bodyStartLine + i;
    const where = { line, column: m.index - starts[i]! + 1 };
    const slot = slots.get(line);
    if (slot) {
      const label = markerLineLabel(text);
      if (label === undefined) {
        yield { rule: 'tlp/marker-malformed', ...where,
          message: `the TLP marker under \`${titleOf(slot)}\` is not in the accepted form, so the section is withheld from every report as TLP:RED`,
          hint: `Write it alone on its line with one label; ${ACCEPTED}. Put other notes in a separate comment on the next line.` };
      } else if (!isTlp(label)) {
        yield { rule: 'tlp/marker-unknown-label', ...where,
          message: `the TLP marker under \`${titleOf(slot)}\` names a label that is not one of TLP 2.0's five, so the section is withheld from every report as TLP:RED`,
          hint: `Use one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED (TLP 2.0 renamed TLP:WHITE to TLP:CLEAR), e.g. \`<!-- tlp: TLP:AMBER -->\`.` };
      }
      continue;
    }
    const heading = headingLines.get(line);
    const message = heading
      ? `a TLP marker on the heading line of \`${titleOf(heading)}\` is not read as the section's label; the section is withheld from every report as TLP:RED`
      : line < firstHeading
        ? 'a TLP marker before the first heading labels no section (the text before the first heading carries the record\'s `tlp`)'
        : 'a TLP marker (or a comment mentioning TLP) that is not the first line under its heading, or sits inside a quote, list or code, is not read as a label; its section is withheld from every report as TLP:RED';
    yield { rule: 'tlp/marker-misplaced', ...where, message,
      hint: `Move it: ${ACCEPTED}. A note in a comment must not mention TLP (it would be taken for a marker); to write about markers in the text, leave out the \`<!--\`.` };
  }
}

/** A heading's title as readers see it: HTML comments (a marker on the heading line) left out. */
function titleOf(s: Section): string {
  return s.title.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim();
}
