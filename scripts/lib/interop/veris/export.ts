import { asArray, asRecord, asString, get, timeOf, type Data } from '../../model/access.ts';
import type { Section } from '../../parse/sections.ts';
import { summaryWithin } from '../body.ts';
import { mergePreferBase, sortKeysDeep, type Tree } from '../tree.ts';
import { ACTION_OF_CLASS, OVERALL_RATING, RSIT_RULES, SECURITY_INCIDENT } from './crosswalk.ts';
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
export function incidentToVeris(fm: Data, sections: readonly Section[], maxTlp = 'TLP:RED'): Tree {
  const remainder = asRecord(fm['veris']);
  const mapped = mappedVeris(fm, sections, maxTlp);
  const derived = Object.keys(remainder).length ? {} : derivedVeris(fm);
  return sortKeysDeep(mergePreferBase(remainder, mergePreferBase(mapped, derived))) as Tree;
}

/** The VERIS values our fields hold exactly (layer 1). */
export function mappedVeris(fm: Data, sections: readonly Section[], maxTlp = 'TLP:RED'): Tree {
  const out: Tree = {};
  const prov = asRecord(fm['provenance']);
  const fromVeris = prov['source'] === 'veris' || prov['source'] === 'vcdb';
  out['incident_id'] = fromVeris && asString(prov['original_id']) ? prov['original_id'] : fm['id'];
  if (prov['source'] === 'vcdb') out['source_id'] = 'vcdb';
  out['schema_version'] = VERIS_SCHEMA_VERSION;
  // A Summary labelled above --max-tlp is left out, as the reports withhold it.
  const summary = summaryWithin(sections, fm['tlp'], maxTlp);
  if (summary !== undefined) out['summary'] = summary === EMPTY_SUMMARY ? '' : unescapeMarkdown(summary);
  const si = SECURITY_INCIDENT[String(fm['determination'])];
  if (si) out['security_incident'] = si;
  const refs = asArray(fm['references']).filter((r): r is string => typeof r === 'string');
  if (refs.length) out['reference'] = joinReferences(refs);
  const jur = asArray(get(fm, 'scope.jurisdictions')).filter((j): j is string => typeof j === 'string');
  const countries = jur.filter((j) => /^[A-Z]{2}$/.test(j));
  const states = jur.filter((j) => /^[A-Z]{2}-/.test(j));
  if (countries.length) out['victim'] = { country: countries, ...(states.length === 1 ? { state: states[0]!.slice(3) } : {}) };
  // The final count once known, the estimate until then (the import fills the estimate).
  const records = get(fm, 'personal_data.records_final') ?? get(fm, 'personal_data.records_estimate');
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
  const ts = asRecord(fm['timestamps']);
  const occurred = timeOf(ts['occurred_at']) ?? timeOf(ts['detected_at']);
  if (occurred !== undefined) {
    const utc = new Date(occurred);
    const exact = fm['occurred_at_confidence'] === 'exact';
    const timeline: Tree = { incident: { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate(),
      ...(exact ? { time: utc.toISOString().slice(11, 19) } : {}) } };
    const detected = timeOf(ts['detected_at']);
    const contained = timeOf(ts['contained_at']);
    if (timeOf(ts['occurred_at']) !== undefined && detected !== undefined) timeline['discovery'] = verisDuration(detected - occurred);
    if (detected !== undefined && contained !== undefined) timeline['containment'] = verisDuration(contained - detected);
    out['timeline'] = timeline;
  }
  out['action'] = actionOf(String(get(fm, 'category.class')), String(get(fm, 'category.type')));
  out['discovery_method'] = discoveryOf(String(fm['detection_method']), String(get(fm, 'reporter.kind')));
  const malicious = fm['suspected_malicious'];
  out['actor'] = malicious === 'no' ? { internal: { variety: ['Unknown'], motive: ['NA'] } } : { unknown: {} };
  out['asset'] = { assets: [{ variety: 'Unknown' }] };
  const involved = get(fm, 'personal_data.involved');
  if (involved === 'yes' || involved === 'unknown') {
    const cats = asArray(get(fm, 'personal_data.categories')).map(String);
    const payment = get(fm, 'cardholder_data.involved') === true;
    const varieties = [...new Set(cats.map((c) => (c === 'financial' && payment ? 'Payment' : DATA_VARIETY[c] ?? 'Personal')))].sort();
    out['attribute'] = { confidentiality: { data: (varieties.length ? varieties : ['Personal']).map((variety) => ({ variety })), data_disclosure: involved === 'yes' ? 'Yes' : 'Unknown' } };
  }
  return out;
}

/** Our personal-data category → VERIS data variety (the inverse of DATA_CATEGORY, Personal by default). */
const DATA_VARIETY: Readonly<Record<string, string>> = { identifiers: 'Personal', health: 'Medical', financial: 'Bank', credentials: 'Credentials', 'special-category': 'Sensitive Personal' };

/** The VERIS action an RSIT class/type most likely came from: the first crosswalk row that yields it. */
function actionOf(cls: string, type: string): Tree {
  const rule = RSIT_RULES.find((r) => r.to.class === cls && r.to.type === type);
  const action = rule?.action ?? ACTION_OF_CLASS[cls] ?? 'unknown';
  if (action === 'unknown') return { unknown: {} };
  return { [action]: { variety: [rule?.varieties?.[0] ?? 'Unknown'] } };
}

/** Our detection method back to a VERIS discovery method; varieties only where the method names one. */
function discoveryOf(method: string, kind: string): Tree {
  const named: Record<string, [string, string]> = {
    'message-from-attacker': ['external', 'Actor disclosure'], 'law-enforcement': ['external', 'Law enforcement'], 'user-reporting': ['internal', 'Reported by employee'],
  };
  const hit = named[method];
  if (hit) return { [hit[0]]: { variety: [hit[1]] } };
  const category = method === 'third-party-notification' ? (kind === 'partner' ? 'partner' : 'external') : method === 'automated-tool' || method === 'human-review' || method === 'system-outage' ? 'internal' : undefined;
  return category ? { [category]: { variety: ['Unknown'] } } : { unknown: true };
}

/** Milliseconds → VERIS {unit, value} in the largest unit that holds at least one whole step. */
function verisDuration(ms: number): Tree {
  if (ms < 0) return { unit: 'Unknown' };
  const units: [string, number][] = [['Days', 86_400_000], ['Hours', 3_600_000], ['Minutes', 60_000], ['Seconds', 1000]];
  for (const [unit, size] of units) if (ms >= size) return { unit, value: Math.floor(ms / size) };
  return { unit: 'Seconds', value: 0 };
}

/** Undoes the escaping of markdownParagraphs (a backslash before a block-syntax line start). */
function unescapeMarkdown(text: string): string {
  return text.split('\n').map((l) => l.replace(/^( {0,3})\\(?=#|=|-|\*|_|`|~|<)/, '$1')).join('\n');
}
