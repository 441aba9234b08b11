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
  const tail: string[] = ['', '### Findings', ''];
  const parts = [...r.incidents.map(row), ...r.diagnostics.map(finding)];
  let out = head.join('\n') + '\n';
  let size = byteLength(out);
  let inFindings = false;
  const reserve = 400; // room for the truncation note
  for (const [i, part] of parts.entries()) {
    const prefix = !inFindings && i >= r.incidents.length ? tail.join('\n') + '\n' : '';
    const next = prefix + part + '\n';
    const nextSize = byteLength(next);
    if (size + nextSize > limit - reserve) {
      const left = parts.length - i;
      out += `\n_${left} more row${left === 1 ? '' : 's'} not shown: the summary is limited to ${Math.round(limit / 1024)} KiB. The job log and the check-result artifact have everything._\n`;
      return out;
    }
    if (prefix) inFindings = true;
    out += next;
    size += nextSize;
  }
  if (!r.diagnostics.length) out += `\n${r.incidents.length ? 'No findings.' : 'No incident files changed.'}\n`;
  return out;
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
  let out = ['## Incident validate', '', `${verdict}, ${count('warning')} warning(s), ${count('notice')} notice(s) in ${files} incident file${files === 1 ? '' : 's'}.`, ''].join('\n') + '\n';
  if (!diags.length) return out;
  out += '### Findings\n\n';
  let size = byteLength(out);
  for (const [i, d] of diags.entries()) {
    const next = finding(d) + '\n';
    if (size + byteLength(next) > limit - 400) {
      return out + `\n_${diags.length - i} more finding(s) not shown: the summary is limited to ${Math.round(limit / 1024)} KiB. The job log has everything._\n`;
    }
    out += next;
    size += byteLength(next);
  }
  return out;
}
