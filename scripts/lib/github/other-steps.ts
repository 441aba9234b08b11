import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { collectIncidentFiles } from '../io/incident-files.ts';
import { parseIncidentFile } from '../parse/incident-file.ts';
import { appendSummary, readEvent, setOutputs } from './actions-io.ts';
import { approvalsMarkdown, computeApprovals, setApprovalsStatus } from './approvals-step.ts';
import { parseJsonSafely } from './check-result.ts';
import { applyDeadlineIssues, planDeadlineIssues, type DeadlineRow } from './deadline-issues.ts';
import { applyFollowUps, planFollowUps } from './follow-ups.ts';
import { escapeInline } from './markdown-escape.ts';
import { resolveTargetPr } from './pr-target.ts';
import { fail, notice, warn, type StepContext } from './step-context.ts';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

export class StepInputError extends Error {}

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
    const p = rec(payload['pull_request']);
    const number = Number(p['number']);
    const headSha = String(rec(p['head'])['sha'] ?? '');
    const baseSha = String(rec(p['base'])['sha'] ?? '');
    if (!Number.isInteger(number) || !/^[0-9a-f]{40}$/.test(headSha) || !/^[0-9a-f]{40}$/.test(baseSha)) {
      throw new StepInputError('the event carries no pull request (run on pull_request, pull_request_review or workflow_run)');
    }
    pr = { number, headSha, baseSha };
  }
  const outcome = await computeApprovals(ctx, pr, opts.gitDir);
  if (opts.status) await setApprovalsStatus(ctx, pr.headSha, outcome.statuses);
  for (const n of outcome.notes) notice(ctx, n);
  const missing = outcome.statuses.filter((s) => !s.satisfied);
  for (const s of missing) fail(ctx, `leaving phase ${s.phase} in ${s.incident} needs an approving review on the head commit from ${s.roles.join(' or ')}${s.problems.length ? ` (${s.problems.join('; ')})` : ''}`, 'incident-ledger approvals');
  appendSummary(ctx.env, approvalsMarkdown(outcome.statuses) + outcome.notes.map((n) => `\n> ${n}\n`).join(''));
  setOutputs(ctx.env, { required: outcome.statuses.length, missing: missing.length });
  return missing.length ? 1 : 0;
}

/** `incident github follow-ups`: after a merge, one issue per untracked action item (idempotent). */
export async function runFollowUpsStep(ctx: StepContext, opts: { out?: string; dryRun: boolean }): Promise<number> {
  const { files, problems } = await collectIncidentFiles(ctx.cwd, []);
  for (const p of problems) warn(ctx, `${p.file}: ${p.message}`);
  const incidents = files.flatMap((f) => {
    const parsed = parseIncidentFile(f.path, f.bytes);
    return parsed.data ? [{ file: f.path, data: parsed.data }] : [];
  });
  const server = ctx.env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const planned = planFollowUps(incidents, `${server}/${ctx.repo.owner}/${ctx.repo.repo}`);
  if (opts.dryRun) {
    for (const p of planned) ctx.out(`would ensure issue for ${p.incident} ${p.item}: ${p.title}\n`);
    return 0;
  }
  const links = await applyFollowUps(ctx.gh, ctx.repo, planned);
  const created = links.filter((l) => l.created);
  for (const l of created) notice(ctx, `created issue #${l.issue} for ${l.incident} ${l.item}`, 'incident-ledger follow-ups');
  const lines = ['### incident-ledger follow-up issues', ''];
  if (!links.length) lines.push('No action item needs a follow-up issue.');
  for (const l of links) lines.push(`- ${escapeInline(l.incident)} ${escapeInline(l.item)}: [#${l.issue}](${l.url}) (${l.state}${l.created ? ', created now' : ''})`);
  appendSummary(ctx.env, lines.join('\n') + '\n');
  if (opts.out) await writeAtomic(resolve(ctx.cwd, opts.out), JSON.stringify(links.map(({ created: _c, ...rest }) => rest), null, 2) + '\n');
  setOutputs(ctx.env, { created: created.length, linked: links.length });
  return 0;
}

/** `incident github deadline-issues --rows <file>`: one issue per incident with due/overdue notices. */
export async function runDeadlineIssuesStep(ctx: StepContext, opts: { rows: string; now: Date }): Promise<number> {
  let data: unknown;
  try {
    data = parseJsonSafely(await readFile(resolve(ctx.cwd, opts.rows), 'utf8'));
  } catch (e) {
    throw new StepInputError(`cannot read deadline rows from ${opts.rows}: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : Array.isArray(rec(data)['rows']) ? (rec(data)['rows'] as unknown[]) : undefined;
  if (!list) throw new StepInputError(`${opts.rows} must hold a JSON array of rows {incident, regime, stage, recipient, due_at, status, sent_at, source} (or {"rows": [...]})`);
  const rows: DeadlineRow[] = [];
  for (const [i, raw] of list.entries()) {
    const r = rec(raw);
    const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : null);
    if (!str('incident') || !str('status')) throw new StepInputError(`${opts.rows}: row ${i} needs string \`incident\` and \`status\`, e.g. {"incident": "INC-20261118-R7WM", "status": "due", ...}`);
    rows.push({ incident: str('incident')!, regime: str('regime'), stage: str('stage'), recipient: str('recipient'), due_at: str('due_at'), status: str('status')!, sent_at: str('sent_at'), source: str('source') });
  }
  const results = await applyDeadlineIssues(ctx.gh, ctx.repo, planDeadlineIssues(rows, opts.now));
  const lines = ['### incident-ledger deadline issues', ''];
  for (const r of results) lines.push(`- ${escapeInline(r.incident)}: ${r.action}${r.issue ? ` (#${r.issue})` : ''}`);
  if (!results.length) lines.push('No deadline rows.');
  appendSummary(ctx.env, lines.join('\n') + '\n');
  setOutputs(ctx.env, { changed: results.filter((r) => r.action !== 'unchanged' && r.action !== 'none').length });
  return 0;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
