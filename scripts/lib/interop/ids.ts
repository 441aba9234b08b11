import { createHash } from 'node:crypto';

/** Crockford base32 (no I, L, O, U): the alphabet of the random part of our ids. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Our id for an imported record: INC-<yyyymmdd>-<XXXX>, the suffix derived from the source system's
 * id so that importing the same record twice yields the same id (reproducible imports). On a
 * collision with an id already taken (another incident, or a duplicate source id in the same batch)
 * the source key is salted with a counter, still deterministically.
 */
export function importedId(ymd: string, sourceKey: string, taken: ReadonlySet<string>): string {
  for (let salt = 0; ; salt++) {
    const key = salt === 0 ? sourceKey : `${sourceKey}#${salt}`;
    const id = `INC-${ymd}-${suffix(key)}`;
    if (!taken.has(id)) return id;
  }
}

function suffix(key: string): string {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  // 4 characters x 5 bits from the first 20 bits of the digest.
  const bits = (digest[0]! << 12) | (digest[1]! << 4) | (digest[2]! >> 4);
  let out = '';
  for (let i = 3; i >= 0; i--) out += CROCKFORD[(bits >> (i * 5)) & 31];
  return out;
}

/** `2014-07-30T19:04:08Z` → `20140730` (UTC). */
export function ymdOf(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '');
}
