import { readFile } from 'node:fs/promises';
import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { asRecord as rec } from '../model/access.ts';
import { appendSummary, readEvent, setOutputs } from './actions-io.ts';
import { APPROVALS_CONTEXT, computeApprovals, setApprovalsStatus, type ApprovalsOutcome } from './approvals-step.ts';
import { ARTIFACT_NAME, ArtifactError, downloadRunArtifact, extractArtifact } from './artifact.ts';
import { parseJsonSafely, validateArtifactPr, validateCheckResult, type ArtifactPullRequest, type CheckResult } from './check-result.ts';
import { explainGithubError, isForbidden } from './errors.ts';
import { applyLabels, planLabels } from './labels.ts';
import { crossCheckArtifactPr, pullRequestOfEvent, resolveTargetPr, type TargetPr } from './pr-target.ts';
import { COMMENT_MARKER, renderCheckComment } from './render-comment.ts';
import { fail, notice, warn, type StepContext } from './step-context.ts';
import { upsertStickyComment } from './sticky-comment.ts';

export interface CommentOptions {
  /** check-result JSON file (instead of the workflow_run artifact). */
  result?: string;
  /** A downloaded artifact zip (instead of fetching it through the API). */
  artifact?: string;
  artifactName?: string;
  labels: boolean;
  approvals: boolean;
  /** Also set the `incident-ledger/approvals` commit status (privileged job only). */
  status: boolean;
  gitDir?: string;
}

/**
 * The comment step. In the privileged `workflow_run` job: derive the PR from the trusted event,
 * read the artifact as untrusted data, cross-check it, re-render the comment from validated
 * fields, upsert it and the labels. Posting is best effort: a 403 (read-only fork token) is a
 * warning and never fails the step. Exit 1 only when the artifact contradicts the trusted event
 * or is invalid — then nothing is posted.
 */
export async function runCommentStep(ctx: StepContext, opts: CommentOptions): Promise<number> {
  const { name: eventName, payload } = readEvent(ctx.env);
  const run = rec(payload['workflow_run']);
  const isRun = eventName === 'workflow_run' || Object.keys(run).length > 0;

  // 1. The target PR, from trusted event data only.
  let target: TargetPr & { baseSha?: string };
  if (isRun) {
    const t = await resolveTargetPr(ctx.gh, ctx.repo, payload);
    if (!t.ok) {
      warn(ctx, `not commenting: ${t.skip}`, 'incident-ledger comment');
      appendSummary(ctx.env, `incident-ledger: no comment posted — ${t.skip}\n`);
      setOutputs(ctx.env, { posted: 'false' });
      return 0;
    }
    target = t.pr;
  } else {
    const pr = pullRequestOfEvent(payload);
    if (!pr) {
      warn(ctx, `not commenting: the ${eventName || 'current'} event carries no pull request`, 'incident-ledger comment');
      setOutputs(ctx.env, { posted: 'false' });
      return 0;
    }
    target = { ...pr, via: 'event.pull_request' };
  }

  // 2. The result: untrusted data, validated before use.
  let result: CheckResult;
  let claimed: ArtifactPullRequest | undefined;
  try {
    const files = await loadResultFiles(ctx, opts, isRun ? Number(run['id']) : undefined);
    if (!files) {
      warn(ctx, `not commenting: the check run uploaded no artifact named ${opts.artifactName ?? ARTIFACT_NAME} (did it fail before the upload step?)`, 'incident-ledger comment');
      setOutputs(ctx.env, { posted: 'false' });
      return 0;
    }
    const parsedReport = validateCheckResult(parseJsonSafely(files.report));
    if (!parsedReport.ok) throw new ArtifactError(`check-result.json does not match schemas/check-result.schema.json: ${parsedReport.errors.join('; ')}`);
    result = parsedReport.value;
    if (files.pr !== undefined) {
      const parsedPr = validateArtifactPr(parseJsonSafely(files.pr));
      if (!parsedPr.ok) throw new ArtifactError(`pr.json is invalid: ${parsedPr.errors.join('; ')}`);
      claimed = parsedPr.value;
    }
  } catch (e) {
    const msg = e instanceof SyntaxError ? `the artifact holds invalid JSON (${e.message})` : (e as Error).message;
    if (!(e instanceof ArtifactError) && !(e instanceof SyntaxError)) throw e;
    fail(ctx, `refusing the check artifact: ${msg}; nothing was posted`, 'incident-ledger comment');
    appendSummary(ctx.env, `### incident-ledger: check artifact refused\n\n${msg.replace(/[<>@`]/g, ' ')}\n`);
    setOutputs(ctx.env, { posted: 'false' });
    return 1;
  }

  // 3. Cross-check what the artifact claims against the trusted target.
  const mismatch = crossCheckArtifactPr(target, claimed);
  if (mismatch) {
    fail(ctx, mismatch, 'incident-ledger: untrusted artifact');
    appendSummary(ctx.env, `### incident-ledger: check artifact refused\n\n${mismatch}\n`);
    setOutputs(ctx.env, { posted: 'false' });
    return 1;
  }
  const notes: string[] = [];
  if (isRun && result.headSha !== target.headSha) notes.push(`The check ran on commit ${result.headSha.slice(0, 12)} (the test merge of head ${target.headSha.slice(0, 12)}).`);

  // 4. Approvals, recomputed from the base and head files (optional).
  let approvals: ApprovalsOutcome | undefined;
  if (opts.approvals) {
    try {
      const baseSha = target.baseSha || (await ctx.gh.rest.pulls.get({ ...ctx.repo, pull_number: target.number })).data.base.sha;
      approvals = await computeApprovals(ctx, { number: target.number, headSha: target.headSha, baseSha }, opts.gitDir);
      notes.push(...approvals.notes);
      if (opts.status) await setApprovalsStatus(ctx, target.headSha, approvals.statuses, runUrl(ctx));
    } catch (e) {
      const why = explainGithubError(e, 'evaluate gate approvals', 'pull-requests: read, statuses: write, members: read');
      warn(ctx, `approvals not evaluated: ${why}`, 'incident-ledger approvals');
      // Fail closed, visibly: the required status says why instead of waiting forever.
      if (opts.status) {
        await ctx.gh.rest.repos.createCommitStatus({ ...ctx.repo, sha: target.headSha, context: APPROVALS_CONTEXT, state: 'error', description: 'gate approvals could not be evaluated; see the incident-comment run', ...(runUrl(ctx) ? { target_url: runUrl(ctx)! } : {}) }).catch(() => undefined);
      }
    }
  }

  // 5. Post: best effort.
  const body = renderCheckComment(result, { ...(approvals ? { approvals: approvals.statuses } : {}), notes, ...(runUrl(ctx) ? { runUrl: runUrl(ctx)! } : {}) });
  let posted = false;
  let url = '';
  try {
    const r = await upsertStickyComment(ctx.gh, ctx.repo, target.number, COMMENT_MARKER, body);
    posted = true;
    url = r.url;
    notice(ctx, `PR #${target.number}: comment ${r.action}`, 'incident-ledger comment');
  } catch (e) {
    if (!isForbidden(e) && !isAuthOrNotFound(e)) throw e;
    warn(ctx, `${explainGithubError(e, `comment on pull request #${target.number}`, 'pull-requests: write')}. The result is still in the check's annotations and job summary.`, 'incident-ledger comment');
  }
  if (opts.labels) {
    try {
      const ch = await applyLabels(ctx.gh, ctx.repo, target.number, planLabels(result, new Set(shippedLifecycle().phases.map((p) => p.id))));
      if (ch.added.length || ch.removed.length) notice(ctx, `PR #${target.number}: labels +[${ch.added.join(', ')}] -[${ch.removed.join(', ')}]`, 'incident-ledger labels');
    } catch (e) {
      if (!isForbidden(e) && !isAuthOrNotFound(e)) throw e;
      warn(ctx, explainGithubError(e, `label pull request #${target.number}`, 'pull-requests: write, issues: write'), 'incident-ledger labels');
    }
  }
  appendSummary(ctx.env, body.replace(COMMENT_MARKER, '').trimStart());
  setOutputs(ctx.env, { posted: String(posted), 'pr-number': target.number, 'comment-url': url, errors: result.summary.errors, 'approvals-missing': approvals ? approvals.statuses.filter((s) => !s.satisfied).length : 0 });
  return 0;
}

function isAuthOrNotFound(e: unknown): boolean {
  const s = (e as { status?: number }).status;
  return s === 401 || s === 404;
}

function runUrl(ctx: StepContext): string | undefined {
  const server = ctx.env['GITHUB_SERVER_URL'];
  const id = ctx.env['GITHUB_RUN_ID'];
  return server && id && /^\d+$/.test(id) ? `${server}/${ctx.repo.owner}/${ctx.repo.repo}/actions/runs/${id}` : undefined;
}

async function loadResultFiles(ctx: StepContext, opts: CommentOptions, runId: number | undefined): Promise<{ report: string; pr?: string } | undefined> {
  if (opts.result) {
    const text = await readFile(opts.result, 'utf8').catch((e: Error) => { throw new ArtifactError(`cannot read ${opts.result}: ${e.message}`); });
    return { report: text };
  }
  let zip: Uint8Array | undefined;
  if (opts.artifact) {
    zip = new Uint8Array(await readFile(opts.artifact).catch((e: Error) => { throw new ArtifactError(`cannot read ${opts.artifact}: ${e.message}`); }));
  } else if (runId !== undefined && Number.isInteger(runId)) {
    zip = await downloadRunArtifact(ctx.gh, ctx.repo, runId, opts.artifactName ?? ARTIFACT_NAME);
  } else {
    throw new ArtifactError('no check result: pass --result <check-result.json> or --artifact <zip>, or run on workflow_run');
  }
  if (!zip) return undefined;
  const { files, ignored } = extractArtifact(zip);
  if (ignored.length) warn(ctx, `ignored unexpected artifact entries: ${ignored.slice(0, 5).join(', ')}${ignored.length > 5 ? ', …' : ''}`);
  const report = files.get('check-result.json') ?? files.get('report.json');
  if (report === undefined) {
    // The check could not produce a result (exit 2); its own run shows why. Nothing to post.
    warn(ctx, 'the check artifact holds no check-result.json; the check run itself failed — see its log');
    return undefined;
  }
  const pr = files.get('pr.json');
  return { report, ...(pr !== undefined ? { pr } : {}) };
}
