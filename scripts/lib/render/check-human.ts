import type { CheckResult } from '../check/check-result.ts';
import { formatHuman } from './diagnostics-human.ts';

/**
 * Human output of `incident check`: one line per changed incident (phase before → after, gates
 * passed, approvals needed), then the findings with code frames, then a one-line verdict.
 * `sources` maps a file to its text for the frames; `redacted` files (TLP:RED) get no frames.
 */
export function formatCheckHuman(r: CheckResult, sources: ReadonlyMap<string, string>, redacted: ReadonlySet<string>): string {
  const out: string[] = [];
  out.push(`${r.incidents.length} changed incident${r.incidents.length === 1 ? '' : 's'} against ${oneLine(r.base)} (merge base ${r.mergeBase.slice(0, 7)}, head ${r.headSha.slice(0, 7)})`);
  for (const i of r.incidents) {
    const phase = i.phaseBefore === i.phaseAfter ? i.phaseAfter ?? '-' : `${i.phaseBefore ?? '(new)'} → ${i.phaseAfter ?? '(deleted)'}`;
    const extra = [
      i.previousFile ? `from ${i.previousFile}` : '',
      i.gatesPassed.length ? `gates passed: ${i.gatesPassed.join(', ')}` : '',
      ...i.approvalsRequired.map((a) => `approval required from ${a.from.join(' or ')} (leaving ${a.phase})`),
    ].filter(Boolean);
    out.push(`  ${oneLine(i.id).padEnd(20)} ${i.change.padEnd(9)} ${oneLine(phase)}${extra.length ? `  (${oneLine(extra.join('; '))})` : ''}`);
  }
  out.push('');
  if (r.diagnostics.length) out.push(formatHuman(r.diagnostics, sources, redacted));
  const { errors, warnings, notices } = r.summary;
  out.push(errors || warnings
    ? `✖ ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${notices} notice${notices === 1 ? '' : 's'}.`
    : `✔ no problems${notices ? ` (${notices} notice${notices === 1 ? '' : 's'})` : ''}.`);
  return out.join('\n') + '\n';
}

/** Control characters from a pull request never reach the terminal. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001F\u007F]/g, ' ');
}
