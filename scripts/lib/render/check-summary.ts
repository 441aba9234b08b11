import type { CheckResult, CheckedIncident } from '../check/check-result.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { escapeMarkdown as md } from './markdown-escape.ts';

/** GitHub refuses job summaries over 1 MiB per step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/**
 * The markdown job summary of `incident check`: one table row per changed incident (phase before
 * → after, gates passed, approvals needed) and every finding, escaped (text comes from the pull
 * request) and bounded to `limit` bytes with a note on what was left out.
 */
export function renderCheckSummary(r: CheckResult, limit = SUMMARY_LIMIT_BYTES): string {
  const { errors, warnings, notices } = r.summary;
  const verdict = errors ? `✖ ${errors} error${errors === 1 ? '' : 's'}` : '✔ no errors';
  const head: string[] = [
    '## Incident check',
    '',
    `${verdict}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${notices} notice${notices === 1 ? '' : 's'} in ${r.summary.incidents} changed incident${r.summary.incidents === 1 ? '' : 's'}.`,
    `Base ${md(r.base)} (${r.baseSha.slice(0, 7)}), head ${r.headSha.slice(0, 7)}, merge base ${r.mergeBase.slice(0, 7)}.`,
    '',
  ];
  if (r.incidents.length) {
    head.push('| Incident | Title | Change | Phase | Gates passed | Approval required | Errors | Warnings |', '|---|---|---|---|---|---|---:|---:|');
  }
  const tail = ['', '### Findings', ''].join('\n') + '\n';
  const rows = [...r.incidents.map(row), ...r.diagnostics.map((d, k) => (k === 0 ? tail : '') + finding(d))];
  const shown = withinLimit(head.join('\n') + '\n', rows, limit,
    (left) => `\n_${left} more row${left === 1 ? '' : 's'} not shown: the summary is limited to ${Math.round(limit / 1024)} KiB. The job log and the check-result artifact have everything._\n`);
  if (!shown.complete) return shown.text;
  return shown.text + (r.diagnostics.length ? '' : `\n${r.incidents.length ? 'No findings.' : 'No incident files changed.'}\n`);
}

/**
 * `head` and then `rows`, one per line, for as long as they fit in `limit` bytes with room left
 * for `note(rows left out)`, which ends the text when they do not all fit.
 */
function withinLimit(head: string, rows: readonly string[], limit: number, note: (left: number) => string): { text: string; complete: boolean } {
  const reserve = 400; // room for the truncation note
  let out = head;
  let size = byteLength(out);
  for (const [i, part] of rows.entries()) {
    const next = part + '\n';
    const nextSize = byteLength(next);
    if (size + nextSize > limit - reserve) return { text: out + note(rows.length - i), complete: false };
    out += next;
    size += nextSize;
  }
  return { text: out, complete: true };
}

function row(i: CheckedIncident): string {
  const phase = i.phaseBefore === i.phaseAfter ? md(i.phaseAfter ?? '–') : `${md(i.phaseBefore ?? '(new)')} → ${md(i.phaseAfter ?? '(deleted)')}`;
  const approvals = i.approvalsRequired.map((a) => `${md(a.from.join(' or '))} (leaving ${md(a.phase)})`).join('; ') || '–';
  const change = i.previousFile ? `${i.change} from ${md(i.previousFile)}` : i.change;
  return `| ${md(i.id)} | ${md(i.title)} | ${change} | ${phase} | ${i.gatesPassed.map(md).join(', ') || '–'} | ${approvals} | ${i.errors} | ${i.warnings} |`;
}

const ICON: Record<Diagnostic['severity'], string> = { error: '✖ error', warning: '⚠ warning', notice: 'ℹ notice' };

function finding(d: Diagnostic): string {
  const where = d.line ? `${md(d.file)}:${d.line}:${d.column}` : md(d.file);
  const hint = d.hint ? `<br>hint: ${md(d.hint)}` : '';
  return `- **${ICON[d.severity]}** ${where} — ${md(d.message)} (${md(d.rule)})${hint}`;
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * The markdown job summary of `incident validate --format github`: the verdict and every finding
 * (annotations stop at 10 per severity), bounded to `limit` bytes like the check's.
 */
export function renderValidateSummary(files: number, diags: readonly Diagnostic[], limit = SUMMARY_LIMIT_BYTES): string {
  const count = (s: Diagnostic['severity']) => diags.filter((d) => d.severity === s).length;
  const errors = count('error');
  const verdict = errors ? `✖ ${errors} error${errors === 1 ? '' : 's'}` : '✔ no errors';
  const head = ['## Incident validate', '', `${verdict}, ${count('warning')} warning(s), ${count('notice')} notice(s) in ${files} incident file${files === 1 ? '' : 's'}.`, ''].join('\n') + '\n';
  if (!diags.length) return head;
  return withinLimit(head + '### Findings\n\n', diags.map(finding), limit,
    (left) => `\n_${left} more finding(s) not shown: the summary is limited to ${Math.round(limit / 1024)} KiB. The job log has everything._\n`).text;
}
