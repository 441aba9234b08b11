import type { RootContent } from 'mdast';
import { asArray, asRecord, get } from '../../../model/access.ts';
import type { ReportContext } from '../context.ts';
import { fmtTime, humanize, indicatorType } from '../format.ts';
import { code, facts, h, table } from '../md.ts';
import { isPlaceholderNodes, phaseTitle, sectionContent, str, utc } from '../pieces.ts';
import { neverPublic, type AudienceView, type ViewSection } from '../view.ts';

const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Public statement: TLP:CLEAR material only. A `## Public statement` section, when released, is the
 * statement; otherwise a TLP:CLEAR record's Summary, Impact and Root cause are. Key dates and the
 * response actions (without names) come from a TLP:CLEAR record, and indicators only when each is
 * itself TLP:CLEAR. A TLP:GREEN or TLP:AMBER record yields only sections explicitly marked
 * `<!-- tlp: TLP:CLEAR -->`. TLP:AMBER+STRICT and TLP:RED records never get a public statement.
 * Returns undefined when there is nothing to publish.
 */
export function publicContent(view: AudienceView, ctx: ReportContext): RootContent[] | undefined {
  if (neverPublic(view.recordLabel)) return undefined;
  const released = view.sections.filter((s) => !s.withheld && !isEmpty(s));
  const statement = released.find((s) => norm(s.title) === 'public statement');
  const r = view.record;
  const chosen: ViewSection[] = statement ? [statement]
    : r ? ['summary', 'impact', 'root cause'].map((t) => released.find((s) => norm(s.title) === t)).filter((s): s is ViewSection => !!s)
    : released;
  if (!r && !chosen.length) return undefined;
  const out: RootContent[] = [];
  if (r) {
    out.push(facts([
      ['Reference', view.id],
      ['Status', phaseTitle(ctx, r['phase'])],
      ['Detected', fmtTime(get(r, 'timestamps.detected_at'))],
      ['Contained', fmtTime(get(r, 'timestamps.contained_at'))],
      ['Resolved', fmtTime(get(r, 'timestamps.resolved_at'))],
      ['Type', humanize(get(r, 'category.class'))],
    ]));
  }
  for (const s of chosen) out.push(h(2, norm(s.title) === 'summary' ? 'What happened' : s.title), ...sectionContent(s, 2, view.used));
  if (r) {
    const actions = asArray(r['actions']).map(asRecord);
    if (actions.length) out.push(h(2, 'What we did'), table(['When (UTC)', 'Action'], actions.map((a) => [utc(a['at']), str(a['action'])])));
  }
  const clear = view.indicators.filter((i) => !i.withheld && i.label === 'TLP:CLEAR');
  for (const i of clear) view.used.add(i.label);
  if (clear.length) out.push(h(2, 'Indicators'), table(['Type', 'Value', 'Note'], clear.map((i) => [indicatorType(i.value!['type']), code(str(i.value!['value'])), str(i.value!['description'])])));
  return out.length ? out : undefined;
}

function isEmpty(s: ViewSection): boolean {
  return isPlaceholderNodes(s.nodes) && s.children.every(isEmpty);
}

export const PUBLIC_NOTE = 'This statement contains only information cleared for public release (TLP:CLEAR).';
