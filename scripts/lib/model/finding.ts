import type { Diagnostic, Severity } from './diagnostic.ts';
import type { ParsedFile } from '../parse/incident-file.ts';

/**
 * What a rule yields: a problem located by front-matter pointer (or body line). The runner turns it
 * into a Diagnostic with file:line:column, so rules stay pure and position-free.
 */
export interface Finding {
  rule: string;
  severity?: Severity;
  /** ajv-style pointer, e.g. `/timestamps/acknowledged_at`; '' is the front matter as a whole. */
  pointer?: string;
  which?: 'key' | 'value';
  /** A body line, for section findings. */
  line?: number;
  /** Column on that line (1 when absent). */
  column?: number;
  message: string;
  hint: string;
  /** Dotted front-matter path of a missing field (gate findings), so tools can offer to fill it. */
  field?: string;
}

export function toDiagnostic(parsed: ParsedFile, f: Finding): Diagnostic {
  const pos = f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : parsed.locate(f.pointer ?? '', f.which ?? 'key');
  return {
    rule: f.rule, severity: f.severity ?? 'error', file: parsed.file, line: pos.line, column: pos.column,
    message: f.message, hint: f.hint, ...(f.pointer !== undefined ? { path: f.pointer || '/' } : {}),
  };
}
