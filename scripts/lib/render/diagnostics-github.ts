import type { Diagnostic } from '../model/diagnostic.ts';

/** GitHub shows at most 10 error and 10 warning annotations per step; more are dropped silently. */
export const ANNOTATION_LIMIT_PER_SEVERITY = 10;

export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * Workflow-command annotations (`::error file=…,line=…,col=…,title=…::message`), escaped so text
 * from incident files cannot inject further commands, capped at the runner's limits with one
 * notice saying how many were not shown.
 */
export function formatGithub(diags: readonly Diagnostic[], limit = ANNOTATION_LIMIT_PER_SEVERITY): string {
  const out: string[] = [];
  const shown = { error: 0, warning: 0, notice: 0 };
  let dropped = 0;
  for (const d of diags) {
    if (shown[d.severity] >= limit) { dropped++; continue; }
    shown[d.severity]++;
    const props = [`file=${escapeProperty(d.file)}`];
    if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
    props.push(`title=${escapeProperty(d.rule)}`);
    const text = d.hint ? `${d.message}\n${d.hint}` : d.message;
    out.push(`::${d.severity} ${props.join(',')}::${escapeData(text)}`);
  }
  if (dropped) out.push(`::notice title=${escapeProperty('more findings')}::${escapeData(`${dropped} more finding${dropped === 1 ? '' : 's'} not annotated (GitHub shows ${limit} per severity per step); see the job log and summary for all of them.`)}`);
  return out.join('\n');
}
