import { asArray, asRecord, asString, get, isPresent, timeOf, type Data } from '../model/access.ts';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.ts';
import { toDiagnostic, type Finding } from '../model/finding.ts';
import type { ParsedFile } from '../parse/incident-file.ts';
import { changedKeys, diffEntries, sameValue } from './entry-diff.ts';
import type { GateContext } from './gate-context.ts';
import { gateFindings } from './gates.ts';
import { phaseDef, type Lifecycle } from './lifecycle.ts';
import { classifyMove, shortcutHolds, type PhaseMove, type Step } from './phase-move.ts';
import { withheldReason } from '../validate/redaction.ts';

/**
 * Transition rules: what a change to one incident may do, judged from its base version, its head
 * version and the kind of change. Pure: the PR check (`incident check`) and the history replay
 * (`incident audit`) both call `checkTransition`. Rules are small generators of findings; a
 * finding about the base version (a deleted file) says so with `side: 'base'`.
 */
export type ChangeKind = 'added' | 'modified' | 'renamed' | 'deleted';

export interface TransitionInput {
  lifecycle: Lifecycle;
  kind: ChangeKind;
  /** Base version (absent for an added file); rules need its `data`. */
  base?: ParsedFile;
  /** Head version (absent for a deleted file). */
  head?: ParsedFile;
  /** Repository context for the gates (known ids, first-stage regimes). */
  gate?: Omit<GateContext, 'sections'>;
}

export interface ApprovalRequired {
  phase: string;
  from: string[];
}

export interface Transition {
  phaseBefore: string | null;
  phaseAfter: string | null;
  /** Phases left in this change, in order (their gates must hold at head). */
  gatesPassed: string[];
  approvalsRequired: ApprovalRequired[];
  diagnostics: Diagnostic[];
}

type Located = Finding & { side?: 'base' };

interface Ctx {
  lc: Lifecycle;
  kind: ChangeKind;
  base?: Data;
  head?: Data;
  baseFile?: ParsedFile;
  headFile?: ParsedFile;
  move: PhaseMove;
  gate: GateContext;
}

type Rule = (c: Ctx) => Iterable<Located>;

const TS = '2026-12-03T09:30:00Z';

/** A value as it may appear in a message: TLP:RED incidents and entries, and secrets, are withheld. */
function shown(data: Data | undefined, pointer: string, value: unknown): string {
  const why = withheldReason(data, pointer, value);
  return why ? `(withheld: ${why})` : String(value);
}

export function checkTransition(input: TransitionInput): Transition {
  const { lifecycle: lc, kind } = input;
  const base = input.base?.data;
  const head = input.head?.data;
  const first = lc.phases[0]!.id;
  const phaseBefore = base ? asString(base['phase']) ?? null : null;
  const phaseAfter = head ? asString(head['phase']) ?? null : null;
  // A new incident is judged as if it came from the first phase: an import that starts later has
  // passed (and must hold) every earlier gate.
  const from = kind === 'added' ? first : phaseBefore;
  const gate: GateContext = { ...input.gate, sections: input.head?.sections ?? [] };
  const gateHolds = (phase: string) => {
    const def = phaseDef(lc, phase);
    return !def || gateFindings(head!, def, gate).next().done === true;
  };
  const move: PhaseMove = head && from && phaseAfter ? classifyMove(lc, from, phaseAfter, head, gateHolds) : { kind: 'unknown' };
  const ctx: Ctx = { lc, kind, base, head, baseFile: input.base, headFile: input.head, move, gate };
  const located: Located[] = [];
  if (kind === 'deleted' ? input.base : head && (kind === 'added' || base)) for (const rule of RULES) located.push(...rule(ctx));
  const diagnostics = located.map((f) => toDiagnostic(f.side === 'base' ? input.base! : input.head!, f));
  const steps = move.kind === 'forward' ? move.steps : [];
  return {
    phaseBefore: kind === 'added' ? null : phaseBefore,
    phaseAfter: kind === 'deleted' ? null : phaseAfter,
    gatesPassed: steps.map((s) => s.from),
    approvalsRequired: kind === 'added' ? [] : approvals(lc, steps),
    diagnostics: sortDiagnostics(diagnostics),
  };
}

function approvals(lc: Lifecycle, steps: readonly Step[]): ApprovalRequired[] {
  return steps.flatMap((s) => {
    const a = phaseDef(lc, s.from)?.gate?.approval;
    return a ? [{ phase: s.from, from: [...a.from] }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// File-level rules: deletion, identity, renames, where a new incident starts.

function* fileDeleted(c: Ctx): Generator<Located> {
  if (c.kind !== 'deleted' || !c.baseFile) return;
  const id = c.base?.['id'];
  yield { side: 'base', rule: 'file/deleted', pointer: '/id', which: 'value',
    message: `incident file \`${c.baseFile.file}\`${typeof id === 'string' ? ` (id \`${id}\`)` : ''} was deleted; incident files are never deleted once merged`,
    hint: `Restore it: git checkout <base> -- ${c.baseFile.file}. An incident that turned out to be a false positive or a duplicate is closed, not removed: e.g. \`determination: false-positive\` with \`disposition_rationale\`, then \`phase: closed\`.` };
}

function* idUnchanged(c: Ctx): Generator<Located> {
  if (!c.base || !c.head || c.kind === 'added' || c.kind === 'deleted') return;
  const before = c.base['id'];
  const after = c.head['id'];
  if (sameValue(before, after)) return;
  const renamed = c.kind === 'renamed' ? ` (and the file was renamed from \`${c.baseFile!.file}\`)` : '';
  yield { rule: 'id/changed', pointer: '/id', which: 'value',
    message: `\`id\` changed from \`${String(before)}\` to \`${String(after)}\`${renamed}; the id of an incident never changes once merged`,
    hint: `Restore \`id: ${String(before)}\`${renamed ? ` and the file name \`${c.baseFile!.file}\`` : ''}. A different incident gets its own new file (npm run incident -- new); link the two with \`related_incidents\`.` };
}

function* renameReported(c: Ctx): Generator<Located> {
  if (c.kind !== 'renamed' || !c.base || !c.head || !sameValue(c.base['id'], c.head['id'])) return;
  const contentChanged = !sameValue(c.base, c.head) || c.baseFile!.body !== c.headFile!.body;
  yield { rule: 'file/renamed', severity: 'notice', pointer: '/id', which: 'value',
    message: `file renamed from \`${c.baseFile!.file}\`, keeping id \`${String(c.head['id'])}\`${contentChanged ? '; its content changed too' : '; content unchanged'}`,
    hint: 'Renames that keep the id are allowed; links to the old path (tickets, bookmarks) stop working. The file name must start with the id.' };
}

function* newIncidentStartsAtTheStart(c: Ctx): Generator<Located> {
  if (c.kind !== 'added' || !c.head) return;
  const first = c.lc.phases[0]!.id;
  const phase = c.head['phase'];
  if (phase === first || typeof phase !== 'string' || c.move.kind === 'unknown' || isPresent(c.head['provenance'])) return;
  yield { rule: 'transition/new-incident-phase', pointer: '/phase', which: 'value',
    message: `a new incident starts in phase \`${phase}\`; new incidents start in \`${first}\` (only imports carrying \`provenance\` may start later)`,
    hint: `Set \`phase: ${first}\` and advance through the gates in later pull requests (npm run incident -- advance <id>). For a record imported from another system add e.g. \`provenance: { source: thehive, original_id: "~4096", imported_at: ${TS} }\`.` };
}

function* phaseHistoryStarts(c: Ctx): Generator<Located> {
  if (c.kind !== 'added' || !c.head || isPresent(c.head['provenance']) || asArray(c.head['phase_history']).length) return;
  const phase = String(c.head['phase'] ?? c.lc.phases[0]!.id);
  yield { rule: 'phase-history/missing-entry', pointer: '/phase', which: 'key',
    message: `a new incident needs a \`phase_history\` entry for the phase it starts in (\`${phase}\`)`,
    hint: `Add \`phase_history:\n  - { phase: ${phase}, entered_at: ${TS}, by: a.ng }\`` };
}

// ---------------------------------------------------------------------------------------------
// Immutable fields and the frozen closed incident.

const IMMUTABLE = ['timestamps.detected_at', 'timestamps.reported_at'] as const;

function* immutableFields(c: Ctx): Generator<Located> {
  if (!c.base || !c.head) return;
  for (const field of IMMUTABLE) {
    const before = get(c.base, field);
    const after = get(c.head, field);
    if (!isPresent(before) || sameValue(before, after)) continue;
    const pointer = isPresent(after) ? `/${field.replace('.', '/')}` : `/${field.split('.')[0]}`;
    yield { rule: 'immutable/changed', pointer, which: isPresent(after) ? 'value' : 'key',
      message: isPresent(after)
        ? `\`${field}\` changed from ${shown(c.base, pointer, before)} to ${shown(c.head, pointer, after)}; it never changes once merged`
        : `\`${field}\` (${shown(c.base, pointer, before)}) was removed; it never changes once merged`,
      hint: `Restore \`${field.split('.').pop()}: ${shown(c.base, pointer, before)}\` (git show <base>:${c.baseFile!.file} has it). If the recorded time was wrong, keep it and record the correction as a new timeline entry, e.g. \`- { at: ${TS}, by: a.ng, kind: observation, entry: "Correction: detection was at ..." }\`.` };
  }
}

function closedPhases(lc: Lifecycle): Set<string> {
  return new Set(lc.phases.filter((p) => p.next.length === 0).map((p) => p.id));
}

function* closedIsFrozen(c: Ctx): Generator<Located> {
  if (!c.base || !c.head || c.move.kind !== 'same' || !closedPhases(c.lc).has(String(c.base['phase']))) return;
  const keys = [...new Set([...Object.keys(c.head), ...Object.keys(c.base)])].filter((k) => !sameValue(c.base![k], c.head![k]));
  const bodyLine = firstDifferentLine(c.baseFile!.body, c.headFile!.body);
  if (!keys.length && bodyLine === undefined) return;
  const what = [...keys.map((k) => `\`${k}\``), ...(bodyLine !== undefined ? ['the body'] : [])].join(', ');
  const hint = `Reopen it first: set \`phase\` to one of ${c.lc.reopen.to.map((p) => `\`${p}\``).join(', ')}, append \`- { phase: ${c.lc.reopen.to[c.lc.reopen.to.length - 1]}, entered_at: ${TS}, by: a.ng, reason: "new evidence ..." }\` to phase_history and a timeline entry saying why.`;
  const message = `the incident is closed and a closed incident is frozen until reopened, but this change edits ${what}`;
  const key = keys.find((k) => k in c.head!);
  if (key !== undefined) yield { rule: 'closed/frozen', pointer: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, which: 'key', message, hint };
  else if (bodyLine !== undefined) yield { rule: 'closed/frozen', line: c.headFile!.bodyStartLine + bodyLine, message, hint };
  else yield { rule: 'closed/frozen', pointer: '', which: 'key', message, hint };
}

function firstDifferentLine(a: string, b: string): number | undefined {
  if (a === b) return undefined;
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) if (la[i] !== lb[i]) return Math.min(i, Math.max(0, lb.length - 1));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Phase moves: forward through gates (and shortcuts), backwards only as a reopen, approvals.

function* forwardGatesHold(c: Ctx): Generator<Located> {
  if (c.move.kind !== 'forward' || !c.head) return;
  for (const step of c.move.steps) {
    const def = phaseDef(c.lc, step.from);
    if (def) yield* gateFindings(c.head, def, c.gate);
    if (!shortcutHolds(step, c.head)) {
      const sc = def?.shortcuts?.find((s) => s.to === step.to && s.when === step.shortcut);
      yield { rule: 'transition/shortcut-condition', pointer: '/phase', which: 'value',
        message: `the phase moves from \`${step.from}\` straight to \`${step.to}\` (shortcut \`${step.shortcut}\`), but its condition does not hold${sc?.description ? `: ${sc.description.trim()}` : ''}`,
        hint: `Either record why the shortcut applies (e.g. \`determination: false-positive\` and \`disposition_rationale: "..."\`), or move along the lifecycle: ${step.from} → ${phaseDef(c.lc, step.from)?.next.join(' | ')}.` };
    }
  }
}

function* approvalsNoticed(c: Ctx): Generator<Located> {
  if (c.move.kind !== 'forward' || c.kind === 'added') return;
  for (const a of approvals(c.lc, c.move.steps)) {
    const desc = phaseDef(c.lc, a.phase)?.gate?.approval?.description;
    yield { rule: 'approval/required', severity: 'notice', pointer: '/phase', which: 'value',
      message: `approval required from ${a.from.map((f) => `\`${f}\``).join(' or ')} to leave phase \`${a.phase}\`${desc ? ` (${desc.trim()})` : ''}`,
      hint: `Ask ${a.from.join(' or ')} to approve the pull request; the merge is blocked until an approving review is given.` };
  }
}

function* backwardsOnlyAsReopen(c: Ctx): Generator<Located> {
  if (c.move.kind !== 'back' || !c.base || !c.head) return;
  const before = String(c.base['phase']);
  const after = String(c.head['phase']);
  const { from, to } = c.lc.reopen;
  if (!isAllowedReopen(c.lc, before, after)) {
    yield { rule: 'transition/backwards', pointer: '/phase', which: 'value',
      message: `the phase moves back from \`${before}\` to \`${after}\`; moving back is only allowed as a reopen from ${list(from)} to ${list(to)}`,
      hint: `Keep \`phase: ${before}\` and record the new facts as timeline entries, e.g. \`- { at: ${TS}, by: a.ng, kind: observation, entry: "..." }\`${from.includes(before) ? `; or reopen to ${list(to)}: \`phase: ${to[to.length - 1]}\` plus \`- { phase: ${to[to.length - 1]}, entered_at: ${TS}, by: a.ng, reason: "..." }\` in phase_history and a timeline entry` : ''}.` };
    return;
  }
  const added = diffEntries(asArray(c.base['phase_history']), asArray(c.head['phase_history'])).added;
  const history = asArray(c.head['phase_history']);
  const entryIdx = added.find((j) => asRecord(history[j])['phase'] === after);
  if (entryIdx === undefined || !isPresent(asRecord(history[entryIdx])['reason'])) {
    yield { rule: 'transition/reopen-without-reason', pointer: entryIdx === undefined ? '/phase' : `/phase_history/${entryIdx}`, which: entryIdx === undefined ? 'value' : 'key',
      message: `the phase moves back from \`${before}\` to \`${after}\` without an explicit reopen: a new \`phase_history\` entry for \`${after}\` with a \`reason\` is required`,
      hint: `Append \`- { phase: ${after}, entered_at: ${TS}, by: a.ng, reason: "new evidence of lateral movement" }\` to phase_history.` };
  }
  if (!diffEntries(asArray(c.base['timeline']), asArray(c.head['timeline'])).added.length) {
    yield { rule: 'transition/reopen-without-timeline', pointer: '/timeline', which: 'key',
      message: `the incident is reopened (\`${before}\` → \`${after}\`) but no timeline entry records it`,
      hint: `Add e.g. \`- { at: ${TS}, by: a.ng, kind: decision, entry: "Reopened: new evidence of lateral movement." }\` to timeline.` };
  }
}

function isAllowedReopen(lc: Lifecycle, before: string, after: string): boolean {
  return lc.reopen.from.includes(before) && lc.reopen.to.includes(after);
}

function list(xs: readonly string[]): string {
  return xs.map((x) => `\`${x}\``).join(', ');
}

/** phase_history gains exactly one entry per phase entered, in order, not backdated, with `by`. */
function* phaseHistoryAgrees(c: Ctx): Generator<Located> {
  if (!c.base || !c.head || c.kind === 'added') return;
  const baseHist = asArray(c.base['phase_history']);
  const headHist = asArray(c.head['phase_history']);
  const added = diffEntries(baseHist, headHist).added;
  const expected = c.move.kind === 'forward' ? c.move.steps.map((s) => s.to) : c.move.kind === 'back' ? [String(c.head['phase'])] : c.move.kind === 'same' ? [] : undefined;
  if (!expected) return;
  const got = added.map((j) => String(asRecord(headHist[j])['phase']));
  const tailStart = headHist.length - added.length;
  const appendedAtEnd = added.every((j, n) => j === tailStart + n);
  // A move back that is no allowed reopen, or lacks its entry, is reported by backwardsOnlyAsReopen.
  const reopenReported = c.move.kind === 'back' && (!isAllowedReopen(c.lc, String(c.base['phase']), String(c.head['phase'])) || !got.includes(expected[0]!));
  if (!reopenReported && (got.join('\n') !== expected.join('\n') || !appendedAtEnd)) {
    const move = c.move.kind === 'same' ? `the phase stays \`${String(c.head['phase'])}\`` : `the phase moves from \`${String(c.base['phase'])}\` to \`${String(c.head['phase'])}\``;
    yield { rule: 'phase-history/mismatch', pointer: added.length ? `/phase_history/${added[0]}` : '/phase_history', which: 'key',
      message: `${move}, so \`phase_history\` must gain ${expected.length ? `one new entry at the end per phase entered: ${list(expected)}` : 'no entry'}; this change adds ${got.length ? list(got) : 'none'}${appendedAtEnd ? '' : ' (not at the end)'}`,
      hint: expected.length ? `Append ${expected.map((p) => `\`- { phase: ${p}, entered_at: ${TS}, by: a.ng }\``).join(', ')} (npm run incident -- advance <id> does this).` : 'Remove the new phase_history entries, or change `phase` to the phase they record.' };
  }
  let prev = timeOf(asRecord(headHist[tailStart - 1])['entered_at']);
  for (const j of added) {
    const e = asRecord(headHist[j]);
    const t = timeOf(e['entered_at']);
    if (t !== undefined && prev !== undefined && t < prev) {
      yield { rule: 'phase-history/backdated', pointer: `/phase_history/${j}/entered_at`, which: 'value',
        message: `new phase_history entry for \`${String(e['phase'])}\` was entered at ${shown(c.head, `/phase_history/${j}/entered_at`, e['entered_at'])}, before the entry preceding it; phases are entered in time order`,
        hint: 'Use the time the phase was actually entered (now, when advancing): it cannot be earlier than the previous entry.' };
    }
    if (t !== undefined) prev = t;
    if (!isPresent(e['by'])) {
      yield { rule: 'phase-history/missing-by', pointer: `/phase_history/${j}`, which: 'key',
        message: `new phase_history entry for \`${String(e['phase'])}\` does not say who moved the incident (\`by\`)`,
        hint: 'Add `by: <your handle>`, e.g. `by: a.ng`.' };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Append-only lists.

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

function* appendOnly(c: Ctx): Generator<Located> {
  if (!c.base || !c.head) return;
  for (const spec of APPEND_ONLY) yield* appendOnlyList(c, spec);
}

function* appendOnlyList(c: Ctx, spec: AppendOnlyList): Generator<Located> {
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
      hint: `${restore}, e.g. \`- { at: ${TS}, by: a.ng, kind: observation, entry: "Correction to the entry of ${shown(c.base, `/${spec.key}/${i}/${spec.time}`, asRecord(base[i])[spec.time] ?? '...')}: ..." }\` in the timeline.` };
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
    if (t === undefined || t >= lastMerged || isPresent(e['late_record'])) continue;
    yield { rule: 'append-only/backdated', pointer: `/${spec.key}/${j}/${spec.time}`, which: 'value',
      message: `new ${spec.label} is dated ${shown(c.head, `/${spec.key}/${j}/${spec.time}`, e[spec.time])}, before the latest merged one (${shown(c.base, `/${spec.key}`, new Date(lastMerged).toISOString().replace('.000Z', 'Z'))}); a backdated entry must say why it is recorded late`,
      hint: `If the time is right and the entry was simply recorded late, add \`late_record: "<why it is recorded only now>"\` to the entry; otherwise use the actual time.` };
  }
}

const RULES: readonly Rule[] = [
  fileDeleted, idUnchanged, renameReported, newIncidentStartsAtTheStart, phaseHistoryStarts, immutableFields,
  closedIsFrozen, forwardGatesHold, approvalsNoticed, backwardsOnlyAsReopen, phaseHistoryAgrees, appendOnly,
];
