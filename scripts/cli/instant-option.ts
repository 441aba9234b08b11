import { timeOf } from '../lib/model/access.ts';

/**
 * An instant given on the command line (`--at`): RFC 3339 with an offset, seconds optional
 * (`2026-11-19T12:00Z`), and a real calendar time — 30 February or 24:00 are refused rather than
 * rolled over into March or the next day, as the record itself is checked.
 */
export function instantOption(value: string): number | undefined {
  const withSeconds = value.replace(/^(\d{4}-\d\d-\d\d[Tt]\d\d:\d\d)(?=[Zz+-])/, '$1:00');
  return timeOf(withSeconds);
}
