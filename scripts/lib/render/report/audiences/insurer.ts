import type { RootContent } from 'mdast';
import { asArray, asRecord, get, isPresent, timeOf } from '../../../model/access.ts';
import { interruptionChart } from '../chart.ts';
import type { ReportContext } from '../context.ts';
import { fmtDuration, fmtMoney, fmtTime, humanize, yesNo } from '../format.ts';
import { chart, facts, h, p, strong, table } from '../md.ts';
import { actionsTable, asOfMs, costsBlocks, evidenceBlocks, keyFacts, listOf, notificationsTable, personalDataFacts, recordWithheld, sectionBlocks, str } from '../pieces.ts';
import type { AudienceView } from '../view.ts';

/**
 * Insurer report (proof of loss, standards.md §4.4): policy and claim, time, place and cause, loss
 * figures and costs, the business-interruption timeline, and the supporting evidence by hash.
 */
export function insurerContent(view: AudienceView, ctx: ReportContext): RootContent[] {
  const r = view.record;
  if (!r) return [recordWithheld(view)];
  const ins = asRecord(r['insurance']);
  const ransom = asRecord(r['ransom']);
  const le = asRecord(r['law_enforcement']);
  const t = (k: string) => timeOf(get(r, `timestamps.${k}`));
  const start = t('occurred_at') ?? t('detected_at');
  const recovered = t('recovered_at');
  const asOf = asOfMs(ctx);
  const interruption = start === undefined ? 'not recorded' : recovered !== undefined ? fmtDuration(recovered - start) : `ongoing (${fmtDuration(Math.max(0, asOf - start))} as of ${fmtTime(ctx.generatedAt)})`;
  const model = interruptionChart(r, asOf);
  const out: RootContent[] = [
    keyFacts(view, ctx, [['Carrier', str(ins['carrier'])], ['Policy', str(ins['policy_id'])], ['Claim number', str(ins['claim_number']) || 'not yet assigned']]),
    h(2, 'Notice to the insurer'),
    facts([
      ['First notice of loss', fmtTime(ins['fnol_at']) || 'not recorded'],
      ['Proof of loss submitted', fmtTime(ins['proof_of_loss_submitted_at']) || 'not yet'],
      ['Panel vendors engaged', listOf(ins['panel_vendors']) || 'none recorded'],
      ['Law enforcement', le['notified'] === true ? `${str(le['agency'])}${le['reference'] ? ` (${str(le['reference'])})` : ''}` : le['notified'] === false ? 'Not notified' : 'not recorded'],
    ]),
    ...consents(ins),
    h(2, 'Time, place and cause'),
    table(['Aspect', 'Detail'], [
      [strong('Loss began'), `${fmtTime(get(r, 'timestamps.occurred_at')) || 'not recorded'}${r['occurred_at_confidence'] ? ` (${str(r['occurred_at_confidence'])})` : ''}`],
      [strong('Discovered'), fmtTime(get(r, 'timestamps.detected_at')) || fmtTime(get(r, 'timestamps.discovered_at'))],
      [strong('Place'), `Jurisdictions: ${listOf(get(r, 'scope.jurisdictions')) || '—'}; systems: ${listOf(get(r, 'scope.systems')) || '—'}; services: ${listOf(get(r, 'scope.services')) || '—'}`],
      [strong('Cause'), [humanize(get(r, 'root_cause.category')) || 'under investigation', get(r, 'root_cause.summary') ? `: ${str(get(r, 'root_cause.summary'))}` : '', r['attack_vector'] ? ` (vector: ${humanize(r['attack_vector'])})` : ''].join('')],
      [strong('Malicious'), yesNo(r['suspected_malicious']) || 'not yet known'],
    ]),
    ...sectionBlocks(view, 'Summary', 3, { heading: 'Description of the loss' }),
    h(2, 'Loss figures and costs'),
    ...costsBlocks(r),
    ...ransomBlocks(ransom),
    h(2, 'Business interruption'),
    p(strong('Interruption:'), ' ', interruption, '. ', strong('Services affected:'), ' ', listOf(get(r, 'scope.services')) || 'none recorded', '. ', strong('Recoverability:'), ' ', humanize(get(r, 'impact.recoverability')) || 'not assessed', '.'),
    ...(model ? [chart(`${view.id}: business interruption`, model)] : []),
    table(['Milestone', 'When (UTC)', 'Since the loss began'], [['Loss began', 'occurred_at'], ['Detected', 'detected_at'], ['Contained', 'contained_at'], ['Recovered (service restored)', 'recovered_at'], ['Resolved', 'resolved_at']].map(([label, key]) => {
      const at = t(key!);
      return [label!, at === undefined ? 'not yet' : fmtTime(get(r, `timestamps.${key}`)), at === undefined || start === undefined ? '—' : fmtDuration(at - start)];
    }), [null, null, 'right']),
    p(strong('Response actions')), ...actionsTable(r, false),
    h(2, 'Data affected'), ...personalDataFacts(r),
    h(2, 'Notifications made'), ...notificationsTable(r, (n) => n['stage'] !== 'internal'),
    h(2, 'Supporting documentation'),
    p('Evidence held by the insured, identified by SHA-256 so copies can be verified:'),
    ...evidenceBlocks(r, { locations: false }),
  ];
  return out;
}

function consents(ins: Record<string, unknown>): RootContent[] {
  const rows = asArray(ins['consents']).map(asRecord);
  return rows.length ? [table(['Insurer consent for', 'Given (UTC)'], rows.map((c) => [str(c['for']), fmtTime(c['at'])]))] : [];
}

function ransomBlocks(ransom: Record<string, unknown>): RootContent[] {
  if (!isPresent(ransom['demanded'])) return [];
  const amount = typeof ransom['amount'] === 'number' ? fmtMoney(ransom['amount'] as number, str(ransom['currency']) || '') : '';
  return [p(strong('Extortion')), facts([
    ['Ransom demanded', yesNo(ransom['demanded'])],
    ['Ransom paid', yesNo(ransom['paid'])],
    ['Amount', amount],
    ['Paid at', fmtTime(ransom['paid_at'])],
    ['Sanctions screened', yesNo(ransom['sanctions_screened'])],
    ['Insurer consent', yesNo(ransom['insurer_consent'])],
  ])];
}

