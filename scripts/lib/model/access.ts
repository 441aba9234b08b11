/** Small readers over loosely-typed front matter: rules run on data that may not match the schema. */
export type Data = Record<string, unknown>;

export function get(data: unknown, dotted: string): unknown {
  let cur: unknown = data;
  for (const key of dotted.split('.')) {
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

/** Milliseconds since the epoch for an RFC 3339 timestamp with offset; undefined otherwise. */
export function timeOf(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** `/a/b/0` from dotted `a.b` plus optional index. */
export function pointerFromDotted(dotted: string): string {
  return dotted.split('.').map((s) => `/${s}`).join('');
}
