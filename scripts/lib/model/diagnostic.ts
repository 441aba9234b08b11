/** A finding about user data. Diagnostics are data: collected, sorted, rendered; never thrown. */
export type Severity = 'error' | 'warning' | 'notice';

export interface Diagnostic {
  /** Stable rule id, e.g. `schema/enum`, `yaml/duplicate-key`, `gate/missing-field`. */
  rule: string;
  severity: Severity;
  /** Repository-relative path with forward slashes. */
  file: string;
  /** 1-based; 0 when the finding is about the file as a whole and has no position. */
  line: number;
  column: number;
  /** What is wrong and what is expected. Never contains secret or TLP:RED values. */
  message: string;
  /** How to fix it, with an example. */
  hint?: string;
  /** JSON-pointer-like path of the offending front-matter value, when there is one. */
  path?: string;
}

export interface Position {
  line: number;
  column: number;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Deterministic order: file, line, column, rule, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    severityRank[a.severity] - severityRank[b.severity] ||
    cmp(a.rule, b.rule) ||
    cmp(a.message, b.message)
  );
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(compareDiagnostics);
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
