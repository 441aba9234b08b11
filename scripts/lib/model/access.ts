/** Small readers over loosely-typed front matter: rules run on data that may not match the schema. */
export type Data = Record<string, unknown>;

/** Split dotted paths, cached: gates ask for the same few dozen paths on every file. */
const splitCache = new Map<string, readonly string[]>();

export function get(data: unknown, dotted: string): unknown {
  let keys = splitCache.get(dotted);
  if (!keys) {
    keys = dotted.split('.');
    if (splitCache.size < 10_000) splitCache.set(dotted, keys);
  }
  let cur: unknown = data;
  for (const key of keys) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Data)[key];
  }
  return cur;
}

export function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asRecord(v: unknown): Data {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {};
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|([+-])(\d\d):(\d\d))$/;

/**
 * Milliseconds since the epoch for an RFC 3339 date-time with offset (what the schema's
 * `timestamp` accepts); undefined otherwise. Calendar-impossible values (30 February, 25:00) are
 * undefined too: Date.parse would silently roll them over into March or the next day.
 */
export function timeOf(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  // Memoised: each timestamp is compared by several rules and gates. Bounded, and pure.
  // One lookup per call (NaN stands for "not a time" in the cache).
  const cached = timeCache.get(v);
  if (cached !== undefined) return Number.isNaN(cached) ? undefined : cached;
  const t = parseTime(v);
  if (timeCache.size >= 50_000) timeCache.clear();
  timeCache.set(v, t ?? Number.NaN);
  return t;
}

const timeCache = new Map<string, number>();

function parseTime(v: string): number | undefined {
  const m = RFC3339.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) return undefined;
  if (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59)) return undefined;
  const offsetMin = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  const ms = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  // A leap second (:60) counts as the last instant of its minute.
  return Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), s === 60 ? 999 : ms) - offsetMin * 60_000;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** `/a/b/0` from dotted `a.b` plus optional index. */
export function pointerFromDotted(dotted: string): string {
  return dotted.split('.').map((s) => `/${s}`).join('');
}
