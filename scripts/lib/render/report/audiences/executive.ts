import type { RootContent } from 'mdast';
import { asArray, asRecord, get, isPresent } from '../../../model/access.ts';
import { incidentMetrics } from '../../metrics.ts';
import type { ReportContext } from '../context.ts';
import { fmtDuration, fmtMoney, fmtNumber, fmtTime, humanize, stageLabel } from '../format.ts';
import { columns, em, facts, h, p, strong, table } from '../md.ts';
import { actionItemsTable, netCost, phaseChartBlock, phaseTitle, recordWithheld, sectionBlocks, str, timelineTable } from '../pieces.ts';
import type { AudienceView } from '../view.ts';

/**
 * Executive brief, one printed page: what happened, impact, exposure, decisions taken, top actions,
 * status. Lists are capped so the page stays one page; the internal report has everything.
 */
export function executiveContent(view: AudienceView, ctx: ReportContext): RootContent[] {
  const r = view.record;
  if (!r) return [recordWithheld(view), ...sectionBlocks(view, 'Summary', 2, { heading: 'What happened' })];
  const m = incidentMetrics(r);
  const pd = asRecord(r['personal_data']);
  const people = typeof pd['subjects_final'] === 'number' ? pd['subjects_final'] : pd['subjects_estimate'];
  const cur = str(get(r, 'costs.currency'));
  const net = netCost(r);
  const out: RootContent[] = [
    facts([
      ['Status', phaseTitle(ctx, r['phase'])],
      ['Severity', str(r['severity']) || 'not yet rated'],
      ['Detected', fmtTime(get(r, 'timestamps.detected_at'))],
      ['Contained', m.contain !== undefined ? `after ${fmtDuration(m.contain)}` : 'not yet'],
      ['Resolved', isPresent(get(r, 'timestamps.resolved_at')) ? fmtTime(get(r, 'timestamps.resolved_at')) : 'not yet'],
      ['People affected', typeof people === 'number' ? fmtNumber(people) : pd['involved'] === 'no' ? 'none (no personal data)' : 'not yet known'],
      ['Net cost', net !== undefined ? fmtMoney(net, cur) : 'not yet estimated'],
      ['Determination', humanize(r['determination'])],
    ]),
    ...sectionBlocks(view, 'Summary', 2, { heading: 'What happened' }),
    columns([
      h(2, 'Impact'),
      p(strong('Type:'), ' ', [humanize(get(r, 'category.class')), get(r, 'category.type') ? ` / ${humanize(get(r, 'category.type'))}` : ''].join('') || 'not yet classified', '. ',
        strong('Services:'), ' ', humanize(get(r, 'impact.functional')) || 'not yet assessed', '. ',
        strong('Information:'), ' ', asArray(get(r, 'impact.information')).map(humanize).join(', ') || 'not yet assessed', '. ',
        strong('Recoverability:'), ' ', humanize(get(r, 'impact.recoverability')) || 'not yet assessed', '.'),
      h(2, 'Status'),
      p(`${phaseTitle(ctx, r['phase'])}.`, nextStep(r, ctx)),
    ], [
      h(2, 'Regulatory exposure'),
      ...exposure(r),
      h(2, 'Top actions'),
      ...actionItemsTable(r, { openOnly: true, limit: 3, brief: true }),
    ]),
    h(2, 'Decisions taken'),
    ...timelineTable(view, { kinds: ['decision'], limit: 3, quietLimit: true }),
    ...phaseChartBlock(view, ctx, true),
  ];
  return out;
}

function exposure(r: Record<string, unknown>): RootContent[] {
  const regimes = asArray(r['regimes']).map(asRecord);
  if (!regimes.length) return [p(em('No regulatory regime assessed yet.'))];
  const sent = asArray(r['notifications']).map(asRecord);
  return [table(['Regime', 'Applies', 'Notified'], regimes.map((x) => {
    const last = sent.filter((n) => n['regime_id'] === x['id'] && isPresent(n['sent_at'])).pop();
    return [str(x['id']), humanize(x['applicable']), last ? `${stageLabel(last['stage'])}, ${fmtTime(last['sent_at'])}` : x['applicable'] === 'yes' ? 'not yet' : '—'];
  }))];
}

function nextStep(r: Record<string, unknown>, ctx: ReportContext): string {
  const i = ctx.phaseOrder.indexOf(String(r['phase']));
  if (r['phase'] === 'closed') return ' The incident is closed.';
  const next = i >= 0 ? ctx.phaseOrder[i + 1] : undefined;
  return next ? ` Next: ${phaseTitle(ctx, next)}.` : '';
}
