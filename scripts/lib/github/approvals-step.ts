import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { evaluateApprovals, listReviews, currentApprovers, teamCheckVia, type ApprovalStatus } from './approvals.ts';
import { readApprovers } from './approvers-config.ts';
import { listPrChanges } from './pr-files.ts';
import { escapeInline } from './markdown-escape.ts';
import type { StepContext } from './step-context.ts';
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
  try {
    needs = await requiredApprovals(shippedLifecycle(), changes.files, changes.read, pr.baseSha, pr.headSha);
  } finally {
    changes.close();
  }
  const notes = changes.note ? [changes.note] : [];
  if (!needs.length) return { statuses: [], notes };
  const approvers = await readApprovers(ctx.cwd);
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
