import { publicHolidays, type HolidayCalendar } from './holidays.ts';
import { daysInMonth, fromLocal, isoDate, toLocal, weekday, type LocalDateTime } from './zoned-time.ts';

export type Unit = 'calendar-hours' | 'calendar-days' | 'calendar-months' | 'business-days';

/** Where a period is counted: the wall clock of `timeZone`, and the working days of `holidays`. */
export interface CountingFrame {
  timeZone: string;
  holidays?: HolidayCalendar;
  /** Business days end at this local time (`HH:MM`); default the end of the day (24:00). */
  dayEndsAt?: string;
}

const HOUR = 3_600_000;

/**
 * `start` plus `offset` `unit`s — conservative: the period runs from the exact instant, not from
 * the next full hour or day (Reg. 1182/71 would start later; we alert earlier, never later).
 * - calendar hours: elapsed time, so a daylight-saving change does not stretch or shrink it;
 * - calendar days / months: same local wall-clock time `offset` days / months later in the frame's
 *   time zone; a month whose day does not exist clamps to the month's last day (31 Jan + 1 month
 *   = 28/29 Feb);
 * - business days: see addBusinessDays.
 */
export function addPeriod(start: number, offset: number, unit: Unit, frame: CountingFrame): number {
  switch (unit) {
    case 'calendar-hours':
      return start + offset * HOUR;
    case 'calendar-days': {
      const l = toLocal(start, frame.timeZone);
      return fromLocal({ ...l, day: l.day + offset }, frame.timeZone);
    }
    case 'calendar-months': {
      const l = toLocal(start, frame.timeZone);
      const total = l.year * 12 + (l.month - 1) + offset;
      const year = Math.floor(total / 12);
      const month = (total % 12) + 1;
      return fromLocal({ ...l, year, month, day: Math.min(l.day, daysInMonth(year, month)) }, frame.timeZone);
    }
    case 'business-days':
      return addBusinessDays(start, offset, frame);
  }
}

/** True when the local date is a Saturday, Sunday or a public holiday of the frame's calendar. */
export function isNonWorkingDay(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>, holidays: HolidayCalendar | undefined): boolean {
  const wd = weekday(l);
  if (wd === 0 || wd === 6) return true;
  return holidays ? publicHolidays(holidays, l.year).has(isoDate(l)) : false;
}

/**
 * `n` business days after the event, due at the end of the n-th business day (or `dayEndsAt`).
 * The day of the event does not count; when the event falls on a non-business day, the period
 * begins on and includes the first business day after it (SEC Form 8-K General Instruction B.1) —
 * which counting "days after" from the event day gives without a special case.
 */
export function addBusinessDays(start: number, n: number, frame: CountingFrame): number {
  const l = toLocal(start, frame.timeZone);
  let cursor = { year: l.year, month: l.month, day: l.day };
  let counted = 0;
  while (counted < n) {
    const next = new Date(Date.UTC(cursor.year, cursor.month - 1, cursor.day + 1));
    cursor = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
    if (!isNonWorkingDay(cursor, frame.holidays)) counted++;
  }
  return endOfLocalDay(cursor, frame);
}

/** The instant a local day ends: `dayEndsAt` that day, or midnight starting the next day. */
export function endOfLocalDay(d: Pick<LocalDateTime, 'year' | 'month' | 'day'>, frame: CountingFrame): number {
  const [h, m] = (frame.dayEndsAt ?? '24:00').split(':').map(Number) as [number, number];
  return fromLocal({ ...d, hour: h, minute: m, second: 0, ms: 0 }, frame.timeZone);
}

/**
 * Relief for a deadline that falls on a non-working day: 12:00 noon of the next working day
 * (DORA RTS 2025/301 Art 5(4)). Returns `due` unchanged when it falls on a working day.
 */
export function noonNextWorkingDay(due: number, frame: CountingFrame): number {
  const l = toLocal(due, frame.timeZone);
  if (!isNonWorkingDay(l, frame.holidays)) return due;
  let cursor = { year: l.year, month: l.month, day: l.day };
  while (isNonWorkingDay(cursor, frame.holidays)) {
    const next = new Date(Date.UTC(cursor.year, cursor.month - 1, cursor.day + 1));
    cursor = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
  }
  return fromLocal({ ...cursor, hour: 12, minute: 0, second: 0, ms: 0 }, frame.timeZone);
}
