/**
 * VERIS dates are partial (`timeline.incident` has a year, often a month, sometimes a day and a
 * time) and durations are `{unit, value}`. Our timestamps are full RFC 3339 instants, so:
 * - `occurred_at` is the FIRST instant of the period given (year only → 1 January 00:00Z; year and
 *   month → the 1st of the month), with `occurred_at_confidence: estimated` unless day and time
 *   are both known (`exact`). The partial date itself is kept verbatim under `veris.timeline`.
 * - a duration becomes an instant only when it is derivable without guessing: a day-precise start
 *   and a unit no coarser than weeks. Months and years have no fixed length: not derived.
 */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  time?: string;
}

export interface ResolvedDate {
  iso: string;
  confidence: 'exact' | 'estimated';
  precision: 'year' | 'month' | 'day' | 'time';
}

export function partialDate(raw: unknown): PartialDate | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const year = intOf(r['year']);
  if (year === undefined || year < 1900 || year > 9999) return undefined;
  const month = intOf(r['month']);
  const day = intOf(r['day']);
  const time = typeof r['time'] === 'string' && /^\d{2}:\d{2}(:\d{2})?$/.test(r['time']) ? r['time'] : undefined;
  const out: PartialDate = { year };
  if (month !== undefined && month >= 1 && month <= 12) {
    out.month = month;
    if (day !== undefined && day >= 1 && day <= daysIn(year, month)) {
      out.day = day;
      if (time) out.time = time;
    }
  }
  return out;
}

export function resolveDate(d: PartialDate): ResolvedDate {
  const y = String(d.year).padStart(4, '0');
  const m = String(d.month ?? 1).padStart(2, '0');
  const day = String(d.day ?? 1).padStart(2, '0');
  const t = d.time ? (d.time.length === 5 ? `${d.time}:00` : d.time) : '00:00:00';
  const precision = d.time ? 'time' : d.day ? 'day' : d.month ? 'month' : 'year';
  return { iso: `${y}-${m}-${day}T${t}Z`, confidence: precision === 'time' ? 'exact' : 'estimated', precision };
}

const UNIT_MS: Record<string, number> = {
  Seconds: 1000, Minutes: 60_000, Hours: 3_600_000, Days: 86_400_000, Weeks: 7 * 86_400_000,
};

/** Milliseconds of a VERIS duration, when its unit has a fixed length and the value is a number. */
export function durationMs(raw: unknown): number | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const unit = typeof r['unit'] === 'string' ? r['unit'] : undefined;
  const value = typeof r['value'] === 'number' ? r['value'] : typeof r['value'] === 'string' && /^\d+(\.\d+)?$/.test(r['value']) ? Number(r['value']) : undefined;
  if (!unit || value === undefined || !(unit in UNIT_MS) || value < 0) return undefined;
  return Math.round(value * UNIT_MS[unit]!);
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString().replace('.000Z', 'Z');
}

function intOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,4}$/.test(v)) return Number(v);
  return undefined;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
