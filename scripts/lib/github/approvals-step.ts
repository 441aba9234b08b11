import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { asRecord as rec } from '../model/access.ts';
import { appendSummary, readEvent, setOutputs } from './actions-io.ts';
import { evaluateApprovals, listReviews, currentApprovers, teamCheckVia, type ApprovalStatus } from './approvals.ts';
import { parseApprovers, SETTINGS_FILE } from './approvers-config.ts';
import { explainGithubError, isForbidden } from './errors.ts';
import { listPrChanges } from './pr-files.ts';
import { escapeInline } from './markdown-escape.ts';
import { pullRequestOfEvent, resolveTargetPr } from './pr-target.ts';
import { fail, notice, StepInputError, warn, type StepContext } from './step-context.ts';
import { requiredApprovals } from './transitions.ts';

export const APPROVALS_CONTEXT = 'incident-ledger/approvals';

export interface ApprovalsOutcome { statuses: ApprovalStatus[]; notes: string[] }

/**
 * Which approval gates this PR passes (recomputed from the base and head files, never taken from an
 * artifact) and whether each has an approving review on the head commit from a configured approver.
 */
export async function computeApprovals(ctx: StepContext, pr: { number: number; headSha: string; baseSha: string }, gitDir?: string): Promise<ApprovalsOutcome> {
  const changes = await listPrChanges(ctx.gh, ctx.repo, pr.number, { baseSha: pr.baseSha, headSha: pr.headSha, ...(gitDir ? { gitDir } : {}) });
  let needs;
  let settings: string | undefined;
  try {
    needs = await requiredApprovals(shippedLifecycle(), changes.files, changes.read, pr.baseSha, pr.headSha);
    // Who may approve is read at the BASE commit: a pull request cannot appoint its own approvers.
    if (needs.length) settings = await changes.read(pr.baseSha, SETTINGS_FILE);
  } finally {
    changes.close();
  }
  const notes = changes.note ? [changes.note] : [];
  if (!needs.length) return { statuses: [], notes };
  const approvers = settings === undefined ? {} : parseApprovers(settings);
  const approved = currentApprovers(await listReviews(ctx.gh, ctx.repo, pr.number), pr.headSha);
  const statuses = await evaluateApprovals(needs, approvers, approved, teamCheckVia(ctx.gh));
  return { statuses, notes };
}

/** Commit status that branch protection can require; set by the privileged job from recomputed data. */
export async function setApprovalsStatus(ctx: StepContext, headSha: string, statuses: readonly ApprovalStatus[], targetUrl?: string): Promise<void> {
  const missing = statuses.filter((s) => !s.satisfied).length;
  await ctx.gh.rest.repos.createCommitStatus({
    ...ctx.repo, sha: headSha, context: APPROVALS_CONTEXT,
    state: missing ? 'failure' : 'success',
    description: missing ? `${missing} of ${statuses.length} gate approval${statuses.length === 1 ? '' : 's'} missing` : statuses.length ? 'all gate approvals present' : 'no gate needs approval',
    ...(targetUrl ? { target_url: targetUrl } : {}),
  });
}

export function approvalsMarkdown(statuses: readonly ApprovalStatus[]): string {
  if (!statuses.length) return '### incident-ledger approvals\n\nNo gate in this pull request needs an approval.\n';
  const lines = ['### incident-ledger approvals', '', '| incident | leaving phase | needs | status |', '|---|---|---|---|'];
  for (const s of statuses) {
    lines.push(`| ${escapeInline(s.incident)} | ${s.phase} | ${s.roles.join(' or ')} | ${s.satisfied ? `✅ approved by ${s.approvedBy.join(', ')}` : '⏳ missing'} |`);
  }
  const problems = statuses.flatMap((s) => s.problems);
  if (problems.length) lines.push('', ...[...new Set(problems)].map((p) => `- ${p}`));
  return lines.join('\n') + '\n';
}

/**
 * `incident github approvals`: the approval gate as a step. The PR comes from the event
 * (pull_request, pull_request_review, or workflow_run via the case-25 derivation); exit 1 when an
 * approval is missing, so the job can be a required check; `--status` also sets a commit status.
 */
export async function runApprovalsStep(ctx: StepContext, opts: { status: boolean; gitDir?: string }): Promise<number> {
  const { payload } = readEvent(ctx.env);
  let pr: { number: number; headSha: string; baseSha: string };
  if (Object.keys(rec(payload['workflow_run'])).length) {
    const t = await resolveTargetPr(ctx.gh, ctx.repo, payload);
    if (!t.ok) { warn(ctx, `approvals not evaluated: ${t.skip}`); return 0; }
    const { data } = await ctx.gh.rest.pulls.get({ ...ctx.repo, pull_number: t.pr.number });
    pr = { number: t.pr.number, headSha: t.pr.headSha, baseSha: data.base.sha };
  } else {
    const fromEvent = pullRequestOfEvent(payload);
    if (!fromEvent) throw new StepInputError('the event carries no pull request (run on pull_request, pull_request_review or workflow_run)');
    pr = fromEvent;
  }
  const outcome = await computeApprovals(ctx, pr, opts.gitDir);
  if (opts.status) {
    try {
      await setApprovalsStatus(ctx, pr.headSha, outcome.statuses);
    } catch (e) {
      if (!isForbidden(e)) throw e;
      warn(ctx, explainGithubError(e, 'set the incident-ledger/approvals status', 'statuses: write'), 'incident-ledger approvals');
    }
  }
  for (const n of outcome.notes) notice(ctx, n);
  const missing = outcome.statuses.filter((s) => !s.satisfied);
  for (const s of missing) fail(ctx, `leaving phase ${s.phase} in ${s.incident} needs an approving review on the head commit from ${s.roles.join(' or ')}${s.problems.length ? ` (${s.problems.join('; ')})` : ''}`, 'incident-ledger approvals');
  appendSummary(ctx.env, approvalsMarkdown(outcome.statuses) + outcome.notes.map((n) => `\n> ${n}\n`).join(''));
  setOutputs(ctx.env, { required: outcome.statuses.length, missing: missing.length });
  return missing.length ? 1 : 0;
}
