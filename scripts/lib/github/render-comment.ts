import type { CheckResult, ResultDiagnostic } from './check-result.ts';
import type { ApprovalStatus } from './approvals.ts';
import { escapeInline } from './markdown-escape.ts';

/** Hidden marker that identifies the sticky comment among a PR's comments. */
export const COMMENT_MARKER = '<!-- incident-ledger:check-result -->';
/** GitHub rejects comment bodies above 65,536 characters; keep a margin for the marker and footer. */
export const COMMENT_LIMIT = 65_536;

export interface RenderOptions {
  approvals?: readonly ApprovalStatus[];
  /** Extra lines for the reader (already trusted text, e.g. "approvals recomputed from the base branch"). */
  notes?: readonly string[];
  /** Link to the workflow run with the full log. */
  runUrl?: string;
  limit?: number;
}

const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;

/**
 * The PR comment, re-rendered from validated structured fields only: every piece of text that came
 * from the pull request is escaped, and the body stays under GitHub's size limit by dropping
 * findings (with a count) rather than failing to post.
 */
export function renderCheckComment(result: CheckResult, opts: RenderOptions = {}): string {
  const limit = opts.limit ?? COMMENT_LIMIT;
  const s = result.summary;
  const missing = (opts.approvals ?? []).filter((a) => !a.satisfied).length;
  const head = s.errors > 0
    ? `### ❌ incident-ledger: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} in ${plural(s.incidents, 'incident')}`
    : missing > 0
      ? `### ⏳ incident-ledger: checks pass, ${plural(missing, 'approval')} missing`
      : `### ✅ incident-ledger: ${plural(s.incidents, 'incident')} checked${s.warnings ? `, ${plural(s.warnings, 'warning')}` : ', no problems'}`;
  const top: string[] = [COMMENT_MARKER, head, ''];
  if (result.incidents.length) {
    top.push('| incident | change | phase | severity | TLP | errors | warnings |', '|---|---|---|---|---|---:|---:|');
    for (const i of result.incidents) {
      // A TLP:RED title stays in the record: comments are mailed to every watcher of the PR.
      const title = i.tlp === 'TLP:RED' ? ' — _(title withheld: TLP:RED)_' : i.title ? ` — ${escapeInline(i.title, 120)}` : '';
      const phase = i.phaseBefore === i.phaseAfter ? (i.phaseAfter ?? '—') : `${i.phaseBefore ?? 'new'} → ${i.phaseAfter ?? 'deleted'}`;
      top.push(`| ${escapeInline(i.id)}${title} | ${i.change} | ${escapeInline(phase)} | ${escapeInline(i.severity ?? '—')} | ${escapeInline(i.tlp ?? '—')} | ${i.errors ?? 0} | ${i.warnings ?? 0} |`);
    }
    top.push('');
  } else {
    top.push('No incident files changed in this pull request.', '');
  }
  if (opts.approvals?.length) {
    top.push('**Approvals**', '');
    for (const a of opts.approvals) {
      const who = a.approvedBy.length ? ` by ${a.approvedBy.map((u) => escapeInline(u)).join(', ')}` : '';
      top.push(`- ${a.satisfied ? '✅' : '⏳'} leaving \`${a.phase}\` in ${escapeInline(a.incident)} needs ${a.roles.map((r) => escapeInline(r)).join(' or ')}: ${a.satisfied ? `approved${who}` : 'no approving review on the current head commit yet'}`);
    }
    top.push('');
  }
  for (const n of opts.notes ?? []) top.push(`> ${n}`, '');
  const footer = [''];
  if (result.baseSha) footer.push(`<sub>base ${result.baseSha.slice(0, 12)} · head ${result.headSha.slice(0, 12)}${opts.runUrl ? ` · [run log](${opts.runUrl})` : ''}</sub>`);
  else footer.push(`<sub>head ${result.headSha.slice(0, 12)}${opts.runUrl ? ` · [run log](${opts.runUrl})` : ''}</sub>`);

  const findings = [...result.diagnostics].sort(bySeverity);
  const lines: string[] = findings.length ? ['**Findings**', ''] : [];
  let budget = limit - 200 - [...top, ...footer].join('\n').length - lines.join('\n').length;
  let shown = 0;
  for (const d of findings) {
    const line = findingLine(d);
    if (line.length + 1 > budget) break;
    lines.push(line);
    budget -= line.length + 1;
    shown++;
  }
  if (shown < findings.length) lines.push('', `_${findings.length - shown} more finding${findings.length - shown === 1 ? '' : 's'} not shown (comments are limited to 65,536 characters); see the job summary and annotations of the check run._`);
  return [...top, ...lines, ...footer].join('\n');
}

function findingLine(d: ResultDiagnostic): string {
  const where = d.line ? `${d.file}:${d.line}:${d.column ?? 0}` : d.file;
  const hint = d.hint ? ` — ${escapeInline(d.hint, 300)}` : '';
  return `- ${ICON[d.severity]} ${escapeInline(where, 200)} ${escapeInline(d.rule, 80)}: ${escapeInline(d.message, 500)}${hint}`;
}

const RANK = { error: 0, warning: 1, notice: 2 } as const;
function bySeverity(a: ResultDiagnostic, b: ResultDiagnostic): number {
  return RANK[a.severity] - RANK[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
