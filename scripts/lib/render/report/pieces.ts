import type { Heading, RootContent } from 'mdast';
import { asArray, asRecord, asString, get, isPresent, timeOf, type Data } from '../../model/access.ts';
import { incidentMetrics, METRICS } from '../metrics.ts';
import { plainText } from './body-sections.ts';
import { phaseChart } from './chart.ts';
import type { ReportContext } from './context.ts';
import { fmtDuration, fmtMoney, fmtNumber, fmtTime, humanize, indicatorType, yesNo, stageLabel } from './format.ts';
import { callout, chart, code, em, facts, h, inl, link, p, strong, table, ul, withheld, type Inline } from './md.ts';
import type { Tlp } from './tlp.ts';
import type { AudienceView, ViewSection } from './view.ts';

/** Building blocks shared by the audience renderers: each reads an AudienceView, never the source. */

const NOT_RECORDED = 'Not recorded.';

/** A time in a table whose header already says UTC. */
export const utc = (v: unknown): string => fmtTime(v).replace(/ UTC$/, '');

export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? fmtNumber(v) : typeof v === 'boolean' ? yesNo(v) : '');

export function recordWithheld(view: AudienceView): RootContent {
  return p(withheld(view.recordLabel), ` The incident record is labelled ${view.recordLabel}, above what a ${view.audience} report may include (${view.ceiling}).`);
}

export function titleOf(view: AudienceView): string {
  return (view.record && asString(view.record['title'])) || `Security incident ${view.id}`;
}

export function phaseTitle(ctx: ReportContext, phase: unknown): string {
  return typeof phase === 'string' ? ctx.phaseTitles[phase] ?? humanize(phase) : '';
}

export function asOfMs(ctx: ReportContext): number {
  return timeOf(ctx.generatedAt) ?? 0;
}

/** A body section placed under a report heading of `depth`; withheld or missing sections say so. */
export function sectionBlocks(view: AudienceView, title: string, depth: Heading['depth'], opts: { heading?: string; missing?: string } = {}): RootContent[] {
  const s = view.sections.find((x) => x.title.toLowerCase().replace(/\s+/g, ' ').trim() === title.toLowerCase());
  const head = h(depth, opts.heading ?? title);
  if (!s) return [head, p(em(opts.missing ?? NOT_RECORDED))];
  return [head, ...sectionContent(s, depth, view.used)];
}

export function sectionContent(s: ViewSection, depth: Heading['depth'], used?: Set<Tlp>): RootContent[] {
  if (s.withheld) return [p(withheld(s.label))];
  used?.add(s.label);
  const out: RootContent[] = isPlaceholderNodes(s.nodes) && !s.children.length ? [p(em(NOT_RECORDED))] : [...s.nodes];
  for (const c of s.children) {
    const d = Math.min(6, depth + c.depth - s.depth) as Heading['depth'];
    out.push(h(d, c.withheld ? safeHeading(c.title) : c.title), ...sectionContent(c, d, used));
  }
  return out;
}

const STANDARD_HEADINGS = new Set(['summary', 'scope', 'impact', 'timeline', 'notifications', 'investigation', 'root cause', 'final report', 'lessons learned', 'action items', 'public statement']);

/** The heading of a withheld section is shown only when it is one of the template's own headings. */
export function safeHeading(title: string): string {
  return STANDARD_HEADINGS.has(title.toLowerCase().replace(/\s+/g, ' ').trim()) ? title : 'Section';
}

export function isPlaceholderNodes(nodes: readonly RootContent[]): boolean {
  const text = nodes.map((n) => plainText(n as never)).join('\n').trim();
  return text === '' || text.split('\n').every((l) => l.trim() === '' || /^\s*TODO\b/i.test(l));
}

/** Body sections that are not standard, released in order (e.g. an organisation's own headings). */
export function otherSections(view: AudienceView, skip: readonly string[]): ViewSection[] {
  const s = new Set(skip.map((x) => x.toLowerCase()));
  return view.sections.filter((x) => !s.has(x.title.toLowerCase().replace(/\s+/g, ' ').trim()));
}

export function keyFacts(view: AudienceView, ctx: ReportContext, extra: [string, Inline | Inline[]][] = []): RootContent {
  const r = view.record!;
  const cat = asRecord(r['category']);
  return facts([
    ['Incident', code(view.id)],
    ['Status', phaseTitle(ctx, r['phase'])],
    ['Severity', str(r['severity'])],
    ['Category', [humanize(cat['class']), cat['type'] ? ` / ${humanize(cat['type'])}` : '']],
    ['Determination', humanize(r['determination'])],
    ['Detected', fmtTime(get(r, 'timestamps.detected_at'))],
    ...extra,
  ]);
}

/** Phases and key events; `brief` keeps only the milestones an executive reads (one printed page). */
export function phaseChartBlock(view: AudienceView, ctx: ReportContext, brief = false): RootContent[] {
  if (!view.record) return [];
  // The same chart appears in several audiences' reports of one incident (rendered one after the
  // other): built once, so the renderers can also draw it once (they memoise per chart node). Only
  // the latest incident is kept, so memory stays flat over a large compile.
  if (chartSlot.record !== view.record || chartSlot.titles !== ctx.phaseTitles) chartSlot = { record: view.record, titles: ctx.phaseTitles, byKey: new Map() };
  const byKey = chartSlot.byKey;
  const key = `${brief ? 'brief' : 'full'}|${view.id}|${ctx.generatedAt}`;
  const hit = byKey.get(key);
  if (hit) return hit.node ? [hit.node] : [];
  const model = phaseChart(view.record, ctx.phaseTitles, asOfMs(ctx));
  if (model && brief) {
    model.milestones = model.milestones.filter((m) => ['Detected', 'Contained', 'Recovered', 'Resolved'].includes(m.label));
    model.dense = true;
  }
  const node = model ? chart(`${view.id}: phases and key events`, model) : undefined;
  byKey.set(key, { node });
  return node ? [node] : [];
}

let chartSlot: { record?: Data; titles?: ReportContext['phaseTitles']; byKey: Map<string, { node: RootContent | undefined }> } = { byKey: new Map() };

/** Timeline table; consecutive withheld entries collapse into one marker row. */
export function timelineTable(view: AudienceView, opts: { kinds?: readonly string[]; limit?: number; showBy?: boolean; quietLimit?: boolean } = {}): RootContent[] {
  const rows: Inline[][] = [];
  let pending: { label: string; n: number } | undefined;
  const flush = () => {
    if (pending) rows.push(['', [withheld(pending.label, pending.n > 1 ? `${pending.n} entries` : '1 entry')], '', ...(opts.showBy ? [''] : [])] as Inline[]);
    pending = undefined;
  };
  for (const e of view.timeline) {
    if (e.withheld) {
      if (pending && pending.label === e.label) pending.n++;
      else { flush(); pending = { label: e.label, n: 1 }; }
      continue;
    }
    const kind = asString(e.value['kind']) ?? '';
    if (opts.kinds && !opts.kinds.includes(kind)) continue;
    view.used.add(e.label);
    flush();
    rows.push([utc(e.value['at']), str(e.value['entry']), humanize(kind), ...(opts.showBy ? [str(e.value['by'])] : [])]);
  }
  flush();
  if (!rows.length) return [p(em('No timeline entries recorded.'))];
  const limited = opts.limit && rows.length > opts.limit ? rows.slice(-opts.limit) : rows;
  const header = ['When (UTC)', 'Entry', 'Kind', ...(opts.showBy ? ['By'] : [])];
  const out: RootContent[] = [table(header, limited.map((r) => r.map((c) => c)))];
  if (limited.length < rows.length && !opts.quietLimit) out.push(p(em(`Latest ${limited.length} of ${rows.length} entries; the internal report lists all.`)));
  return out;
}

export function regimesTable(r: Data, onlyApplicable = false): RootContent[] {
  const rows = asArray(r['regimes']).map(asRecord).filter((x) => !onlyApplicable || x['applicable'] === 'yes');
  if (!rows.length) return [p(em('No regulatory regime assessed.'))];
  const sent = asArray(r['notifications']).map(asRecord);
  return [table(['Regime', 'Applies', 'Notices sent', 'Decided'], rows.map((x) => {
    const notes = sent.filter((n) => n['regime_id'] === x['id'] && isPresent(n['sent_at']));
    return [
      code(str(x['id'])),
      [yesNo(x['applicable']) || str(x['applicable']), x['rationale'] ? ` — ${str(x['rationale'])}` : ''],
      notes.length ? notes.map((n) => `${stageLabel(n['stage'])} ${fmtTime(n['sent_at'])}${n['reference'] ? ` (${str(n['reference'])})` : ''}`).join('; ') : '—',
      `${str(x['decided_by'])}, ${fmtTime(x['decided_at'])}`,
    ];
  }))];
}

export function notificationsTable(r: Data, filter: (n: Data) => boolean = () => true, opts: { showPeople?: boolean } = {}): RootContent[] {
  const rows = asArray(r['notifications']).map(asRecord).filter(filter);
  if (!rows.length) return [p(em('No notifications recorded.'))];
  return [table(['To', 'Stage', 'Sent (UTC)', 'Channel', 'Reference', ...(opts.showPeople ? ['Sent by'] : [])], rows.map((n) => [
    [str(n['recipient']), n['regime_id'] ? ` (${str(n['regime_id'])})` : ''],
    stageLabel(n['stage']),
    n['sent_at'] ? utc(n['sent_at']) : n['not_required_reason'] ? `Not required: ${str(n['not_required_reason'])}` : 'Not sent',
    str(n['channel']),
    str(n['reference']),
    ...(opts.showPeople ? [str(n['sent_by'])] : []),
  ]))];
}

export function netCost(r: Data): number | undefined {
  const c = asRecord(r['costs']);
  if (!isPresent(c['currency'])) return undefined;
  const num = (k: string) => (typeof c[k] === 'number' ? (c[k] as number) : 0);
  return num('direct') + num('indirect') - num('recoveries');
}

/** Direct and indirect costs, recoveries, net, and the cost categories (DORA 2024/1772 Art 7). */
export function costsBlocks(r: Data): RootContent[] {
  const c = asRecord(r['costs']);
  const cur = asString(c['currency']);
  if (!cur) return [p(em('No costs recorded yet.'))];
  const money = (v: unknown) => (typeof v === 'number' ? fmtMoney(v, cur) : '—');
  const rows: Inline[][] = [
    ['Direct costs', money(c['direct'])],
    ['Indirect costs', money(c['indirect'])],
    ['Financial recoveries', money(c['recoveries'])],
    [strong('Net loss'), strong(fmtMoney(netCost(r) ?? 0, cur))],
  ];
  const out: RootContent[] = [table(['Item', 'Amount'], rows, [null, 'right'])];
  const cats = Object.entries(asRecord(c['by_category'])).filter(([, v]) => typeof v === 'number').sort(([a], [b]) => (a < b ? -1 : 1));
  if (cats.length) out.push(p(strong('By cost category')), table(['Category', 'Amount'], cats.map(([k, v]) => [humanize(k), money(v)]), [null, 'right']));
  out.push(p(em(c['estimated'] === true ? 'Figures are estimates; actuals will replace them when known.' : 'Figures are actuals.')));
  return out;
}

export function actionItemsTable(r: Data, opts: { openOnly?: boolean; limit?: number; links?: boolean; brief?: boolean } = {}): RootContent[] {
  let rows = asArray(r['action_items']).map(asRecord);
  if (opts.openOnly) rows = rows.filter((a) => a['status'] !== 'done' && a['status'] !== 'wont-do');
  if (!rows.length) return [p(em(opts.openOnly ? 'No open action items.' : 'No action items recorded yet.'))];
  const shown = opts.limit ? rows.slice(0, opts.limit) : rows;
  if (opts.brief) {
    const out: RootContent[] = [table(['Action', 'Owner', 'Due'], shown.map((a) => [str(a['description']), str(a['owner']), str(a['due'])]))];
    if (shown.length < rows.length) out.push(p(em(`${rows.length - shown.length} more in the internal report.`)));
    return out;
  }
  const out: RootContent[] = [table(['Item', 'Type', 'Owner', 'Due', 'Status'], shown.map((a) => {
    // Only http(s): a `javascript:` tracker link must never become a link in a report.
    const raw = asString(a['tracker_url']);
    const url = raw && /^https?:\/\//i.test(raw) ? raw : undefined;
    return [
      [opts.links && url ? link(url, str(a['id'])) : code(str(a['id'])), ' ', str(a['description'])],
      humanize(a['type']), str(a['owner']), str(a['due']), humanize(a['status']),
    ];
  }))];
  if (shown.length < rows.length) out.push(p(em(`${rows.length - shown.length} more in the internal report.`)));
  return out;
}

export function actionsTable(r: Data, showBy = true): RootContent[] {
  const rows = asArray(r['actions']).map(asRecord);
  if (!rows.length) return [p(em('No containment, eradication or recovery actions recorded.'))];
  return [table(['When (UTC)', 'Stage', 'Action', ...(showBy ? ['By'] : [])], rows.map((a) => [utc(a['at']), humanize(a['phase']), str(a['action']), ...(showBy ? [str(a['by'])] : [])]))];
}

export function indicatorsTable(view: AudienceView): RootContent[] {
  if (!view.indicators.length) return [p(em('No indicators recorded.'))];
  for (const i of view.indicators) if (!i.withheld) view.used.add(i.label);
  return [table(['Type', 'Value', 'TLP', 'Note'], view.indicators.map((i) => i.withheld
    ? [[withheld(i.label)], '', i.label, '']
    : [indicatorType(i.value['type']), code(str(i.value['value'])), i.label, str(i.value['description'])]))];
}

export function evidenceBlocks(r: Data, opts: { locations: boolean }): RootContent[] {
  const rows = asArray(r['evidence']).map(asRecord);
  if (!rows.length) return [p(em('No evidence registered.'))];
  const out: RootContent[] = [table(['Id', 'Description', ...(opts.locations ? ['Location'] : []), 'SHA-256', 'Collected'], rows.map((e) => [
    code(str(e['id'])), str(e['description']), ...(opts.locations ? [code(str(e['location']))] : []),
    e['sha256'] ? code(str(e['sha256'])) : '—',
    [fmtTime(e['collected_at']), e['collected_by'] ? ` by ${str(e['collected_by'])}` : ''],
  ]))];
  if (opts.locations) {
    const custody = rows.flatMap((e) => asArray(e['custody']).map(asRecord).map((c) => [code(str(e['id'])), utc(c['at']), str(c['from']), str(c['to']), str(c['note'])] as Inline[]));
    out.push(p(strong('Chain of custody')), custody.length ? table(['Evidence', 'When (UTC)', 'From', 'To', 'Note'], custody) : p(em('No custody transfers recorded.')));
  }
  return out;
}

export function metricsBlocks(r: Data): RootContent[] {
  const m = incidentMetrics(r);
  return [
    table(['Metric', 'This incident', 'Definition'], METRICS.map((d) => [d.label, m[d.key] === undefined ? '—' : fmtDuration(m[d.key]!), d.definition])),
  ];
}

export function personalDataFacts(r: Data): RootContent[] {
  const pd = asRecord(r['personal_data']);
  if (!isPresent(pd['involved'])) return [p(em('Personal data involvement not yet assessed.'))];
  if (pd['involved'] === 'no') return [p('No personal data involved.')];
  const count = (fin: string, est: string) => (typeof pd[fin] === 'number' ? `${fmtNumber(pd[fin] as number)}` : typeof pd[est] === 'number' ? `about ${fmtNumber(pd[est] as number)} (estimate)` : 'not yet known');
  return [facts([
    ['Personal data involved', yesNo(pd['involved'])],
    ['Our role', humanize(pd['role'])],
    ['Data subjects', count('subjects_final', 'subjects_estimate')],
    ['Records', count('records_final', 'records_estimate')],
    ['Categories', asArray(pd['categories']).map((c) => humanize(c)).join(', ')],
    ['Encrypted', yesNo(pd['encrypted'])],
    ['Risk to individuals', humanize(pd['risk'])],
  ]), ...(pd['risk_rationale'] ? [p(strong('Risk assessment:'), ' ', str(pd['risk_rationale']))] : [])];
}

export function listOf(values: unknown): string {
  return asArray(values).map((v) => str(v)).filter(Boolean).join(', ');
}

export function note(tone: 'info' | 'warn' | 'ok', ...parts: Inline[]): RootContent {
  return callout(tone, p(...parts));
}

export { inl, ul };
