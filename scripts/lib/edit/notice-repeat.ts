import { asArray, asRecord, timeOf, type Data } from '../model/access.ts';

/**
 * The notices already recorded in `notifications` for the same regime (or stakeholder) and stage as
 * `notice`, with their index and sent_at; `exact` is the index of one that is `notice` itself — the
 * same recipient at the same instant, or the same keys with the same values — which would only repeat it.
 */
export function recordedNotices(notifications: unknown, notice: Readonly<Data>): { same: { index: number; sent_at: string | undefined }[]; exact: number | undefined } {
  const same: { index: number; sent_at: string | undefined }[] = [];
  let exact: number | undefined;
  for (const [index, raw] of asArray(notifications).entries()) {
    const n = asRecord(raw);
    const party = notice['regime_id'] !== undefined ? n['regime_id'] === notice['regime_id'] : n['stakeholder'] === notice['stakeholder'] && n['regime_id'] === undefined;
    if (!party || n['stage'] !== notice['stage']) continue;
    same.push({ index, sent_at: n['sent_at'] === undefined ? undefined : String(n['sent_at']) });
    if (exact === undefined && sameEntry(n, notice)) exact = index;
  }
  return { same, exact };
}

/**
 * The same notice: the same recipient sent to at the same instant (for the same party and stage,
 * checked by the caller), whatever else either entry records (reference, channel, sent_by) — a
 * second entry would only repeat it; and every key the new one gives agrees.
 */
function sameEntry(a: Readonly<Data>, b: Readonly<Data>): boolean {
  const x = timeOf(a['sent_at']);
  if (x !== undefined && x === timeOf(b['sent_at']) && String(a['recipient']) === String(b['recipient'])) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    if (!Object.hasOwn(b, k)) return false;
    if (k === 'sent_at') {
      const [x, y] = [timeOf(a[k]), timeOf(b[k])];
      return x !== undefined && x === y;
    }
    return typeof a[k] !== 'object' && typeof b[k] !== 'object' && String(a[k]) === String(b[k]);
  });
}
