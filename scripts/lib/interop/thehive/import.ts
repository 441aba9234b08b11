import type { Diagnostic } from '../../model/diagnostic.ts';
import { importBatch, type BatchOptions, type Diag, type SourceRecord } from '../batch.ts';
import type { Lifecycle } from '../../lifecycle/lifecycle.ts';
import { parseSections } from '../../parse/sections.ts';
import { fillSections, markdownParagraphs } from '../body.ts';
import { importedId, ymdOf } from '../ids.ts';
import { supportedPhase } from '../phase.ts';
import { isObject, sortKeysDeep, type Tree } from '../tree.ts';
import { RSIT_TYPES } from './rsit.ts';

export interface TheHiveImportOptions extends BatchOptions {
  importedAt: string;
  importedBy: string;
  templateBody: string;
  lifecycle: Lifecycle;
  /** TLP of the imported incidents instead of the case's own. */
  tlp?: string;
  /** Incident commander instead of the case assignee. */
  owner?: string;
  /** Base URL of the TheHive instance, for provenance.url (`<base>/cases/<_id>/details`). */
  urlBase?: string;
}

export interface TheHiveImported { id: string; frontMatter: Tree; body: string; source: string }

const TLP = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const PAP = ['PAP:CLEAR', 'PAP:GREEN', 'PAP:AMBER', 'PAP:RED'];
/** TheHive severity 1 Low, 2 Medium, 3 High, 4 Critical → our sev4..sev1. */
const SEVERITY: Record<number, string> = { 1: 'sev4', 2: 'sev3', 3: 'sev2', 4: 'sev1' };
const DETERMINATION: Record<string, string> = { TruePositive: 'successful-attempt', FalsePositive: 'false-positive', Duplicated: 'suspected', Indeterminate: 'suspected', Other: 'suspected' };
/** Case fields this importer maps; everything else is kept under `thehive`. */
const MAPPED = new Set(['title', 'description', 'severity', 'tlp', 'pap', 'startDate', 'endDate', 'status', 'stage', 'assignee', '_createdBy', '_createdAt', 'newDate', 'inProgressDate', 'closedDate', 'tasks', 'observables', 'customFields', 'tags', 'summary']);

/**
 * TheHive 5 case export (the case as returned by GET /api/v1/case/{id}, with its `tasks` (each with
 * `logs`) and `observables` embedded, or wrapped as {case, tasks, observables}) → an incident.
 */
export function importTheHive(docs: readonly SourceRecord[], opts: TheHiveImportOptions): { incidents: TheHiveImported[]; diagnostics: Diagnostic[] } {
  return importBatch(docs, opts, {
    prefix: 'thehive', what: 'TheHive case',
    sourceId(value, name, diag) {
      const c = caseOf(value);
      // A real case export always carries a creation time; without one there is no detection time
      // to record, and the file is more likely something else (a task, an alert, a stray JSON).
      const hasTime = c && ['_createdAt', 'newDate', 'startDate'].some((k) => instant(c[k]) !== undefined);
      if (!c || typeof c['title'] !== 'string' || !hasTime) {
        diag('thehive/not-a-case', 'error', 'the file is not a TheHive case export (a JSON object with at least `title` and a creation time `_createdAt` or `startDate`)', 'Export the case as JSON: GET /api/v1/case/<id> with its tasks, task logs and observables.');
        return undefined;
      }
      return String(c['_id'] ?? (c['number'] !== undefined ? `#${String(c['number'])}` : name));
    },
    map: (value, sourceId, name, diag) => mapCase(caseOf(value)!, sourceId, name, opts, diag),
  });
}

function caseOf(raw: unknown): Tree | undefined {
  if (!isObject(raw)) return undefined;
  if (isObject(raw['case'])) {
    const c = { ...raw['case'] };
    if (Array.isArray(raw['tasks'])) c['tasks'] = raw['tasks'];
    if (Array.isArray(raw['observables'])) c['observables'] = raw['observables'];
    return c;
  }
  return raw;
}

function mapCase(c: Tree, sourceId: string, name: string, opts: TheHiveImportOptions, diag: Diag): TheHiveImported {
  const kept: Tree = {};
  for (const [k, v] of Object.entries(c)) if (!MAPPED.has(k)) kept[k] = v;
  const ts = (v: unknown) => instant(v);
  const created = ts(c['_createdAt']) ?? ts(c['newDate']);
  const timestamps: Tree = {};
  const occurred = ts(c['startDate']);
  if (occurred) timestamps['occurred_at'] = occurred;
  if (created) { timestamps['detected_at'] = created; timestamps['reported_at'] = created; }
  const inProgress = ts(c['inProgressDate']);
  if (inProgress) timestamps['acknowledged_at'] = inProgress;
  const closed = c['stage'] === 'Closed' || /^(TruePositive|FalsePositive|Duplicated|Indeterminate|Other)$/.test(String(c['status'])) ? ts(c['endDate']) ?? ts(c['closedDate']) : undefined;
  if (closed) timestamps['resolved_at'] = closed;
  // Our timestamps are ordered (occurred ≤ detected ≤ acknowledged, resolved); TheHive dates are
  // editable and need not be. An out-of-order date is not guessed at: it stays under `thehive`.
  const outOfOrder: [string, string, string][] = [['occurred_at', 'startDate', 'after'], ['acknowledged_at', 'inProgressDate', 'before'], ['resolved_at', closed === ts(c['endDate']) ? 'endDate' : 'closedDate', 'before']];
  for (const [field, source, relation] of outOfOrder) {
    const t = timestamps[field];
    if (!created || typeof t !== 'string') continue;
    const wrong = relation === 'after' ? Date.parse(t) > Date.parse(created) : Date.parse(t) < Date.parse(created);
    if (!wrong) continue;
    delete timestamps[field];
    kept[source] = c[source];
    diag('thehive/date-order', 'notice', `case \`${source}\` (${t}) is ${relation} the case was created (${created}); \`timestamps.${field}\` is not set and the value is kept under thehive.${source}`, `Set timestamps.${field} by hand once the right time is known.`);
  }

  const title = String(c['title']).replace(/\s+/g, ' ').trim();
  const shortTitle = title.length > 120 ? `${title.slice(0, 119).replace(/\s+\S*$/, '')}…` : title.length < 5 ? `TheHive case: ${title}` : title;
  if (shortTitle !== title) kept['title'] = c['title'];
  const owner = opts.owner ?? (typeof c['assignee'] === 'string' && c['assignee'] ? c['assignee'] : opts.importedBy);
  const fromAlert = c['alertDate'] !== undefined || c['alertNewDate'] !== undefined;
  const fm: Tree = {
    schema_version: '1.0', id: '', title: shortTitle, phase: 'detection', phase_history: [],
    tlp: opts.tlp ?? TLP[Number(c['tlp'])] ?? 'TLP:AMBER',
  };
  if (!opts.tlp && (c['tlp'] === undefined || !TLP[Number(c['tlp'])])) diag('thehive/tlp', 'notice', `case TLP \`${String(c['tlp'])}\` is not 0..4; the incident is marked TLP:AMBER`, 'Check the TLP after import.');
  if (PAP[Number(c['pap'])]) fm['pap'] = PAP[Number(c['pap'])];
  fm['determination'] = DETERMINATION[String(c['status'])] ?? 'suspected';
  if (c['status'] === 'Duplicated') { fm['disposition'] = 'duplicate:duplicate'; }
  fm['detection_method'] = fromAlert ? 'automated-tool' : 'human-review';
  fm['reporter'] = { name: typeof c['_createdBy'] === 'string' ? c['_createdBy'] : 'TheHive', kind: fromAlert ? 'automated' : 'internal' };
  fm['owner'] = owner;
  fm['timestamps'] = timestamps;
  if (timestamps['occurred_at']) fm['occurred_at_confidence'] = 'estimated';
  const sev = SEVERITY[Number(c['severity'])];
  if (sev) fm['severity'] = sev;
  const tags = Array.isArray(c['tags']) ? c['tags'].filter((t): t is string => typeof t === 'string') : [];
  const rsit = tags.map(rsitTag).find((x) => x);
  if (rsit) fm['category'] = rsit;
  if (tags.length) kept['tags'] = tags;

  const timeline = timelineOf(c, owner);
  if (timeline.length) fm['timeline'] = timeline;
  const { indicators, skipped } = indicatorsOf(c['observables']);
  if (indicators.length) fm['indicators'] = indicators;
  for (const s of skipped) diag('thehive/observable', 'notice', s, 'The observable is kept under thehive.observables.');
  if (Array.isArray(c['observables'])) kept['observables'] = c['observables'];
  const tasks = tasksKept(c['tasks']);
  if (tasks.length) kept['tasks'] = tasks;
  const custom = customFields(c['customFields']);
  if (Object.keys(custom).length) kept['customFields'] = custom;
  if (typeof c['summary'] === 'string' && c['summary'].trim()) kept['summary'] = c['summary'];
  fm['provenance'] = {
    source: 'thehive', original_id: sourceId, imported_at: opts.importedAt, imported_by: opts.importedBy,
    ...(opts.urlBase && typeof c['_id'] === 'string' ? { url: `${opts.urlBase.replace(/\/$/, '')}/cases/${c['_id']}/details` } : {}),
  };
  if (Object.keys(kept).length) fm['thehive'] = sortKeysDeep(kept);

  const description = typeof c['description'] === 'string' ? c['description'] : '';
  const summaryMd = demoteHeadings(description.replace(/\r\n?/g, '\n')).trim() || '_No description in the TheHive case._';
  const sections: Record<string, string> = { Summary: summaryMd };
  if (typeof c['summary'] === 'string' && c['summary'].trim()) sections['Final report'] = markdownParagraphs(c['summary']);
  const body = fillSections(opts.templateBody, sections);
  const id = importedId(ymdOf(created ?? occurred ?? opts.importedAt), `thehive:${sourceId}`, opts.takenIds);
  fm['id'] = id;
  const parsedSections = parseSections(body, 1);
  const phase = supportedPhase(opts.lifecycle, fm, { sections: parsedSections });
  fm['phase'] = phase;
  fm['phase_history'] = [{ phase, entered_at: opts.importedAt, by: opts.importedBy, reason: `imported from TheHive case ${sourceId}` }];
  return { id, frontMatter: fm, body, source: name };
}

/** Epoch milliseconds (TheHive's date format) or an RFC 3339 string → RFC 3339 UTC. */
export function instant(v: unknown): string | undefined {
  const ms = typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms > 253402300799999) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function timelineOf(c: Tree, owner: string): Tree[] {
  const out: { at: string; order: number; entry: Tree }[] = [];
  let order = 0;
  for (const t of Array.isArray(c['tasks']) ? c['tasks'] : []) {
    if (!isObject(t)) continue;
    const title = typeof t['title'] === 'string' ? t['title'] : 'task';
    const by = typeof t['assignee'] === 'string' && t['assignee'] ? t['assignee'] : owner;
    const start = instant(t['startDate']);
    if (start) out.push({ at: start, order: order++, entry: { at: start, by, kind: 'action', entry: `Task started: ${title}` } });
    for (const l of Array.isArray(t['logs']) ? t['logs'] : []) {
      if (!isObject(l) || typeof l['message'] !== 'string' || !l['message'].trim()) continue;
      const at = instant(l['date']) ?? instant(l['_createdAt']);
      if (!at) continue;
      const lby = typeof l['_createdBy'] === 'string' ? l['_createdBy'] : by;
      out.push({ at, order: order++, entry: { at, by: lby, kind: 'action', entry: `${title}: ${l['message'].trim()}` } });
    }
    const end = instant(t['endDate']);
    if (end && t['status'] === 'Completed') out.push({ at: end, order: order++, entry: { at: end, by, kind: 'action', entry: `Task completed: ${title}` } });
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.order - b.order).map((x) => x.entry);
}

function tasksKept(tasks: unknown): Tree[] {
  if (!Array.isArray(tasks)) return [];
  return tasks.filter(isObject).map((t) => {
    const out: Tree = { ...t };
    // Log messages went to the timeline; what else a log carries (ids, attachments) stays here.
    if (Array.isArray(t['logs'])) out['logs'] = t['logs'].filter(isObject).map((l) => { const { message: _m, ...rest } = l; return rest; });
    return out;
  });
}

const DATA_TYPES: Record<string, string> = {
  domain: 'domain', fqdn: 'domain', url: 'url', mail: 'email', email: 'email', filename: 'file-name',
  'user-agent': 'user-agent', 'autonomous-system': 'asn', asn: 'asn',
};

function indicatorsOf(observables: unknown): { indicators: Tree[]; skipped: string[] } {
  const indicators: Tree[] = [];
  const skipped: string[] = [];
  for (const [i, o] of (Array.isArray(observables) ? observables : []).entries()) {
    if (!isObject(o)) continue;
    const value = typeof o['data'] === 'string' ? o['data'].trim() : '';
    if (!value) { skipped.push(`observable ${i + 1} has no text \`data\` (attachments are not indicators)`); continue; }
    const dt = String(o['dataType'] ?? 'other');
    let type = DATA_TYPES[dt] ?? 'other';
    if (dt === 'ip') type = value.includes(':') ? 'ipv6' : 'ipv4';
    if (dt === 'hash') type = /^[a-f0-9]{64}$/i.test(value) ? 'sha256' : /^[a-f0-9]{40}$/i.test(value) ? 'sha1' : /^[a-f0-9]{32}$/i.test(value) ? 'md5' : 'other';
    const ind: Tree = { type, value };
    if (TLP[Number(o['tlp'])]) ind['tlp'] = TLP[Number(o['tlp'])];
    const desc = typeof o['message'] === 'string' && o['message'].trim() ? o['message'].trim() : type === 'other' ? `TheHive dataType ${dt}` : undefined;
    if (desc) ind['description'] = desc;
    indicators.push(ind);
  }
  return { indicators, skipped };
}

function customFields(raw: unknown): Tree {
  const out: Tree = {};
  if (Array.isArray(raw)) {
    for (const f of raw) if (isObject(f) && typeof f['name'] === 'string') out[f['name']] = f['value'] ?? null;
  } else if (isObject(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      const inner = isObject(v) ? Object.entries(v).find(([kk]) => kk !== 'order')?.[1] : v;
      out[k] = inner ?? null;
    }
  }
  return out;
}

/** `rsit:intrusions="system-compromise"` (MISP machine tag) → category. */
function rsitTag(tag: string): Tree | undefined {
  const m = /^rsit:([a-z-]+)="([a-z-]+)"$/.exec(tag);
  if (!m || !RSIT_TYPES[m[1]!]?.includes(m[2]!)) return undefined;
  return { class: m[1], type: m[2] };
}

/** Headings in a TheHive description become level 3+ so they cannot end or shadow `## Summary`. */
function demoteHeadings(md: string): string {
  let fence = false;
  return md.split('\n').map((l) => {
    if (/^ {0,3}(```|~~~)/.test(l)) fence = !fence;
    if (fence) return l;
    return l.replace(/^( {0,3})(#{1,6})(?=\s|$)/, (_m, sp: string, h: string) => `${sp}${'#'.repeat(Math.min(h.length + 2, 6))}`);
  }).join('\n');
}
