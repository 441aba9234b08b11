import { WITHHELD_TITLE } from '../check/check-result.ts';
import { labelOf } from '../render/report/tlp.ts';
import { renderCheckSummary } from '../render/check-summary.ts';
import type { ApprovalStatus } from './approvals.ts';
import type { CheckResult } from './check-result.ts';
import { escapeInline } from './markdown-escape.ts';

/** Hidden marker that identifies the sticky comment among a PR's comments. */
export const COMMENT_MARKER = '<!-- incident-ledger:check-result -->';
/** GitHub rejects comment bodies above 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

export interface RenderOptions {
  approvals?: readonly ApprovalStatus[];
  /** Extra lines for the reader (trusted text, e.g. "the changed files come from the local git diff"). */
  notes?: readonly string[];
  /** Link to the workflow run with the full log. */
  runUrl?: string;
}

/**
 * The PR comment, re-rendered from validated structured fields only: a headline, the approval
 * status (recomputed by the privileged job), then the check's own summary renderer (every text
 * from the pull request escaped), bounded so the whole body stays under GitHub's limit — findings
 * are dropped with a count rather than the comment failing to post.
 */
export function renderCheckComment(result: CheckResult, opts: RenderOptions = {}): string {
  const s = result.summary;
  const missing = (opts.approvals ?? []).filter((a) => !a.satisfied).length;
  const headline = s.errors > 0
    ? `### ❌ incident-ledger: ${plural(s.errors, 'error')} in ${plural(s.incidents, 'changed incident')}`
    : missing > 0
      ? `### ⏳ incident-ledger: checks pass, ${plural(missing, 'approval')} missing`
      : `### ✅ incident-ledger: ${plural(s.incidents, 'changed incident')} checked, no errors`;
  const top: string[] = [COMMENT_MARKER, headline, ''];
  if (opts.approvals?.length) {
    top.push('**Approvals** (an approving review on the current head commit from a configured approver)', '');
    for (const a of opts.approvals) {
      const who = a.approvedBy.length ? ` by ${a.approvedBy.map((u) => escapeInline(u)).join(', ')}` : '';
      top.push(`- ${a.satisfied ? '✅' : '⏳'} leaving \`${a.phase}\` in ${escapeInline(a.incident)} needs ${a.roles.map((r) => escapeInline(r)).join(' or ')}: ${a.satisfied ? `approved${who}` : 'no approving review on the current head commit yet'}`);
      for (const p of a.problems) top.push(`  - ${p}`);
    }
    top.push('');
  }
  for (const n of opts.notes ?? []) top.push(`> ${n}`, '');
  const footer = `\n<sub>head ${result.headSha.slice(0, 12)}${opts.runUrl ? ` · [run log](${opts.runUrl})` : ''}</sub>`;
  const head = top.join('\n');
  // A TLP:RED title stays in the record: comments are mailed to everyone watching the PR. A missing
  // or invalid label counts as TLP:RED, as in the reports.
  const shown = { ...result, incidents: result.incidents.map((i) => (labelOf(i.tlp) === 'TLP:RED' ? { ...i, title: WITHHELD_TITLE } : i)) };
  // The summary renderer bounds UTF-8 bytes, which are never fewer than characters.
  const room = COMMENT_LIMIT - head.length - footer.length - 16;
  return `${head}\n${renderCheckSummary(shown, room).trimEnd()}\n${footer}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
