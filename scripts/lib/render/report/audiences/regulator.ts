import type { RootContent } from 'mdast';
import { asArray, asRecord, asString, get, isPresent, timeOf, type Data } from '../../../model/access.ts';
import type { ReportContext } from '../context.ts';
import { fmtDuration, fmtTime, humanize, yesNo } from '../format.ts';
import { em, h, p, strong, table, type Inline } from '../md.ts';
import {
  actionItemsTable, actionsTable, costsBlocks, keyFacts, listOf, note, notificationsTable, personalDataFacts,
  phaseChartBlock, recordWithheld, regimesTable, sectionBlocks, str, timelineTable,
} from '../pieces.ts';
import type { AudienceView } from '../view.ts';

/**
 * Regulator report: the incident described once, then per applicable regime the items its final
 * report asks for (standards.md §4: NIS2 Art 23(4)(d), GDPR Art 33(3), DORA RTS 2025/301 Art 4),
 * each answered from the record or flagged as not yet recorded, so gaps are visible before sending.
 */
export function regulatorContent(view: AudienceView, ctx: ReportContext): RootContent[] {
  const r = view.record;
  if (!r) return [recordWithheld(view)];
  const applicable = asArray(r['regimes']).map(asRecord).filter((x) => x['applicable'] === 'yes');
  const ids = applicable.map((x) => str(x['id']));
  const has = (prefix: string) => ids.some((i) => i === prefix || i.startsWith(`${prefix}-`));
  const checklists: { title: string; rows: Row[]; notices: (n: Data) => boolean }[] = [];
  if (has('nis2')) checklists.push({ title: 'NIS2 final report (Directive (EU) 2022/2555, Art 23(4)(d))', rows: nis2Rows(r), notices: (n) => str(n['regime_id']).startsWith('nis2') });
  if (has('gdpr') || has('uk-gdpr')) checklists.push({ title: 'GDPR personal data breach (Regulation (EU) 2016/679, Art 33(3))', rows: gdprRows(r), notices: (n) => /gdpr/.test(str(n['regime_id'])) || n['stakeholder'] === 'data-subjects' || n['stage'] === 'individuals' });
  if (has('dora')) checklists.push({ title: 'DORA final report (Commission Delegated Regulation (EU) 2025/301, Art 4)', rows: doraRows(r), notices: (n) => str(n['regime_id']).startsWith('dora') });
  const others = applicable.filter((x) => !/^(nis2|gdpr|uk-gdpr|dora)(-|$)/.test(str(x['id'])));
  const gaps = checklists.reduce((n, c) => n + c.rows.filter((row) => !row.answer).length, 0);

  const out: RootContent[] = [keyFacts(view, ctx, [['Legal awareness', fmtTime(get(r, 'timestamps.aware_at'))], ['Resolved', fmtTime(get(r, 'timestamps.resolved_at')) || 'not yet']])];
  if (!applicable.length) out.push(note('info', 'No regulatory regime is recorded as applicable to this incident. The assessment of each candidate regime follows.'));
  else if (gaps) out.push(note('warn', strong(`${gaps} required item${gaps === 1 ? '' : 's'} not yet recorded`), ' — marked “Not recorded” below. Complete the incident record before sending.'));
  else out.push(note('ok', 'Every item the applicable regimes ask for is answered from the incident record.'));
  out.push(
    h(2, 'Regulatory assessment'), ...regimesTable(r),
    ...sectionBlocks(view, 'Summary', 2, { heading: 'Description of the incident' }),
    ...sectionBlocks(view, 'Impact', 2, { heading: 'Severity and impact' }),
    p(strong('Severity:'), ' ', str(r['severity']) || '—', '. ', strong('Functional impact:'), ' ', humanize(get(r, 'impact.functional')) || '—', '. ',
      strong('Information impact:'), ' ', asArray(get(r, 'impact.information')).map(humanize).join(', ') || '—', '. ', strong('Recoverability:'), ' ', humanize(get(r, 'impact.recoverability')) || '—', '.'),
    ...sectionBlocks(view, 'Root cause', 2),
    h(2, 'Mitigation measures'), p(strong('Applied')), ...actionsTable(r, false), p(strong('Ongoing and planned')), ...actionItemsTable(r, { openOnly: true }),
  );
  if (has('dora')) out.push(h(2, 'Costs and losses'), ...costsBlocks(r));
  for (const c of checklists) {
    out.push(h(2, c.title), table(['Item', 'From the record'], c.rows.map((row) => [strong(row.item), row.answer ?? [em('Not recorded.')]])));
    out.push(p(strong('Notices sent under this regime')), ...notificationsTable(r, c.notices));
  }
  for (const x of others) {
    out.push(h(2, `Regime ${str(x['id'])}`), p(str(x['rationale'])), ...notificationsTable(r, (n) => n['regime_id'] === x['id']));
  }
  out.push(h(2, 'Timeline'), ...phaseChartBlock(view, ctx), ...timelineTable(view));
  return out;
}

interface Row { item: string; answer?: Inline[] }

const row = (item: string, ...answer: Inline[]): Row => {
  const filled = answer.filter((a) => a !== undefined && a !== null && a !== false && a !== '');
  return filled.length ? { item, answer: filled } : { item };
};

function nis2Rows(r: Data): Row[] {
  const cat = asRecord(r['category']);
  return [
    row('(a) Detailed description, severity and impact', isPresent(r['severity']) ? `Severity ${str(r['severity'])}; ${humanize(get(r, 'impact.functional')).toLowerCase() || 'functional impact not assessed'}. See “Description of the incident” and “Severity and impact”.` : undefined),
    row('(b) Type of threat or root cause', [humanize(cat['class']), cat['type'] ? ` / ${humanize(cat['type'])}` : '', r['attack_vector'] ? `; vector: ${humanize(r['attack_vector'])}` : '', asArray(r['attack_techniques']).length ? `; ATT&CK ${listOf(r['attack_techniques'])}` : '', get(r, 'root_cause.summary') ? `. Root cause: ${str(get(r, 'root_cause.summary'))}` : ''].join('') || undefined),
    row('(c) Applied and ongoing mitigation measures', asArray(r['actions']).length || asArray(r['action_items']).length ? `${asArray(r['actions']).length} applied, ${asArray(r['action_items']).filter((a) => asRecord(a)['status'] !== 'done').length} ongoing or planned. See “Mitigation measures”.` : undefined),
    row('(d) Cross-border impact', isPresent(get(r, 'scope.cross_border')) ? `${yesNo(get(r, 'scope.cross_border'))}. Jurisdictions: ${listOf(get(r, 'scope.jurisdictions')) || '—'}${asArray(get(r, 'scope.member_states_impacted')).length ? `; member states impacted: ${listOf(get(r, 'scope.member_states_impacted'))}` : ''}.` : undefined),
  ];
}

function gdprRows(r: Data): Row[] {
  const pd = asRecord(r['personal_data']);
  const dpo = asString(get(r, 'contacts.dpo'));
  const dpoName = asArray(r['responders']).map(asRecord).find((x) => x['role'] === 'dpo');
  const count = (fin: string, est: string) => (typeof pd[fin] === 'number' ? str(pd[fin]) : typeof pd[est] === 'number' ? `about ${str(pd[est])}` : undefined);
  const subjects = count('subjects_final', 'subjects_estimate');
  const records = count('records_final', 'records_estimate');
  const aware = timeOf(get(r, 'timestamps.aware_at'));
  const first = asArray(r['notifications']).map(asRecord).find((n) => n['regime_id'] === 'gdpr-art33' && isPresent(n['sent_at']));
  const sentAt = first ? timeOf(first['sent_at']) : undefined;
  const timing = aware !== undefined && sentAt !== undefined
    ? `Aware ${fmtTime(get(r, 'timestamps.aware_at'))}; notified ${fmtTime(first!['sent_at'])}, ${fmtDuration(sentAt - aware)} after awareness${sentAt - aware > 72 * 3_600_000 ? `, later than 72 hours. Reasons for the delay: ${str(first!['late_reason']) || 'not recorded'}` : ' (within 72 hours)'}.`
    : aware !== undefined ? `Aware ${fmtTime(get(r, 'timestamps.aware_at'))}; supervisory authority not yet notified.` : undefined;
  return [
    row('(a) Nature of the breach; categories and approximate numbers of data subjects and records',
      pd['involved'] === 'yes' ? `Categories: ${asArray(pd['categories']).map(humanize).join(', ') || 'not recorded'}; data subjects: ${subjects ?? 'not recorded'}; records: ${records ?? 'not recorded'}${pd['encrypted'] === true ? '; data was encrypted' : pd['encrypted'] === false ? '; data was not encrypted' : ''}.` : pd['involved'] === 'no' ? 'No personal data involved.' : undefined),
    row('(b) Name and contact details of the DPO or other contact point', dpo ? `${dpoName ? `${str(dpoName['name'])}, ` : ''}${dpo}` : undefined),
    row('(c) Likely consequences of the breach', pd['risk'] ? `${humanize(pd['risk'])}${pd['risk_rationale'] ? `: ${str(pd['risk_rationale'])}` : ''}` : undefined),
    row('(d) Measures taken or proposed, including mitigation', asArray(r['actions']).length || asArray(r['action_items']).length ? 'See “Mitigation measures”.' : undefined),
    row('Art 33(1) timing', timing),
  ];
}

function doraRows(r: Data): Row[] {
  const c = asRecord(get(r, 'dora.criteria'));
  const met = Object.entries(c).filter(([, v]) => v === 'met').map(([k]) => humanize(k));
  return [
    row('Classification', get(r, 'dora.major') === true ? `Major ICT-related incident${get(r, 'timestamps.classified_major_at') ? `, classified ${fmtTime(get(r, 'timestamps.classified_major_at'))}` : ''}${met.length ? `; criteria met: ${met.join(', ')}` : ''}.` : undefined),
    row('(a) Root causes', get(r, 'root_cause.summary') ? `${humanize(get(r, 'root_cause.category'))}: ${str(get(r, 'root_cause.summary'))}` : undefined),
    row('(b) Dates and times the incident was resolved and the root cause addressed', get(r, 'timestamps.resolved_at') ? `Resolved ${fmtTime(get(r, 'timestamps.resolved_at'))}${get(r, 'timestamps.eradicated_at') ? `; root cause addressed (eradicated) ${fmtTime(get(r, 'timestamps.eradicated_at'))}` : ''}.` : undefined),
    row('(c) Information on the resolution', asArray(r['actions']).length ? 'See “Mitigation measures”.' : undefined),
    row('(d) Information relevant for resolution authorities (where applicable)', str(get(r, 'x-dora.resolution_authorities')) || 'None recorded as applicable.'),
    row('(e) Direct and indirect costs and losses; financial recoveries', get(r, 'costs.currency') ? costSentence(r) : undefined),
    row('(f) Recurring incidents (where applicable)', r['recurring'] === true ? `Recurring; related: ${listOf(r['recurring_with']) || 'not recorded'}.` : r['recurring'] === false ? 'Not a recurring incident.' : undefined),
  ];
}

function costSentence(r: Data): string {
  const c = asRecord(r['costs']);
  const cur = str(c['currency']);
  const part = (k: string, label: string) => (typeof c[k] === 'number' ? `${label} ${cur} ${str(c[k])}` : '');
  return [part('direct', 'direct'), part('indirect', 'indirect'), part('recoveries', 'recoveries')].filter(Boolean).join('; ') + (c['estimated'] === true ? ' (estimates).' : '.');
}
