import type { Diagnostic } from '../model/diagnostic.ts';

/**
 * Human output: diagnostics grouped by file, each with a code frame pointing at the exact column.
 * Lines of TLP:RED files are not shown in frames (their content must not reach logs).
 */
export function formatHuman(diags: readonly Diagnostic[], sources: ReadonlyMap<string, string>, redactedFiles: ReadonlySet<string> = new Set()): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diags) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(file);
    const lines = sources.get(file)?.split('\n');
    for (const d of list) {
      const where = d.line ? `${d.line}:${d.column}` : '-';
      out.push(`  ${where.padEnd(8)} ${d.severity.padEnd(7)} ${d.message}  [${d.rule}]`);
      if (lines && d.line > 0 && !redactedFiles.has(file)) out.push(...codeFrame(lines, d.line, d.column));
      if (d.hint) out.push(...d.hint.split('\n').map((h, i) => `${' '.repeat(19)}${i === 0 ? 'hint: ' : '      '}${h}`));
    }
    out.push('');
  }
  return out.join('\n');
}

function codeFrame(lines: readonly string[], line: number, column: number): string[] {
  const out: string[] = [];
  const width = String(Math.min(lines.length, line + 1)).length;
  for (let n = Math.max(1, line - 1); n <= Math.min(lines.length, line + 1); n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    out.push(`    ${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text.length > 140 ? text.slice(0, 137) + '...' : text}`);
    if (n === line) out.push(`      ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out;
}

export function summaryLine(fileCount: number, diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  const withFindings = new Set(diags.map((d) => d.file)).size;
  if (!errors && !warnings) return `✔ ${fileCount} incident file${fileCount === 1 ? '' : 's'} checked: no problems.`;
  return `✖ ${fileCount} incident file${fileCount === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${withFindings} file${withFindings === 1 ? '' : 's'}.`;
}
