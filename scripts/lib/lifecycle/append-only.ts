import { asArray, asRecord, isPresent, timeOf, type Data } from '../model/access.ts';
import { changedKeys, diffEntries } from './entry-diff.ts';
import { isPlaceholder } from '../parse/sections.ts';
import { EXAMPLE_TIME, shown, type Located, type TransitionContext } from './transition-context.ts';

/** Append-only lists: which entries are frozen once merged, and how they may grow. */

interface AppendOnlyList {
  key: string;
  label: string;
  /** The entry's own time, used for backdating. */
  time: string;
  /** Whether a merged entry is frozen (a planned notification without sent_at is not). */
  frozen: (entry: Data) => boolean;
  /** Whether new entries may carry `late_record` to be backdated (phase_history: never). */
  lateRecord: boolean;
}

const APPEND_ONLY: readonly AppendOnlyList[] = [
  { key: 'timeline', label: 'timeline entry', time: 'at', frozen: () => true, lateRecord: true },
  { key: 'phase_history', label: 'phase_history entry', time: 'entered_at', frozen: () => true, lateRecord: false },
  { key: 'notifications', label: 'sent notification', time: 'sent_at', frozen: (e) => isPresent(e['sent_at']), lateRecord: true },
  { key: 'regimes', label: 'regime decision', time: 'decided_at', frozen: (e) => isPresent(e['applicable']) && e['applicable'] !== 'undetermined', lateRecord: true },
];

/** Merged entries of timeline, phase_history, sent notifications and regime decisions are never edited,
 * removed or reordered; new entries are not dated before the latest merged one unless `late_record`. */
export function* appendOnly(c: TransitionContext): Generator<Located> {
  if (!c.base || !c.head) return;
  for (const spec of APPEND_ONLY) yield* appendOnlyList(c, spec);
}

function* appendOnlyList(c: TransitionContext, spec: AppendOnlyList): Generator<Located> {
  const base = asArray(c.base![spec.key]);
  const head = asArray(c.head![spec.key]);
  if (!base.length && !head.length) return;
  const diff = diffEntries(base, head);
  const frozen = (i: number) => spec.frozen(asRecord(base[i]));
  const describe = (e: unknown, i: number) => {
    const at = asRecord(e)[spec.time];
    return `${spec.label} ${i + 1}${isPresent(at) ? ` (${spec.time} ${shown(c.base, `/${spec.key}/${i}/${spec.time}`, at)})` : ''}`;
  };
  const restore = 'Restore it exactly as merged; corrections are new entries';
  for (const [i, j] of diff.edited) {
    if (!frozen(i)) continue;
    const keys = changedKeys(base[i], head[j]);
    const firstKey = keys.find((k) => k in asRecord(head[j]));
    yield { rule: 'append-only/edited', pointer: firstKey ? `/${spec.key}/${j}/${firstKey}` : `/${spec.key}/${j}`, which: firstKey ? 'value' : 'key',
      message: `${describe(base[i], i)} was edited (${keys.map((k) => `\`${k}\``).join(', ')} changed); merged entries of \`${spec.key}\` are never edited`,
      hint: `${restore}, e.g. \`- { at: ${EXAMPLE_TIME}, by: a.ng, kind: observation, entry: "Correction to the entry of ${shown(c.base, `/${spec.key}/${i}/${spec.time}`, asRecord(base[i])[spec.time] ?? '...')}: ..." }\` in the timeline.` };
  }
  for (const i of diff.removed) {
    if (!frozen(i)) continue;
    const baseLine = c.baseFile!.locate(`/${spec.key}/${i}`, 'key').line;
    const j = Math.min(i, head.length - 1);
    yield { rule: 'append-only/removed', pointer: j >= 0 ? `/${spec.key}/${j}` : `/${spec.key}`, which: 'key',
      message: `${describe(base[i], i)} (line ${baseLine} in the base version) was removed; merged entries of \`${spec.key}\` are never removed`,
      hint: `${restore} (git show <base>:${c.baseFile!.file} shows the original).` };
  }
  for (const [i, j] of diff.moved) {
    if (!frozen(i)) continue;
    yield { rule: 'append-only/reordered', pointer: `/${spec.key}/${j}`, which: 'key',
      message: `${describe(base[i], i)} was moved to position ${j + 1}; merged entries of \`${spec.key}\` keep their order`,
      hint: 'Put the entry back where it was; new entries go after the merged ones (a late entry carries `late_record` with the reason).' };
  }
  if (!spec.lateRecord) return;
  // New facts: added entries, and planned entries that became frozen (a notification now sent).
  const fresh = [...diff.added, ...diff.edited.filter(([i]) => !frozen(i)).map(([, j]) => j)];
  const lastMerged = Math.max(-Infinity, ...base.filter((_, i) => frozen(i)).map((e) => timeOf(asRecord(e)[spec.time]) ?? -Infinity));
  for (const j of fresh.sort((a, b) => a - b)) {
    const e = asRecord(head[j]);
    if (!spec.frozen(e)) continue;
    const t = timeOf(e[spec.time]);
    // A reason is a sentence: `TODO` or `...` is none.
    if (t === undefined || t >= lastMerged || (isPresent(e['late_record']) && !isPlaceholder(String(e['late_record'])))) continue;
    yield { rule: 'append-only/backdated', pointer: `/${spec.key}/${j}/${spec.time}`, which: 'value',
      message: `new ${spec.label} is dated ${shown(c.head, `/${spec.key}/${j}/${spec.time}`, e[spec.time])}, before the latest merged one (${shown(c.base, `/${spec.key}`, new Date(lastMerged).toISOString().replace('.000Z', 'Z'))}); a backdated entry must say why it is recorded late`,
      hint: `If the time is right and the entry was simply recorded late, add \`late_record: "<why it is recorded only now>"\` to the entry; otherwise use the actual time.` };
  }
}

/** Clock skew tolerated between whoever wrote an entry and the machine running the check. */
const SKEW_MS = 5 * 60_000;

/**
 * Entries record what has happened: a new timeline entry, notice, phase entry or regime decision
 * dated after the time of the check (a notice "sent" next week would satisfy gates and deadlines
 * now) is refused. Needs the check's time; validate, which has no clock, does not judge this.
 */
export function* noFutureEntries(c: TransitionContext): Generator<Located> {
  if (c.now === undefined || !c.head) return;
  const now = new Date(c.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const spec of APPEND_ONLY) {
    const head = asArray(c.head[spec.key]);
    const diff = diffEntries(asArray(c.base?.[spec.key]), head);
    const fresh = [...diff.added, ...diff.edited.map(([, j]) => j)];
    for (const j of fresh.sort((a, b) => a - b)) {
      const t = timeOf(asRecord(head[j])[spec.time]);
      if (t === undefined || t <= c.now + SKEW_MS) continue;
      yield { rule: 'append-only/future', pointer: `/${spec.key}/${j}/${spec.time}`, which: 'value',
        message: `new ${spec.label} is dated ${shown(c.head, `/${spec.key}/${j}/${spec.time}`, asRecord(head[j])[spec.time])}, after the time of this check (${now}); entries record what has already happened`,
        hint: `Use the time it actually happened; record a planned notice without \`${spec.time}\` until it is sent.` };
    }
  }
}
