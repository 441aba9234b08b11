import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { shippedValidator } from '../io/shipped-validator.ts';
import { duplicateIdDiagnostics } from '../validate/validator.ts';
import { changedFiles, ensureCommit, mergeBase, repoRoot, uncommittedPaths, type MergeBaseOptions } from '../io/git.ts';
import { isIncidentRepoPath, readChangeSlots, treeIdIndex, unreadableBaseDiagnostics } from '../io/incident-versions.ts';
import { INCIDENTS_DIR } from '../io/incident-files.ts';
import { checkTransition } from '../lifecycle/transitions.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { toDiagnostic } from '../model/finding.ts';
import { buildCheckResult, type CheckResult, type CheckedChange } from './check-result.ts';
import { pairByIdentity } from './pair-changes.ts';
import type { ParsedFile } from '../parse/incident-file.ts';
import { frameSources, isRedFile } from '../validate/redaction.ts';

/**
 * Notice deadlines of every changed incident at `now` (issue 4, item 7): due within the configured
 * window warns, overdue without a late reason fails. Settings come from the base revision, so a
 * change cannot relax the policy it is judged by.
 */
async function noticeDeadlineDiagnostics(root: string, baseSha: string, heads: readonly ParsedFile[], now: number): Promise<Diagnostic[]> {
  const withData = heads.filter((h) => h.data);
  if (!withData.length) return [];
  const [{ loadSettingsAt }, { shippedRegimes }, { deadlineFindings }] = await Promise.all([
    import('../io/settings.ts'), import('../io/regimes.ts'), import('../deadlines/findings.ts'),
  ]);
  const { settings, diagnostics } = await loadSettingsAt(root, baseSha);
  const regimes = shippedRegimes();
  const out: Diagnostic[] = [...diagnostics];
  for (const h of withData) for (const f of deadlineFindings(h.data!, settings, regimes, now)) out.push(toDiagnostic(h, f));
  return out;
}

export interface CheckOptions {
  base: string;
  head?: string;
  deepen?: MergeBaseOptions;
  /** Clock for notice deadlines (ms since epoch); passed in so the check stays reproducible. */
  now: number;
  /** The real time of the run (ms): new entries dated after it are refused. `now` may be a past
   * `--at` for deadlines, so it cannot serve; absent, that rule does not run. */
  clock?: number;
}

/**
 * `incident check`: the incidents changed between the merge base of base and head and head, each
 * validated (the one shared validator, with the ids of the whole head tree) and judged by the
 * transition rules against its base version. Git problems throw GitError (exit 2, fail closed).
 */
export interface CheckRun {
  result: CheckResult;
  /** Text of each file a finding may point at (head versions; base versions of deleted files). */
  sources: Map<string, string>;
  /** Files whose lines must not be shown (TLP:RED). */
  redacted: Set<string>;
  /** Incident files with uncommitted changes: not checked (the check reads commits). */
  uncommitted: string[];
}

export async function runCheck(cwd: string, opts: CheckOptions): Promise<CheckRun> {
  const root = await repoRoot(cwd);
  const remote = opts.deepen?.remote ?? 'origin';
  const [baseSha, headSha] = await Promise.all([ensureCommit(root, opts.base, remote), ensureCommit(root, opts.head ?? 'HEAD', remote)]);
  const mb = await mergeBase(root, baseSha, headSha, opts.deepen);
  const changes = await changedFiles(root, mb, headSha, [INCIDENTS_DIR]);
  // Independent reads, run concurrently: both sides of the changed files, the head tree's ids,
  // and (for a local run on HEAD) uncommitted incident files.
  const reads = Promise.all([
    readChangeSlots(root, changes, mb, headSha),
    changes.length ? treeIdIndex(root, headSha) : Promise.resolve(new Map<string, string[]>()),
    opts.head === undefined || opts.head === 'HEAD' ? uncommittedPaths(root, [INCIDENTS_DIR]).then((ps) => ps.filter(isIncidentRepoPath)) : Promise.resolve([]),
  ]);
  // Built while those git processes run (its ~80 ms are CPU; theirs are mostly waiting).
  const validator = shippedValidator();
  const [slots, idIndex, uncommitted] = await reads;
  const knownIds = new Set(idIndex.keys());

  const heads = slots.flatMap((s) => (s.head ? [s.head] : []));
  const diagnostics: Diagnostic[] = [...validator.validateFiles(heads, knownIds)];
  // Duplicate ids against incidents this change does not touch (validateFiles sees only changed files).
  diagnostics.push(...duplicateIdDiagnostics(heads, idIndex));
  for (const s of slots) diagnostics.push(...unreadableBaseDiagnostics(s, `the merge base ${mb.slice(0, 7)}`));

  const lifecycle = shippedLifecycle();
  const gate = validator.gateContext([], knownIds);
  const checked: CheckedChange[] = pairByIdentity(slots).map((change) => {
    const transition = checkTransition({ lifecycle, kind: change.kind, base: change.base, head: change.head, gate, ...(opts.clock !== undefined ? { now: opts.clock } : {}) });
    diagnostics.push(...transition.diagnostics);
    return { change, transition };
  });
  diagnostics.push(...(await noticeDeadlineDiagnostics(root, baseSha, heads, opts.now)));
  const shown = checked.map(({ change }) => change.head ?? change.base!);
  return {
    uncommitted,
    result: buildCheckResult({ base: opts.base, baseSha, headSha, mergeBase: mb }, checked, diagnostics, new Set(lifecycle.phases.map((p) => p.id))),
    sources: frameSources(shown),
    redacted: new Set(shown.filter(isRedFile).map((p) => p.file)),
  };
}
