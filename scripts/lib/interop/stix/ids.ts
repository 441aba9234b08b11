import { createHash } from 'node:crypto';

/** Namespace of incident-ledger's deterministic STIX ids (uuid v5 over a stable name). */
export const LEDGER_NAMESPACE = '6b1f3c2e-8d4a-4f7b-9e21-5c0a7d9e3b14';
/** The STIX 2.1 namespace for SCO ids (spec §2.9: uuid v5 over the canonical id-contributing properties). */
export const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(Buffer.concat([ns, Buffer.from(name, 'utf8')])).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `type--uuid` with a uuid derived from our own stable name for the object. */
export function stixId(type: string, name: string): string {
  return `${type}--${uuidV5(LEDGER_NAMESPACE, `${type}:${name}`)}`;
}

/** Deterministic SCO id per STIX 2.1: uuid v5 over the JSON of the id-contributing properties with sorted keys. */
export function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidV5(SCO_NAMESPACE, canonicalJson(contributing))}`;
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
