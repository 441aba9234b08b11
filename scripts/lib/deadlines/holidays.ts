import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';

// Loaded on first use (~120 ms, most of it rule data): most runs never count business days.
const require = createRequire(import.meta.url);
let holidaysClass: typeof HolidaysClass | undefined;
function Holidays(): typeof HolidaysClass {
  return (holidaysClass ??= require('date-holidays') as typeof HolidaysClass);
}

/** A public-holiday calendar: ISO 3166 country and optional subdivision (date-holidays ids). */
export interface HolidayCalendar {
  country: string;
  state?: string;
}

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The public holidays (`YYYY-MM-DD`, local dates, observed substitute days included) of `cal` in
 * `year`. date-holidays keeps the rules (moving feasts, observed-on-Friday substitutes) maintained;
 * only `public` days count, so bank-only or observance days never shorten a statutory period.
 */
export function publicHolidays(cal: HolidayCalendar, year: number): ReadonlySet<string> {
  const key = `${cal.country}/${cal.state ?? ''}/${year}`;
  let days = cache.get(key);
  if (!days) {
    const H = Holidays();
    const hd = cal.state ? new H(cal.country, cal.state, { types: ['public'] }) : new H(cal.country, { types: ['public'] });
    const list = hd.getHolidays(year) || [];
    days = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    cache.set(key, days);
  }
  return days;
}

/** True when date-holidays knows the country (and subdivision, when given). */
export function isKnownCalendar(cal: HolidayCalendar): boolean {
  const hd = new (Holidays())();
  const countries = hd.getCountries();
  if (!countries || !(cal.country in countries)) return false;
  if (!cal.state) return true;
  const states = hd.getStates(cal.country);
  return Boolean(states && cal.state in states);
}
