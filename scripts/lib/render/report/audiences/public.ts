import type { RootContent } from 'mdast';
import { get } from '../../../model/access.ts';
import type { ReportContext } from '../context.ts';
import { fmtTime, humanize } from '../format.ts';
import { facts, h } from '../md.ts';
import { isPlaceholderNodes, phaseTitle, sectionContent } from '../pieces.ts';
import { neverPublic, type AudienceView } from '../view.ts';

/**
 * Public statement: TLP:CLEAR material only. For a TLP:CLEAR record: key dates, status, and every
 * released section. For a TLP:GREEN or TLP:AMBER record: only sections explicitly marked
 * `<!-- tlp: TLP:CLEAR -->` (e.g. `## Public statement`). TLP:AMBER+STRICT and TLP:RED records never
 * get a public statement. Returns undefined when there is nothing to publish.
 */
export function publicContent(view: AudienceView, ctx: ReportContext): RootContent[] | undefined {
  if (neverPublic(view.recordLabel)) return undefined;
  const released = view.sections.filter((s) => !s.withheld && !sectionContentIsEmpty(s));
  if (!view.record && !released.length) return undefined;
  const out: RootContent[] = [];
  const r = view.record;
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
  const order = (t: string) => (t.toLowerCase() === 'public statement' ? 0 : 1);
  for (const s of [...released].sort((a, b) => order(a.title) - order(b.title))) {
    out.push(h(2, s.title), ...sectionContent(s, 2));
  }
  if (!out.length) return undefined;
  return out;
}

function sectionContentIsEmpty(s: AudienceView['sections'][number]): boolean {
  return isPlaceholderNodes(s.nodes) && s.children.every(sectionContentIsEmpty);
}

export const PUBLIC_NOTE = 'This statement contains only information cleared for public release (TLP:CLEAR).';
