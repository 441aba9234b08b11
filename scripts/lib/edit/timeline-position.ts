import { asArray, asRecord, timeOf } from '../model/access.ts';

/**
 * Where a timeline entry at `at` belongs so the timeline stays in time order: after every entry at
 * or before it. `late` is true when entries already recorded come after it (the entry is recorded
 * late and needs a `late_record` reason).
 */
export function timelinePosition(data: Record<string, unknown>, at: string): { index: number; late: boolean } {
  const t = timeOf(at);
  const list = asArray(data['timeline']);
  if (t === undefined) return { index: list.length, late: false };
  let index = list.length;
  while (index > 0) {
    const prev = timeOf(asRecord(list[index - 1])['at']);
    if (prev === undefined || prev <= t) break;
    index--;
  }
  return { index, late: index < list.length };
}
