import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { collectIncidentFiles } from '../io/incident-files.ts';
import { parseIncidentFile } from '../parse/incident-file.ts';
import { appendSummary, setOutputs } from './actions-io.ts';
import { applyFollowUps, planFollowUps } from './follow-ups.ts';
import { escapeInline } from './markdown-escape.ts';
import { notice, warn, type StepContext } from './step-context.ts';

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

async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
