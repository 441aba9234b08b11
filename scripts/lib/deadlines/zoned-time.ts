/**
 * Wall-clock arithmetic in an IANA time zone. Node 20 has no Temporal, and the only thing we need is
 * "local date/time of an instant" and "instant of a local date/time", which Intl already knows; a
 * library (luxon, date-fns-tz) would add a dependency for two functions.
 */
export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * True when `tz` is a time zone this runtime knows. The canonical list answers in ~2 ms; making a
 * formatter (needed for aliases such as US/Eastern) first loads ICU's zone data, ~15 ms at every
 * start of a verb that only reads the catalogue (validate, check).
 */
export function isKnownTimeZone(tz: string): boolean {
  if ((canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'))).has(tz)) return true;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

let canonicalZones: Set<string> | undefined;

/** The wall-clock reading in `timeZone` at instant `ms`. */
export function toLocal(ms: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year']!, month: parts['month']!, day: parts['day']!,
    hour: parts['hour']! % 24, minute: parts['minute']!, second: parts['second']!,
    ms: ((ms % 1000) + 1000) % 1000,
  };
}

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds. */
export function offsetAt(ms: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.ms) - ms;
}

/**
 * The instant whose wall clock in `timeZone` reads `l`. Date.UTC normalises overflowing fields
 * (day 32 → next month). A wall time skipped by a spring-forward change resolves to the instant one
 * offset later (02:30 that does not exist → 03:30), a repeated one to its first occurrence.
 */
export function fromLocal(l: LocalDateTime, timeZone: string): number {
  const naive = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.ms);
  const HALF_DAY = 12 * 3_600_000;
  // The offsets in force half a day either side bracket any single transition.
  const before = naive - offsetAt(naive - HALF_DAY, timeZone);
  const after = naive - offsetAt(naive + HALF_DAY, timeZone);
  const valid = [before, after].filter((c) => c + offsetAt(c, timeZone) === naive);
  return valid.length ? Math.min(...valid) : before;
}

/** `YYYY-MM-DD` of a local date. */
export function isoDate(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  return `${String(l.year).padStart(4, '0')}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/** Day of week of a local date, 0 = Sunday. */
export function weekday(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): number {
  return new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay();
}

/** Days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** RFC 3339 in UTC without milliseconds when they are zero: the one format rows carry. */
export function isoUtc(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}
