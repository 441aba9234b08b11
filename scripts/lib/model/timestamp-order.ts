import { asRecord, timeOf, type Data } from './access.ts';
import type { Finding } from './finding.ts';
import { labelOf } from '../render/report/tlp.ts';

/** `after` must not be earlier than `before` (both under `timestamps`); `why` finishes the sentence. */
export function timestampOrderFinding(data: Data, before: string, after: string, why: string): Finding | undefined {
  const ts = asRecord(data['timestamps']);
  const a = timeOf(ts[before]);
  const b = timeOf(ts[after]);
  if (a === undefined || b === undefined || b >= a) return undefined;
  // A TLP:RED record's times are not echoed (a missing or invalid label counts as red).
  const red = labelOf(data['tlp']) === 'TLP:RED';
  const shown = (k: string) => (red ? '' : ` (${String(ts[k])})`);
  return { rule: 'timestamps/order', pointer: `/timestamps/${after}`, which: 'value',
    message: `\`timestamps.${after}\`${shown(after)} is earlier than \`timestamps.${before}\`${shown(before)}; ${why}`,
    hint: 'Correct whichever is wrong. Times are RFC 3339 with an offset: 10:00+01:00 is 09:00Z.' };
}
