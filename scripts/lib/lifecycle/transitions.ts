import { isTlp, labelOf, maxTlp, tlpRank } from '../render/report/tlp.ts';
import { sectionLabels } from '../parse/tlp-marker.ts';
import { asArray, asRecord, asString, get, isPresent, timeOf } from '../model/access.ts';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.ts';
import { toDiagnostic } from '../model/finding.ts';
import type { ParsedFile } from '../parse/incident-file.ts';
import { diffEntries, sameValue } from './entry-diff.ts';
import type { GateContext } from './gate-context.ts';
import { gateFindings } from './gates.ts';
import { phaseDef, type Lifecycle } from './lifecycle.ts';
import { classifyMove, shortcutHolds, type PhaseMove, type Step } from './phase-move.ts';
import { appendOnly, noFutureEntries } from './append-only.ts';
import { EXAMPLE_TIME, shown, type ChangeKind, type Located, type TransitionContext, type TransitionRule } from './transition-context.ts';

/**
 * Transition rules: what a change to one incident may do, judged from its base version, its head
 * version and the kind of change. Pure: the PR check (`incident check`) and the history replay
 * (`incident audit`) both call `checkTransition`. Rules are small generators of findings; a
 * finding about the base version (a deleted file) says so with `side: 'base'`.
 */
export type { ChangeKind };

export interface TransitionInput {
  lifecycle: Lifecycle;
  kind: ChangeKind;
  /** Base version (absent for an added file); rules need its `data`. */
  base?: ParsedFile;
  /** Head version (absent for a deleted file). */
  head?: ParsedFile;
  /** Repository context for the gates (known ids, first-stage regimes). */
  gate?: Omit<GateContext, 'sections'>;
  /** The time of the check (ms): new entries may not be dated after it. */
  now?: number;
}

export interface ApprovalRequired {
  phase: string;
  from: string[];
}

export interface Transition {
  phaseBefore: string | null;
  phaseAfter: string | null;
  /** Phases left in this change whose gates hold at head, in order. A gate that fails is not
   * "passed" (its findings say what is missing), so reviewers are never told otherwise. */
  gatesPassed: string[];
  approvalsRequired: ApprovalRequired[];
  diagnostics: Diagnostic[];
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
  const ctx: TransitionContext = { lc, kind, base, head, baseFile: input.base, headFile: input.head, move, gate, ...(input.now !== undefined ? { now: input.now } : {}) };
  const located: Located[] = [];
  if (kind === 'deleted' ? input.base : head && (kind === 'added' || base)) for (const rule of RULES) located.push(...rule(ctx));
  const diagnostics = located.map((f) => toDiagnostic(f.side === 'base' ? input.base! : input.head!, f));
  const steps = move.kind === 'forward' ? move.steps : [];
  return {
    phaseBefore: kind === 'added' ? null : phaseBefore,
    phaseAfter: kind === 'deleted' ? null : phaseAfter,
    gatesPassed: steps.filter((s) => gateHolds(s.from)).map((s) => s.from),
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

function* fileDeleted(c: TransitionContext): Generator<Located> {
  if (c.kind !== 'deleted' || !c.baseFile) return;
  const id = c.base?.['id'];
  yield { side: 'base', rule: 'file/deleted', pointer: '/id', which: 'value',
    message: `incident file \`${c.baseFile.file}\`${typeof id === 'string' ? ` (id \`${id}\`)` : ''} was deleted; incident files are never deleted once merged`,
    hint: `Restore it: git checkout <base> -- ${c.baseFile.file}. An incident that turned out to be a false positive or a duplicate is closed, not removed: e.g. \`determination: false-positive\` with \`disposition_rationale\`, then \`phase: closed\`.` };
}

function* idUnchanged(c: TransitionContext): Generator<Located> {
  if (!c.base || !c.head || c.kind === 'added' || c.kind === 'deleted') return;
  const before = c.base['id'];
  const after = c.head['id'];
  if (sameValue(before, after)) return;
  const renamed = c.kind === 'renamed' ? ` (and the file was renamed from \`${c.baseFile!.file}\`)` : '';
  yield { rule: 'id/changed', pointer: '/id', which: 'value',
    message: `\`id\` changed from \`${String(before)}\` to \`${String(after)}\`${renamed}; the id of an incident never changes once merged`,
    hint: `Restore \`id: ${String(before)}\`${renamed ? ` and the file name \`${c.baseFile!.file}\`` : ''}. A different incident gets its own new file (npm run incident -- new); link the two with \`related_incidents\`.` };
}

function* renameReported(c: TransitionContext): Generator<Located> {
  if (c.kind !== 'renamed' || !c.base || !c.head || !sameValue(c.base['id'], c.head['id'])) return;
  const contentChanged = !sameValue(c.base, c.head) || c.baseFile!.body !== c.headFile!.body;
  yield { rule: 'file/renamed', severity: 'notice', pointer: '/id', which: 'value',
    message: `file renamed from \`${c.baseFile!.file}\`, keeping id \`${String(c.head['id'])}\`${contentChanged ? '; its content changed too' : '; content unchanged'}`,
    hint: 'Renames that keep the id are allowed; links to the old path (tickets, bookmarks) stop working. The file name must start with the id.' };
}

function* newIncidentStartsAtTheStart(c: TransitionContext): Generator<Located> {
  if (c.kind !== 'added' || !c.head) return;
  const first = c.lc.phases[0]!.id;
  const phase = c.head['phase'];
  if (phase === first || typeof phase !== 'string' || c.move.kind === 'unknown' || isPresent(c.head['provenance'])) return;
  yield { rule: 'transition/new-incident-phase', pointer: '/phase', which: 'value',
    message: `a new incident starts in phase \`${phase}\`; new incidents start in \`${first}\` (only imports carrying \`provenance\` may start later)`,
    hint: `Set \`phase: ${first}\` and advance through the gates in later pull requests (npm run incident -- advance <id>). For a record imported from another system add e.g. \`provenance: { source: thehive, original_id: "~4096", imported_at: ${EXAMPLE_TIME} }\`.` };
}

function* phaseHistoryStarts(c: TransitionContext): Generator<Located> {
  if (c.kind !== 'added' || !c.head || isPresent(c.head['provenance']) || asArray(c.head['phase_history']).length) return;
  const phase = String(c.head['phase'] ?? c.lc.phases[0]!.id);
  yield { rule: 'phase-history/missing-entry', pointer: '/phase', which: 'key',
    message: `a new incident needs a \`phase_history\` entry for the phase it starts in (\`${phase}\`)`,
    hint: `Add \`phase_history:\n  - { phase: ${phase}, entered_at: ${EXAMPLE_TIME}, by: a.ng }\`` };
}

// ---------------------------------------------------------------------------------------------
// Immutable fields and the frozen closed incident.

const IMMUTABLE = ['timestamps.detected_at', 'timestamps.reported_at'] as const;

function* immutableFields(c: TransitionContext): Generator<Located> {
  if (!c.base || !c.head) return;
  for (const field of IMMUTABLE) {
    const before = get(c.base, field);
    const after = get(c.head, field);
    // The same instant written with another offset (08:31:00Z → 09:31:00+01:00) is no change.
    if (!isPresent(before) || sameValue(before, after) || (timeOf(before) !== undefined && timeOf(before) === timeOf(after))) continue;
    const pointer = isPresent(after) ? `/${field.replace('.', '/')}` : `/${field.split('.')[0]}`;
    yield { rule: 'immutable/changed', pointer, which: isPresent(after) ? 'value' : 'key',
      message: isPresent(after)
        ? `\`${field}\` changed from ${shown(c.base, pointer, before)} to ${shown(c.head, pointer, after)}; it never changes once merged`
        : `\`${field}\` (${shown(c.base, pointer, before)}) was removed; it never changes once merged`,
      hint: `Restore \`${field.split('.').pop()}: ${shown(c.base, pointer, before)}\` (git show <base>:${c.baseFile!.file} has it). If the recorded time was wrong, keep it and record the correction as a new timeline entry, e.g. \`- { at: ${EXAMPLE_TIME}, by: a.ng, kind: observation, entry: "Correction: detection was at ..." }\`.` };
  }
}

function closedPhases(lc: Lifecycle): Set<string> {
  return new Set(lc.phases.filter((p) => p.next.length === 0).map((p) => p.id));
}

function* closedIsFrozen(c: TransitionContext): Generator<Located> {
  if (!c.base || !c.head || c.move.kind !== 'same' || !closedPhases(c.lc).has(String(c.base['phase']))) return;
  const keys = [...new Set([...Object.keys(c.head), ...Object.keys(c.base)])].filter((k) => !sameValue(c.base![k], c.head![k]));
  const bodyLine = firstDifferentLine(c.baseFile!.body, c.headFile!.body);
  if (!keys.length && bodyLine === undefined) return;
  const what = [...keys.map((k) => `\`${k}\``), ...(bodyLine !== undefined ? ['the body'] : [])].join(', ');
  const hint = `Reopen it first: set \`phase\` to one of ${c.lc.reopen.to.map((p) => `\`${p}\``).join(', ')}, append \`- { phase: ${c.lc.reopen.to[c.lc.reopen.to.length - 1]}, entered_at: ${EXAMPLE_TIME}, by: a.ng, reason: "new evidence ..." }\` to phase_history and a timeline entry saying why.`;
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

function* forwardGatesHold(c: TransitionContext): Generator<Located> {
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

function* approvalsNoticed(c: TransitionContext): Generator<Located> {
  if (c.move.kind !== 'forward' || c.kind === 'added') return;
  for (const a of approvals(c.lc, c.move.steps)) {
    const desc = phaseDef(c.lc, a.phase)?.gate?.approval?.description;
    yield { rule: 'approval/required', severity: 'notice', pointer: '/phase', which: 'value',
      message: `approval required from ${a.from.map((f) => `\`${f}\``).join(' or ')} to leave phase \`${a.phase}\`${desc ? ` (${desc.trim()})` : ''}`,
      hint: `Ask ${a.from.join(' or ')} to approve the pull request; the merge is blocked until an approving review is given.` };
  }
}

function* backwardsOnlyAsReopen(c: TransitionContext): Generator<Located> {
  if (c.move.kind !== 'back' || !c.base || !c.head) return;
  const before = String(c.base['phase']);
  const after = String(c.head['phase']);
  const { from, to } = c.lc.reopen;
  if (!isAllowedReopen(c.lc, before, after)) {
    yield { rule: 'transition/backwards', pointer: '/phase', which: 'value',
      message: `the phase moves back from \`${before}\` to \`${after}\`; moving back is only allowed as a reopen from ${list(from)} to ${list(to)}`,
      hint: `Keep \`phase: ${before}\` and record the new facts as timeline entries, e.g. \`- { at: ${EXAMPLE_TIME}, by: a.ng, kind: observation, entry: "..." }\`${from.includes(before) ? `; or reopen to ${list(to)}: \`phase: ${to[to.length - 1]}\` plus \`- { phase: ${to[to.length - 1]}, entered_at: ${EXAMPLE_TIME}, by: a.ng, reason: "..." }\` in phase_history and a timeline entry` : ''}.` };
    return;
  }
  const added = diffEntries(asArray(c.base['phase_history']), asArray(c.head['phase_history'])).added;
  const history = asArray(c.head['phase_history']);
  const entryIdx = added.find((j) => asRecord(history[j])['phase'] === after);
  if (entryIdx === undefined || !isPresent(asRecord(history[entryIdx])['reason'])) {
    yield { rule: 'transition/reopen-without-reason', pointer: entryIdx === undefined ? '/phase' : `/phase_history/${entryIdx}`, which: entryIdx === undefined ? 'value' : 'key',
      message: `the phase moves back from \`${before}\` to \`${after}\` without an explicit reopen: a new \`phase_history\` entry for \`${after}\` with a \`reason\` is required`,
      hint: `Append \`- { phase: ${after}, entered_at: ${EXAMPLE_TIME}, by: a.ng, reason: "new evidence of lateral movement" }\` to phase_history.` };
  }
  if (!diffEntries(asArray(c.base['timeline']), asArray(c.head['timeline'])).added.length) {
    yield { rule: 'transition/reopen-without-timeline', pointer: '/timeline', which: 'key',
      message: `the incident is reopened (\`${before}\` → \`${after}\`) but no timeline entry records it`,
      hint: `Add e.g. \`- { at: ${EXAMPLE_TIME}, by: a.ng, kind: decision, entry: "Reopened: new evidence of lateral movement." }\` to timeline.` };
  }
}

function isAllowedReopen(lc: Lifecycle, before: string, after: string): boolean {
  return lc.reopen.from.includes(before) && lc.reopen.to.includes(after);
}

function list(xs: readonly string[]): string {
  return xs.map((x) => `\`${x}\``).join(', ');
}

/** phase_history gains exactly one entry per phase entered, in order, not backdated, with `by`. */
function* phaseHistoryAgrees(c: TransitionContext): Generator<Located> {
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
      hint: expected.length ? `Append ${expected.map((p) => `\`- { phase: ${p}, entered_at: ${EXAMPLE_TIME}, by: a.ng }\``).join(', ')} (npm run incident -- advance <id> does this).` : 'Remove the new phase_history entries, or change `phase` to the phase they record.' };
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

/**
 * Lowering a TLP label — the record's, an indicator's, a body section's (its marker changed or
 * removed) — releases material to wider audiences (a TLP:CLEAR record's statement is published on
 * merge): the change says so to reviewers, and must record the decision in the timeline, in a new
 * `decision` entry that names the new label (a reopen's own entry does not count).
 */
function* tlpLoweringRecorded(c: TransitionContext): Generator<Located> {
  if (!c.base || !c.head) return;
  const lowered = loweredLabels(c);
  if (!lowered.length) return;
  const added = diffEntries(asArray(c.base['timeline']), asArray(c.head['timeline'])).added;
  const decided = added.some((j) => {
    const e = asRecord(asArray(c.head!['timeline'])[j]);
    return e['kind'] === 'decision' && typeof e['entry'] === 'string' && /\btlp\b/i.test(e['entry']);
  });
  const what = lowered.map((l) => `${l.what} ${l.before} → ${l.after}`).join('; ');
  const first = lowered[0]!;
  yield { rule: 'transition/tlp-lowered', severity: 'notice', ...first.at,
    message: `TLP lowered: ${what}; once merged, that material goes to wider audiences${lowered.some((l) => l.after === 'TLP:CLEAR') ? ' (TLP:CLEAR material is published with the public statement)' : ''}`,
    hint: 'Reviewers: check that the owner of the information agreed to the release.' };
  if (!decided) {
    yield { rule: 'transition/tlp-lowered-without-decision', ...first.at,
      message: `TLP lowered (${what}) but no new timeline entry of kind \`decision\` naming the new label records who decided it and why`,
      hint: `Add e.g. \`- { at: ${EXAMPLE_TIME}, by: a.ng, kind: decision, entry: "Reclassified ${first.what} ${first.before} → ${first.after}: <why>; agreed by <information owner>." }\` to timeline.` };
  }
}

interface Lowered { what: string; before: string; after: string; at: { pointer: string; which: 'key' | 'value' } | { line: number } }

function loweredLabels(c: TransitionContext): Lowered[] {
  const out: Lowered[] = [];
  const baseRecord = labelOf(c.base!['tlp']);
  const headRecord = labelOf(c.head!['tlp']);
  if (isTlp(c.base!['tlp']) && isTlp(c.head!['tlp']) && tlpRank(headRecord) < tlpRank(baseRecord)) {
    out.push({ what: 'the record', before: baseRecord, after: headRecord, at: { pointer: '/tlp', which: 'value' } });
  }
  // Indicators and sections are judged with the base record label on both sides: a lowered record
  // is reported once, above. Indicators by type and value (not echoed: a value may be restricted).
  const indicators = (d: Record<string, unknown>) => new Map(asArray(d['indicators']).map((raw, i) => {
    const ind = asRecord(raw);
    return [`${String(ind['type'])}\u0000${String(ind['value'])}`, { i, label: maxTlp([baseRecord, isTlp(ind['tlp']) ? ind['tlp'] : baseRecord]) }] as const;
  }));
  const before = indicators(c.base!);
  for (const [key, h] of indicators(c.head!)) {
    const b = before.get(key);
    if (b && tlpRank(h.label) < tlpRank(b.label)) out.push({ what: `indicator ${h.i + 1}`, before: b.label, after: h.label, at: { pointer: `/indicators/${h.i}`, which: 'key' } });
  }
  // Body sections by heading path, labelled as the reports label them.
  const sectionsBefore = sectionLabels(c.baseFile?.sections ?? [], baseRecord);
  for (const [path, h] of sectionLabels(c.headFile?.sections ?? [], baseRecord)) {
    const b = sectionsBefore.get(path);
    if (b && tlpRank(labelOf(h.label)) < tlpRank(labelOf(b.label))) {
      out.push({ what: `section \`${path}\``, before: labelOf(b.label), after: labelOf(h.label), at: { line: h.line } });
    }
  }
  return out;
}

const RULES: readonly TransitionRule[] = [
  fileDeleted, idUnchanged, renameReported, newIncidentStartsAtTheStart, phaseHistoryStarts, immutableFields,
  closedIsFrozen, forwardGatesHold, approvalsNoticed, backwardsOnlyAsReopen, phaseHistoryAgrees, appendOnly, noFutureEntries, tlpLoweringRecorded,
];
