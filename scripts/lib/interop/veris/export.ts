import { asArray, asRecord, asString, get, type Data } from '../../model/access.ts';
import { findSection, type Section } from '../../parse/sections.ts';
import { sectionText } from '../body.ts';
import { isObject, mergePreferBase, sortKeysDeep, type Tree } from '../tree.ts';
import { ACTION_OF_CLASS, DISCOVERY_RULES, OVERALL_RATING, SECURITY_INCIDENT } from './crosswalk.ts';
import { joinReferences } from './references.ts';
import { EMPTY_SUMMARY } from './summary.ts';

export const VERIS_SCHEMA_VERSION = '1.4.0';

/**
 * Incident → VERIS record (the inverse of the import). Two layers:
 * 1. values our fields hold exactly (ids, summary, determination, references, countries, record
 *    counts, overall rating, amounts) are rebuilt from our fields: edits made after an import flow out;
 * 2. the `veris` block (what the import could not map exactly) is laid on top and wins where it
 *    holds a value. An incident that never came from VERIS has no `veris` block; its actor, action,
 *    asset, attribute, discovery method and timeline are derived from our fields instead.
 */
export function incidentToVeris(fm: Data, sections: readonly Section[]): Tree {
  const remainder = asRecord(fm['veris']);
  const mapped = mappedVeris(fm, sections);
  const derived = Object.keys(remainder).length ? {} : derivedVeris(fm);
  return sortKeysDeep(mergePreferBase(remainder, mergePreferBase(mapped, derived))) as Tree;
}

/** The VERIS values our fields hold exactly (layer 1). */
export function mappedVeris(fm: Data, sections: readonly Section[]): Tree {
  const out: Tree = {};
  const prov = asRecord(fm['provenance']);
  const fromVeris = prov['source'] === 'veris' || prov['source'] === 'vcdb';
  out['incident_id'] = fromVeris && asString(prov['original_id']) ? prov['original_id'] : fm['id'];
  if (prov['source'] === 'vcdb') out['source_id'] = 'vcdb';
  out['schema_version'] = VERIS_SCHEMA_VERSION;
  const summary = sectionText(findSection(sections, 'Summary')?.content);
  if (summary !== undefined) out['summary'] = summary === EMPTY_SUMMARY ? '' : unescapeMarkdown(summary);
  const si = SECURITY_INCIDENT[String(fm['determination'])];
  if (si) out['security_incident'] = si;
  const refs = asArray(fm['references']).filter((r): r is string => typeof r === 'string');
  if (refs.length) out['reference'] = joinReferences(refs);
  const jur = asArray(get(fm, 'scope.jurisdictions')).filter((j): j is string => typeof j === 'string');
  const countries = jur.filter((j) => /^[A-Z]{2}$/.test(j));
  const states = jur.filter((j) => /^[A-Z]{2}-/.test(j));
  if (countries.length) out['victim'] = { country: countries, ...(states.length === 1 ? { state: states[0]!.slice(3) } : {}) };
  const records = get(fm, 'personal_data.records_estimate');
  if (typeof records === 'number') out['attribute'] = { confidentiality: { data_total: records } };
  const rating = OVERALL_RATING[String(fm['severity'])];
  const costs = asRecord(fm['costs']);
  const impact: Tree = {};
  if (rating) impact['overall_rating'] = rating;
  if (typeof costs['direct'] === 'number') { impact['overall_amount'] = costs['direct']; impact['iso_currency_code'] = costs['currency']; }
  if (Object.keys(impact).length) out['impact'] = impact;
  return out;
}

/** VERIS blocks derived from our fields for incidents that never were VERIS records (layer 3). */
function derivedVeris(fm: Data): Tree {
  const out: Tree = {};
  const occurred = asString(get(fm, 'timestamps.occurred_at')) ?? asString(get(fm, 'timestamps.detected_at'));
  if (occurred && /^\d{4}-\d\d-\d\d/.test(occurred)) {
    const utc = new Date(Date.parse(occurred));
    const exact = fm['occurred_at_confidence'] === 'exact';
    out['timeline'] = { incident: { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate(),
      ...(exact ? { time: utc.toISOString().slice(11, 19) } : {}) } };
  }
  const action = ACTION_OF_CLASS[String(get(fm, 'category.class'))] ?? 'unknown';
  out['action'] = { [action]: action === 'unknown' ? {} : { variety: ['Unknown'] } };
  const kind = String(get(fm, 'reporter.kind'));
  const rule = DISCOVERY_RULES.find((r) => r.to.method === fm['detection_method'] && (r.to.kind === kind || kind === 'automated'));
  out['discovery_method'] = rule ? { [rule.category]: { variety: [rule.varieties?.[0] ?? 'Unknown'] } } : { unknown: true };
  const malicious = fm['suspected_malicious'];
  out['actor'] = malicious === 'no' ? { internal: { variety: ['Unknown'], motive: ['NA'] } } : { unknown: {} };
  out['asset'] = { assets: [{ variety: 'Unknown' }] };
  const involved = get(fm, 'personal_data.involved');
  if (involved === 'yes' || involved === 'unknown') {
    const conf = { data: [{ variety: 'Personal' }], data_disclosure: involved === 'yes' ? 'Yes' : 'Unknown' };
    out['attribute'] = { confidentiality: conf };
  }
  return out;
}

/** Undoes the escaping of markdownParagraphs (a backslash before a block-syntax line start). */
function unescapeMarkdown(text: string): string {
  return text.split('\n').map((l) => l.replace(/^( {0,3})\\(?=#|=|-|\*|_|`|~|<)/, '$1')).join('\n');
}

export function isVerisRecord(v: unknown): v is Tree {
  return isObject(v);
}
