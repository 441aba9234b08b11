import { asArray, asRecord, timeOf, type Data } from '../model/access.ts';

/**
 * The notices already recorded in `notifications` for the same regime (or stakeholder) and stage as
 * `notice`, with their index and sent_at; `exact` is the index of one that is `notice` itself — the
 * same recipient at the same instant — which would only repeat it.
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
 * The same notice: the same recipient at the same instant (party and stage are checked by the
 * caller), whatever else either entry records (reference, channel, sent_by).
 */
function sameEntry(a: Readonly<Data>, b: Readonly<Data>): boolean {
  const x = timeOf(a['sent_at']);
  return x !== undefined && x === timeOf(b['sent_at']) && String(a['recipient']) === String(b['recipient']);
}

/** Whether `sentAt` is earlier than a notice already recorded as sent (a backdated entry). */
export function sentBeforeRecorded(notifications: unknown, sentAt: string): boolean {
  const t = timeOf(sentAt);
  return t !== undefined && asArray(notifications).some((n) => (timeOf(asRecord(n)['sent_at']) ?? -Infinity) > t);
}
