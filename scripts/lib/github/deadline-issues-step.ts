import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { asRecord as rec } from '../model/access.ts';
import { appendSummary, setOutputs } from './actions-io.ts';
import { parseJsonSafely } from './check-result.ts';
import { applyDeadlineIssues, planDeadlineIssues, type DeadlineRow } from './deadline-issues.ts';
import { escapeInline } from './markdown-escape.ts';
import { StepInputError, type StepContext } from './step-context.ts';

/** `incident github deadline-issues --rows <file>`: one issue per incident with due/overdue notices. */
export async function runDeadlineIssuesStep(ctx: StepContext, opts: { rows: string; now?: Date }): Promise<number> {
  let data: unknown;
  try {
    data = parseJsonSafely(await readFile(resolve(ctx.cwd, opts.rows), 'utf8'));
  } catch (e) {
    throw new StepInputError(`cannot read deadline rows from ${opts.rows}: ${(e as Error).message}`);
  }
  // `incident deadlines --format json` prints {schema, at, deadlines: [...]}; a bare array works too.
  const list = Array.isArray(data) ? data : Array.isArray(rec(data)['deadlines']) ? (rec(data)['deadlines'] as unknown[]) : undefined;
  if (!list) throw new StepInputError(`${opts.rows} must hold the output of \`incident deadlines --format json\` ({"deadlines": [...]}) or a JSON array of rows {incident, regime, stage, recipient, due_at, status, sent_at, source}`);
  const at = typeof rec(data)['at'] === 'string' ? new Date(rec(data)['at'] as string) : undefined;
  const now = opts.now ?? (at && !Number.isNaN(at.getTime()) ? at : new Date());
  const rows: DeadlineRow[] = [];
  for (const [i, raw] of list.entries()) {
    const r = rec(raw);
    const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : null);
    if (!str('incident') || !str('status')) throw new StepInputError(`${opts.rows}: row ${i} needs string \`incident\` and \`status\`, e.g. {"incident": "INC-20261118-R7WM", "status": "due", ...}`);
    rows.push({ incident: str('incident')!, regime: str('regime'), stage: str('stage'), recipient: str('recipient'), due_at: str('due_at'), status: str('status')!, sent_at: str('sent_at'), source: str('source') });
  }
  const results = await applyDeadlineIssues(ctx.gh, ctx.repo, planDeadlineIssues(rows, now));
  const lines = ['### incident-ledger deadline issues', ''];
  for (const r of results) lines.push(`- ${escapeInline(r.incident)}: ${r.action}${r.issue ? ` (#${r.issue})` : ''}`);
  if (!results.length) lines.push('No deadline rows.');
  appendSummary(ctx.env, lines.join('\n') + '\n');
  setOutputs(ctx.env, { changed: results.filter((r) => r.action !== 'unchanged' && r.action !== 'none').length });
  return 0;
}
