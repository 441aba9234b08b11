import type { AuditResult, AuditViolation } from '../check/run-audit.ts';

/**
 * Human output of `incident audit`: violations grouped by commit (short sha, date, author,
 * subject), each with file:line:column, the rule and, when `hints`, how to repair it.
 */
export function formatAuditHuman(r: AuditResult, hints: boolean): string {
  const out: string[] = [];
  out.push(`audited ${r.commits} commit${r.commits === 1 ? '' : 's'} changing incidents (first-parent history of ${r.headSha.slice(0, 12)}${r.since ? ` since ${oneLine(r.since)}` : ''}), ${r.versions} incident version${r.versions === 1 ? '' : 's'}`);
  const byCommit = new Map<string, AuditViolation[]>();
  for (const v of r.violations) byCommit.set(v.sha, [...(byCommit.get(v.sha) ?? []), v]);
  for (const list of byCommit.values()) {
    const c = list[0]!;
    out.push('', `commit ${c.commit}  ${c.date}  ${oneLine(c.author)}  "${oneLine(c.subject)}"`);
    for (const v of list) {
      out.push(`  ${v.file}:${v.line}:${v.column}  ${v.severity}  ${oneLine(v.message)}  [${v.rule}]`);
      if (hints && v.hint) out.push(...v.hint.split('\n').map((h, i) => `      ${i === 0 ? 'hint: ' : '      '}${oneLine(h)}`));
    }
  }
  const errors = r.violations.filter((v) => v.severity === 'error').length;
  out.push('', errors || r.violations.length
    ? `✖ ${r.violations.length} violation${r.violations.length === 1 ? '' : 's'} in ${byCommit.size} commit${byCommit.size === 1 ? '' : 's'}.`
    : '✔ no violations: every incident change in this history followed the rules.');
  return out.join('\n') + '\n';
}

/** Text from commits (authors, subjects, messages quoting incident values) stays on one line, no control characters. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001F\u007F]/g, ' ');
}
