import type { RootContent } from 'mdast';
import { asArray, asRecord, get, type Data } from '../../../model/access.ts';
import type { ReportContext } from '../context.ts';
import { fmtTime, humanize, yesNo } from '../format.ts';
import { code, em, facts, h, p, strong, table, ul } from '../md.ts';
import {
  actionItemsTable, actionsTable, costsBlocks, evidenceBlocks, indicatorsTable, keyFacts, listOf, metricsBlocks,
  notificationsTable, otherSections, personalDataFacts, phaseChartBlock, phaseTitle, recordWithheld, regimesTable,
  safeHeading, sectionBlocks, sectionContent, str, timelineTable,
} from '../pieces.ts';
import type { AudienceView } from '../view.ts';

const STANDARD = ['summary', 'scope', 'impact', 'timeline', 'notifications', 'investigation', 'root cause', 'final report', 'lessons learned', 'action items'];

/** Internal report: the full technical record, every field and every body section. */
export function internalContent(view: AudienceView, ctx: ReportContext): RootContent[] {
  const r = view.record;
  if (!r) return [recordWithheld(view)];
  const cat = asRecord(r['category']);
  const out: RootContent[] = [
    keyFacts(view, ctx, [['Owner', str(r['owner'])], ['TLP / PAP', `${view.recordLabel}${r['pap'] ? ` / ${str(r['pap'])}` : ''}`]]),
    ...view.preamble,
    ...sectionBlocks(view, 'Summary', 2),
    h(2, 'People'),
    table(['Role', 'Who'], [
      ['Incident commander', str(r['owner'])],
      ['Reporter', `${str(get(r, 'reporter.name'))} (${humanize(get(r, 'reporter.kind'))})${get(r, 'reporter.contact') ? `, ${str(get(r, 'reporter.contact'))}` : ''}`],
      ...asArray(r['responders']).map(asRecord).map((x) => [humanize(x['role']), str(x['name'])]),
      ...Object.entries(asRecord(r['contacts'])).map(([k, v]) => [`${humanize(k)} contact`, str(v)]),
    ]),
    h(2, 'Classification'),
    facts([
      ['Category', `${humanize(cat['class'])}${cat['type'] ? ` / ${humanize(cat['type'])}` : ''}`],
      ['Detection method', humanize(r['detection_method'])],
      ['Attack vector', humanize(r['attack_vector'])],
      ['ATT&CK', listOf(r['attack_techniques'])],
      ['Functional impact', humanize(get(r, 'impact.functional'))],
      ['Information impact', asArray(get(r, 'impact.information')).map(humanize).join(', ')],
      ['Recoverability', humanize(get(r, 'impact.recoverability'))],
      ['Suspected malicious', yesNo(r['suspected_malicious'])],
      ['Disposition', str(r['disposition'])],
    ]),
    ...(r['disposition_rationale'] ? [p(strong('Disposition rationale:'), ' ', str(r['disposition_rationale']))] : []),
    ...sectionBlocks(view, 'Scope', 2),
    p(strong('Systems:'), ' ', listOf(get(r, 'scope.systems')) || '—', '. ', strong('Services:'), ' ', listOf(get(r, 'scope.services')) || '—', '. ',
      strong('Jurisdictions:'), ' ', listOf(get(r, 'scope.jurisdictions')) || '—', '. ', strong('Cross-border:'), ' ', yesNo(get(r, 'scope.cross_border')) || '—', '.'),
    ...sectionBlocks(view, 'Impact', 2),
    h(3, 'Personal data'), ...personalDataFacts(r),
    h(2, 'Timeline'),
    ...phaseChartBlock(view, ctx),
    ...timelineTable(view, { showBy: true }),
    ...sectionContent(view.sections.find((s) => s.title.toLowerCase() === 'timeline') ?? { title: '', depth: 2, label: view.recordLabel, withheld: false, nodes: [], children: [] }, 2, view.used),
    h(3, 'Phase history'),
    table(['Phase', 'Entered (UTC)', 'By', 'Reason'], asArray(r['phase_history']).map(asRecord).map((e) => [phaseTitle(ctx, e['phase']), fmtTime(e['entered_at']), str(e['by']), str(e['reason'])])),
    h(3, 'Response metrics'), ...metricsBlocks(r),
    h(2, 'Regimes and notifications'), ...regimesTable(r), ...notificationsTable(r, () => true, { showPeople: true }),
    ...sectionBlocks(view, 'Notifications', 3, { heading: 'Notes on notifications' }),
    ...sectionBlocks(view, 'Investigation', 2),
    h(3, 'Indicators'), ...indicatorsTable(view),
    h(3, 'Evidence and chain of custody'), ...evidenceBlocks(r, { locations: true }),
    ...sectionBlocks(view, 'Root cause', 2),
    ...(get(r, 'root_cause.summary') ? [p(strong(`${humanize(get(r, 'root_cause.category')) || 'Root cause'}:`), ' ', str(get(r, 'root_cause.summary')))] : []),
    h(2, 'Containment, eradication and recovery'), ...actionsTable(r),
    h(2, 'Costs'), ...costsBlocks(r),
    ...sectionBlocks(view, 'Final report', 2),
    ...lessons(view, r),
    h(2, 'Action items'), ...actionItemsTable(r, { links: true }),
  ];
  for (const s of otherSections(view, STANDARD)) out.push(h(2, s.withheld ? safeHeading(s.title) : s.title), ...sectionContent(s, 2, view.used));
  const ext = Object.keys(r).filter((k) => k.startsWith('x-')).sort();
  if (ext.length) out.push(h(2, 'Organisation fields'), table(['Field', 'Value'], ext.map((k) => [code(k), code(JSON.stringify(r[k]))])));
  return out;
}

const NIST_QUESTIONS: readonly string[] = [
  'Exactly what happened, and at what times?',
  'How well did staff and management perform in dealing with the incident? Were the documented procedures followed? Were they adequate?',
  'What information was needed sooner?',
  'Were any steps or actions taken that might have inhibited the recovery?',
  'What would the staff and management do differently the next time a similar incident occurs?',
  'How could information sharing with other organizations have been improved?',
  'What corrective actions can prevent similar incidents in the future?',
  'What precursors or indicators should be watched for in the future to detect similar incidents?',
  'What additional tools or resources are needed to detect, analyze, and mitigate future incidents?',
];

function lessons(view: AudienceView, r: Data): RootContent[] {
  const ll = asRecord(r['lessons_learned']);
  const out: RootContent[] = [...sectionBlocks(view, 'Lessons learned', 2)];
  if (!Object.keys(ll).length) return out;
  out.push(p(strong('Review meeting:'), ' ', fmtTime(ll['meeting_at']) || 'not held', ll['participants'] ? ` — ${listOf(ll['participants'])}` : ''));
  for (const [key, title] of [['went_well', 'What went well'], ['went_wrong', 'What went wrong'], ['got_lucky', 'Where we got lucky']] as const) {
    const items = asArray(ll[key]).map((x) => str(x));
    if (items.length) out.push(p(strong(title)), ul(items));
  }
  const answers = asRecord(ll['nist_questions']);
  if (Object.keys(answers).length) {
    out.push(p(strong('NIST SP 800-61 lessons-learned questions')), table(['Question', 'Answer'], NIST_QUESTIONS.map((q, i) => [q, str(answers[`q${i + 1}`]) || em('Not answered.')])));
  }
  return out;
}
