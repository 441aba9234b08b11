import type { Diagnostic } from '../../model/diagnostic.ts';
import { importBatch, type BatchOptions, type Diag, type SourceRecord } from '../batch.ts';
import type { Lifecycle } from '../../lifecycle/lifecycle.ts';
import { parseSections } from '../../parse/sections.ts';
import { fillSections } from '../body.ts';
import { importedId, ymdOf } from '../ids.ts';
import { supportedPhase } from '../phase.ts';
import { deepEqual, deletePath, getPath, isObject, leafPaths, safeClone, sortKeysDeep, type Tree } from '../tree.ts';
import {
  allMatches, DATA_CATEGORY, DETERMINATION, DISCOVERY_FALLBACK, DISCOVERY_RULES, firstMatch, INCIDENT_TYPE_RULES,
  PERSONAL_VARIETIES, PROPRIETARY_VARIETIES, RSIT_RULES, SEVERITY, strings, VECTOR_RULES, type Detection,
} from './crosswalk.ts';
import { addMs, durationMs, partialDate, resolveDate } from './dates.ts';
import { incidentToVeris, mappedVeris } from './export.ts';
import { splitReferences } from './references.ts';
import { summaryMarkdown } from './summary.ts';

export interface ImportOptions extends BatchOptions {
  /** When the import runs (RFC 3339, passed in: pure code reads no clock). */
  importedAt: string;
  importedBy: string;
  /** Incident commander of the imported incidents (default: importedBy). */
  owner?: string;
  /** TLP of the imported incidents; default TLP:CLEAR for the public VCDB, TLP:AMBER otherwise. */
  tlp?: string;
  /** Body of templates/incident.md: the Summary is filled, other sections keep their placeholders. */
  templateBody: string;
  lifecycle: Lifecycle;
  /** Base URL for provenance.url of every record (`<base><file name>`). */
  urlBase?: string;
  /** Base URL for provenance.url of VCDB records when urlBase is not given. */
  vcdbUrlBase?: string;
}

export interface ImportedIncident {
  id: string;
  /** Front matter in the canonical key order. */
  frontMatter: Tree;
  body: string;
  /** The source file the record came from. */
  source: string;
}

export interface ImportResult {
  incidents: ImportedIncident[];
  diagnostics: Diagnostic[];
}

export type { SourceRecord };

/**
 * VERIS records → incidents. Problems in the source (mismatched or duplicate ids, unusable dates,
 * unsafe keys) are diagnostics; a record is skipped only when it is not a VERIS object at all.
 */
export function importVeris(records: readonly SourceRecord[], opts: ImportOptions): ImportResult {
  return importBatch(records, opts, {
    prefix: 'veris', what: 'VERIS record',
    sourceId(value, name, diag) {
      if (!isObject(value)) {
        diag('veris/not-an-object', 'error', 'the file is not a VERIS record (a JSON object with incident_id, action, actor, asset, timeline)', 'Pass VERIS JSON files, e.g. a VCDB data/json/validated/*.json record.');
        return undefined;
      }
      const id = typeof value['incident_id'] === 'string' && value['incident_id'].trim() ? value['incident_id'] : undefined;
      if (!id) diag('veris/missing-id', 'warning', 'the record has no `incident_id`; the file name is used as the source id', 'VERIS requires incident_id, e.g. "incident_id": "6C3D7B5E-...".');
      else checkIds(name, value, id, diag);
      return id ?? name;
    },
    map: (value, sourceId, name, diag) => mapRecord(value as Tree, sourceId, name, opts, diag),
  });
}

function checkIds(name: string, record: Tree, sourceId: string, diag: Diag): void {
  const stem = name.slice(name.lastIndexOf('/') + 1).replace(/\.json$/i, '');
  const master = typeof getPath(record, ['plus', 'master_id']) === 'string' ? String(getPath(record, ['plus', 'master_id'])) : undefined;
  const looksLikeId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(stem);
  if (looksLikeId && stem.toLowerCase() !== sourceId.toLowerCase()) {
    diag('veris/mismatched-id', 'notice', `incident_id \`${sourceId}\` differs from the file name \`${stem}\`${master ? ` (plus.master_id is \`${master}\`)` : ''}; incident_id is kept as the source id`, 'Nothing to do unless the file was renamed by mistake; provenance.original_id records incident_id.');
  } else if (master && master.toLowerCase() !== sourceId.toLowerCase()) {
    diag('veris/mismatched-id', 'notice', `incident_id \`${sourceId}\` differs from plus.master_id \`${master}\`; incident_id is kept as the source id`, 'Nothing to do; both stay in the imported record (master_id under veris.plus).');
  }
}

function mapRecord(record: Tree, sourceKey: string, name: string, opts: ImportOptions, diag: Diag): ImportedIncident {
  const action = isObject(record['action']) ? record['action'] : {};
  const attribute = isObject(record['attribute']) ? record['attribute'] : {};
  const conf = isObject(attribute['confidentiality']) ? attribute['confidentiality'] : {};
  const varieties = Array.isArray(conf['data']) ? conf['data'].map((d) => (isObject(d) ? String(d['variety'] ?? '') : '')) : [];
  const disclosure = typeof conf['data_disclosure'] === 'string' ? conf['data_disclosure'] : undefined;

  // When: partial incident date → occurred_at (first instant), durations → later instants.
  const date = partialDate(getPath(record, ['timeline', 'incident']));
  const resolved = date ? resolveDate(date) : undefined;
  if (!resolved) diag('veris/no-incident-date', 'warning', '`timeline.incident.year` is missing or not a plausible year; occurred_at is not set', 'VERIS requires timeline.incident.year, e.g. "timeline": {"incident": {"year": 2024}}.');
  const timestamps: Tree = {};
  if (resolved) timestamps['occurred_at'] = resolved.iso;
  const dayPrecise = resolved && (resolved.precision === 'day' || resolved.precision === 'time');
  const discovery = durationMs(getPath(record, ['timeline', 'discovery']));
  if (resolved && dayPrecise && discovery !== undefined) {
    timestamps['detected_at'] = addMs(resolved.iso, discovery);
    const containment = durationMs(getPath(record, ['timeline', 'containment']));
    if (containment !== undefined) timestamps['contained_at'] = addMs(timestamps['detected_at'] as string, containment);
  }

  const ymd = resolved ? ymdOf(resolved.iso) : ymdOf(createdOr(record, opts.importedAt));
  const id = importedId(ymd, sourceKey, opts.takenIds);
  const detection = detectionOf(record['discovery_method']);
  if (!detection.known) diag('veris/discovery-unknown', 'notice', '`discovery_method` does not say how the incident was found; detection_method is set to `human-review` (the schema requires one)', 'Correct detection_method once known; the VERIS value stays under veris.discovery_method.');

  const fm: Tree = {
    schema_version: '1.0', id, title: titleOf(record, resolved?.iso.slice(0, 4)), phase: 'detection',
    phase_history: [], tlp: opts.tlp ?? (record['source_id'] === 'vcdb' ? 'TLP:CLEAR' : 'TLP:AMBER'),
    determination: DETERMINATION[String(record['security_incident'])] ?? 'suspected',
    detection_method: detection.to.method,
    reporter: { name: detection.label, kind: detection.to.kind },
    owner: opts.owner ?? opts.importedBy,
    timestamps,
    occurred_at_confidence: resolved?.confidence ?? 'unknown',
  };
  const rating = getPath(record, ['impact', 'overall_rating']);
  if (typeof rating === 'string' && SEVERITY[rating]) fm['severity'] = SEVERITY[rating];
  const rsit = firstMatch(RSIT_RULES, action);
  if (rsit) fm['category'] = { class: rsit.class, type: rsit.type };
  const information = informationImpact(varieties, disclosure);
  if (information.length) fm['impact'] = { information };
  fm['attack_vector'] = firstMatch(VECTOR_RULES, action) ?? 'unknown';
  const types = new Set(allMatches(INCIDENT_TYPE_RULES, action));
  if (disclosure === 'Yes') types.add('unauthorized-release');
  if (types.size) fm['incident_types'] = [...types].sort();
  fm['suspected_malicious'] = maliciousOf(action);
  const jurisdictions = jurisdictionsOf(record['victim']);
  if (jurisdictions.length) fm['scope'] = { jurisdictions };
  const personal = personalData(varieties, disclosure, conf['data_total']);
  if (personal) fm['personal_data'] = personal;
  if (varieties.includes('Medical')) fm['phi'] = { involved: true };
  if (varieties.includes('Payment')) fm['cardholder_data'] = { involved: true };
  if (strings(getPath(action, ['malware', 'variety'])).includes('Ransomware') || strings(getPath(action, ['social', 'variety'])).includes('Extortion')) fm['ransom'] = { demanded: true };
  const cause = rootCauseOf(action);
  if (cause) fm['root_cause'] = { category: cause };
  const amount = getPath(record, ['impact', 'overall_amount']);
  const currency = getPath(record, ['impact', 'iso_currency_code']);
  if (typeof amount === 'number' && amount >= 0 && typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)) fm['costs'] = { currency, direct: amount, estimated: true };
  if (typeof record['reference'] === 'string') {
    const refs = splitReferences(record['reference']);
    if (refs.length) fm['references'] = refs;
  }
  const urlBase = opts.urlBase ?? (record['source_id'] === 'vcdb' ? opts.vcdbUrlBase : undefined);
  fm['provenance'] = {
    source: record['source_id'] === 'vcdb' ? 'vcdb' : 'veris', original_id: sourceKey, imported_at: opts.importedAt,
    imported_by: opts.importedBy, ...(urlBase ? { url: `${urlBase}${name.slice(name.lastIndexOf('/') + 1)}` } : {}),
  };

  const summary = typeof record['summary'] === 'string' ? record['summary'] : '';
  const body = fillSections(opts.templateBody, { Summary: summaryMarkdown(summary) });
  const sections = parseSections(body, 1);

  // What our fields hold exactly leaves the remainder; everything else stays verbatim under `veris`.
  const remainder = safeClone(record) as Tree;
  const mapped = mappedVeris(fm, sections);
  for (const path of leafPaths(mapped)) {
    const original = getPath(record, path);
    if (original !== undefined && deepEqual(original, getPath(mapped, path))) deletePath(remainder, path);
  }
  fm['veris'] = sortKeysDeep(remainder);

  const phase = supportedPhase(opts.lifecycle, fm, { sections });
  fm['phase'] = phase;
  fm['phase_history'] = [{ phase, entered_at: opts.importedAt, by: opts.importedBy, reason: `imported from VERIS record ${sourceKey}` }];

  // Self-check: the inverse must give the record back; say so loudly if it does not.
  const back = incidentToVeris(fm, sections);
  if (!deepEqual(back, sortKeysDeep(record))) {
    const paths = new Set([...leafPaths(back), ...leafPaths(record)].map((p) => p.join('.')));
    const differ = [...paths].filter((p) => !deepEqual(getPath(back, p.split('.')), getPath(record, p.split('.')))).sort();
    diag('veris/round-trip', 'warning', `exporting ${id} back to VERIS does not reproduce the source record at ${differ.slice(0, 5).map((p) => `\`${p}\``).join(', ')}${differ.length > 5 ? ` and ${differ.length - 5} more` : ''} (the export fills VERIS-required fields the record lacks)`, 'Complete the source record (VERIS requires incident_id, schema_version, summary, security_incident, timeline, actor, action, asset, discovery_method), or accept the filled-in values.');
  }
  return { id, frontMatter: fm, body, source: name };
}

function createdOr(record: Tree, fallback: string): string {
  const c = getPath(record, ['plus', 'created']);
  return typeof c === 'string' && /^\d{4}-\d\d-\d\d/.test(c) ? c : fallback;
}

function detectionOf(raw: unknown): { to: Detection; label: string; known: boolean } {
  const dm = isObject(raw) ? raw : {};
  for (const rule of DISCOVERY_RULES) {
    const block = dm[rule.category];
    if (!isObject(block)) continue;
    const vs = strings(block['variety']);
    if (rule.varieties && !rule.varieties.some((v) => vs.includes(v))) continue;
    const label = `VERIS discovery: ${rule.category}${vs.length ? ` (${vs.join(', ')})` : ''}`;
    return { to: rule.to, label, known: vs.some((v) => v !== 'Unknown') };
  }
  return { to: DISCOVERY_FALLBACK, label: `VERIS discovery: ${Object.keys(dm)[0] ?? 'unknown'}`, known: false };
}

const CATEGORY_LABEL: Record<string, string> = {
  hacking: 'Hacking', malware: 'Malware', social: 'Social', error: 'Error', misuse: 'Misuse', physical: 'Physical',
  environmental: 'Environmental', unknown: 'Unknown action',
};

function titleOf(record: Tree, year: string | undefined): string {
  const action = isObject(record['action']) ? record['action'] : {};
  const parts = Object.keys(action).filter((k) => CATEGORY_LABEL[k]).slice(0, 2).map((k) => {
    const vs = strings(getPath(action, [k, 'variety'])).filter((v) => v !== 'Unknown');
    return vs.length ? `${CATEGORY_LABEL[k]} (${vs.slice(0, 2).join(', ')})` : CATEGORY_LABEL[k]!;
  });
  const assets = getPath(record, ['asset', 'assets']);
  const asset = Array.isArray(assets) ? assets.map((a) => (isObject(a) ? String(a['variety'] ?? '') : '')).find((v) => v && !/Unknown$/.test(v)) : undefined;
  let title = `${parts.join(' and ') || 'Incident'}${asset ? ` affecting ${asset}` : ''}${year ? `, ${year}` : ''}`;
  if (title.length > 120) title = `${title.slice(0, 119).replace(/\s+\S*$/, '')}…`;
  return title.length >= 5 ? title : `Imported incident ${title}`;
}

function informationImpact(varieties: string[], disclosure: string | undefined): string[] {
  const out: string[] = [];
  if (disclosure === 'Yes' && varieties.some((v) => PERSONAL_VARIETIES.has(v))) out.push('privacy-data-breach');
  if (disclosure === 'Yes' && varieties.some((v) => PROPRIETARY_VARIETIES.has(v))) out.push('proprietary-information-breach');
  if (!out.length && (disclosure === 'Potentially' || (disclosure === 'Yes' && varieties.length > 0))) out.push('suspected-but-not-identified');
  return out;
}

function personalData(varieties: string[], disclosure: string | undefined, total: unknown): Tree | undefined {
  if (!varieties.length && !disclosure) return undefined;
  const personal = varieties.some((v) => PERSONAL_VARIETIES.has(v));
  const involved = personal && disclosure === 'Yes' ? 'yes' : personal || varieties.includes('Unknown') || disclosure === 'Potentially' || disclosure === 'Unknown' ? 'unknown' : 'no';
  const out: Tree = { involved };
  const cats = [...new Set(varieties.map((v) => DATA_CATEGORY[v]).filter((c): c is string => !!c))].sort();
  if (cats.length && involved !== 'no') out['categories'] = cats;
  if (involved !== 'no' && personal && typeof total === 'number' && Number.isSafeInteger(total) && total >= 0) out['records_estimate'] = total;
  return out;
}

const MALICIOUS = ['hacking', 'malware', 'social', 'misuse', 'physical'];
function maliciousOf(action: Tree): string {
  const cats = Object.keys(action);
  if (cats.some((c) => MALICIOUS.includes(c))) return 'yes';
  if (cats.length && cats.every((c) => c === 'error' || c === 'environmental')) return 'no';
  return 'unknown';
}

function rootCauseOf(action: Tree): string | undefined {
  const cats = Object.keys(action);
  if (cats.some((c) => MALICIOUS.includes(c))) return 'malicious-actions';
  if (cats.includes('error')) return 'human-errors';
  if (cats.includes('environmental')) return 'natural-phenomena';
  return undefined;
}

function jurisdictionsOf(victim: unknown): string[] {
  if (!isObject(victim)) return [];
  const countries = strings(victim['country']).filter((c) => /^[A-Z]{2}$/.test(c));
  const state = typeof victim['state'] === 'string' && /^[A-Z0-9]{1,3}$/.test(victim['state']) ? victim['state'] : undefined;
  return countries.length === 1 && state ? [countries[0]!, `${countries[0]}-${state}`] : countries;
}
