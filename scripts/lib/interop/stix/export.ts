import { asArray, asRecord, asString, get, timeOf, type Data } from '../../model/access.ts';
import type { Section } from '../../parse/sections.ts';
import { summaryWithin } from '../body.ts';
import { scoId, stixId } from './ids.ts';
import { tlpMarking, tlpRank, TLP_MARKING_IDS } from './tlp.ts';

export const INCIDENT_CORE_EXTENSION = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';

export interface StixInput { data: Data; sections: readonly Section[] }
export interface StixOptions {
  /** Name of the producing organisation (the bundle's identity). */
  producer: string;
  /** Strictest TLP that may leave in the bundle; stricter incidents and indicators are left out. */
  maxTlp: string;
}
export interface StixResult { bundle: Record<string, unknown>; skipped: { id: string; reason: string }[] }

/** Organisation severity → incident-core criticality (Appendix A, 5-level scale). */
const CRITICALITY: Record<string, number> = { sev1: 95, sev2: 80, sev3: 60, sev4: 35, sev5: 10 };

/**
 * Incidents → one STIX 2.1 bundle: the producer identity, the TLP 2.0 marking definitions in use,
 * per incident an `incident` with the incident-core extension, and per indicator an `indicator`
 * (STIX pattern), its cyber observable and `related-to` relationships to the incident. Ids are
 * uuid v5 over stable names and times come from the incidents, so the same input gives the same
 * bytes.
 */
export function incidentsToStix(inputs: readonly StixInput[], opts: StixOptions): StixResult {
  const identityId = stixId('identity', opts.producer);
  const objects: Record<string, unknown>[] = [];
  const markings = new Set<string>();
  const skipped: { id: string; reason: string }[] = [];
  const max = tlpRank(opts.maxTlp);
  const created: string[] = [];
  const sorted = [...inputs].sort((a, b) => String(a.data['id']).localeCompare(String(b.data['id'])));
  for (const { data, sections } of sorted) {
    const id = String(data['id']);
    if (tlpRank(data['tlp']) > max) { skipped.push({ id, reason: `${String(data['tlp'])} is stricter than --max-tlp ${opts.maxTlp}` }); continue; }
    const times = allTimes(data);
    const first = stixTime(times[0] ?? '1970-01-01T00:00:00Z');
    const last = stixTime(times[times.length - 1] ?? '1970-01-01T00:00:00Z');
    created.push(first);
    const incidentId = stixId('incident', id);
    const tlp = String(data['tlp']);
    markings.add(tlp);
    objects.push(incidentObject(data, sections, { incidentId, identityId, first, last, tlp, maxTlp: opts.maxTlp }));
    for (const [i, raw] of asArray(data['indicators']).entries()) {
      const ind = asRecord(raw);
      const itlp = asString(ind['tlp']) ?? tlp;
      if (tlpRank(itlp) > max) { skipped.push({ id: `${id} indicator ${i + 1}`, reason: `${itlp} is stricter than --max-tlp ${opts.maxTlp}` }); continue; }
      const obs = observable(String(ind['type']), String(ind['value']));
      if (!obs) { skipped.push({ id: `${id} indicator ${i + 1}`, reason: `type \`${String(ind['type'])}\` has no STIX pattern` }); continue; }
      markings.add(itlp);
      const marking = [TLP_MARKING_IDS[itlp]!];
      const indicatorId = stixId('indicator', `${id}/${String(ind['type'])}/${String(ind['value'])}`);
      const common = { spec_version: '2.1', created_by_ref: identityId, created: first, modified: last, object_marking_refs: marking };
      objects.push({
        type: 'indicator', ...common, id: indicatorId, name: `${String(ind['type'])}: ${String(ind['value'])}`,
        ...(asString(ind['description']) ? { description: ind['description'] } : {}),
        indicator_types: ['malicious-activity'], pattern: obs.pattern, pattern_type: 'stix', pattern_version: '2.1', valid_from: first,
      });
      if (obs.sco) objects.push({ ...obs.sco, spec_version: '2.1', object_marking_refs: marking });
      objects.push(relationship(indicatorId, incidentId, common));
      if (obs.sco) objects.push(relationship(String(obs.sco['id']), incidentId, common));
    }
  }
  const firstCreated = created.sort()[0] ?? '1970-01-01T00:00:00.000Z';
  const identity = { type: 'identity', spec_version: '2.1', id: identityId, created: firstCreated, modified: firstCreated, name: opts.producer, identity_class: 'organization' };
  const markingObjects = [...markings].sort((a, b) => tlpRank(a) - tlpRank(b)).map(tlpMarking);
  const all = [identity, ...markingObjects, ...dedupe(objects)];
  const bundleId = stixId('bundle', sorted.map((s) => String(s.data['id'])).join(','));
  return { bundle: { type: 'bundle', id: bundleId, objects: all }, skipped };
}

interface Ctx { incidentId: string; identityId: string; first: string; last: string; tlp: string; maxTlp: string }

function incidentObject(data: Data, sections: readonly Section[], ctx: Ctx): Record<string, unknown> {
  const ext: Record<string, unknown> = {
    extension_type: 'property-extension',
    determination: data['determination'] ?? 'suspected',
    investigation_status: data['phase'] === 'closed' ? 'closed' : data['phase'] === 'detection' ? 'new' : 'open',
  };
  const crit = CRITICALITY[String(data['severity'])];
  if (crit !== undefined) ext['criticality'] = crit;
  if (asString(data['detection_method'])) ext['detection_methods'] = [data['detection_method']];
  const types = asArray(data['incident_types']).filter((t) => typeof t === 'string');
  if (types.length) ext['incident_types'] = types;
  const rec = get(data, 'impact.recoverability');
  if (typeof rec === 'string') ext['recoverability'] = rec;
  const occurred = asString(get(data, 'timestamps.occurred_at'));
  if (occurred && timeOf(occurred) !== undefined) ext['first_seen'] = stixTime(occurred);
  const subjects = get(data, 'personal_data.subjects_final') ?? get(data, 'personal_data.subjects_estimate');
  if (typeof subjects === 'number') ext['impacted_entity_counts'] = { individual: subjects };
  const summary = summaryWithin(sections, data['tlp'], ctx.maxTlp);
  return {
    type: 'incident', spec_version: '2.1', id: ctx.incidentId, created_by_ref: ctx.identityId, created: ctx.first, modified: ctx.last,
    name: data['title'], ...(summary ? { description: summary } : {}),
    external_references: externalReferences(data),
    object_marking_refs: [TLP_MARKING_IDS[ctx.tlp]],
    extensions: { [INCIDENT_CORE_EXTENSION]: ext },
  };
}

function externalReferences(data: Data): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{ source_name: 'incident-ledger', external_id: data['id'] }];
  const prov = asRecord(data['provenance']);
  if (asString(prov['original_id'])) out.push({ source_name: String(prov['source']), external_id: prov['original_id'], ...(asString(prov['url']) ? { url: prov['url'] } : {}) });
  for (const r of asArray(data['references'])) {
    if (typeof r !== 'string') continue;
    out.push(/^https?:\/\/\S+$/i.test(r) ? { source_name: 'reference', url: r } : { source_name: 'reference', description: r });
  }
  return out;
}

function relationship(source: string, target: string, common: Record<string, unknown>): Record<string, unknown> {
  return { type: 'relationship', ...common, id: stixId('relationship', `${source}->${target}`), relationship_type: 'related-to', source_ref: source, target_ref: target };
}

/** Our indicator type → a STIX pattern and, where one exists, the cyber observable it matches. */
export function observable(type: string, value: string): { pattern: string; sco?: Record<string, unknown> } | undefined {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const simple = (t: string) => ({ pattern: `[${t}:value = ${q(value)}]`, sco: { type: t, id: scoId(t, { value }), value } });
  switch (type) {
    case 'ipv4': return simple('ipv4-addr');
    case 'ipv6': return simple('ipv6-addr');
    case 'domain': return simple('domain-name');
    case 'url': return simple('url');
    case 'email': return simple('email-addr');
    case 'sha256': case 'sha1': case 'md5': {
      const algo = type === 'sha256' ? 'SHA-256' : type === 'sha1' ? 'SHA-1' : 'MD5';
      const hashes = { [algo]: value };
      return { pattern: `[file:hashes.${algo.includes('-') ? `'${algo}'` : algo} = ${q(value)}]`, sco: { type: 'file', id: scoId('file', { hashes }), hashes } };
    }
    case 'file-name': return { pattern: `[file:name = ${q(value)}]`, sco: { type: 'file', id: scoId('file', { name: value }), name: value } };
    case 'asn': {
      const n = Number(/^(?:AS)?(\d{1,10})$/i.exec(value)?.[1]);
      if (!Number.isSafeInteger(n)) return undefined;
      return { pattern: `[autonomous-system:number = ${n}]`, sco: { type: 'autonomous-system', id: scoId('autonomous-system', { number: n }), number: n } };
    }
    case 'user-agent': return { pattern: `[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = ${q(value)}]` };
    default: return undefined;
  }
}

/** Every valid timestamp in the incident, sorted (for created/modified). */
function allTimes(data: Data): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string' && /(_at|^at|entered_at)$/.test(key) && timeOf(v) !== undefined) out.push(new Date(timeOf(v)!).toISOString());
    else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'veris' && k !== 'thehive') walk(x, k);
  };
  walk(data, '');
  return out.sort();
}

/** RFC 3339 → STIX timestamp (UTC, millisecond precision). */
export function stixTime(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

function dedupe(objects: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  return objects.filter((o) => (seen.has(String(o['id'])) ? false : (seen.add(String(o['id'])), true)));
}
