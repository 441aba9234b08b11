import type { Diagnostic } from '../model/diagnostic.ts';

/** Deeper flow nesting than any incident needs; beyond it YAML readers recurse out of stack. */
export const MAX_FLOW_DEPTH = 64;

/**
 * Refuses front matter whose flow collections (`[`, `{`) nest deeper than MAX_FLOW_DEPTH, before
 * any reader recurses into them: 50,000 `[` in 100 KB made every YAML reader throw a RangeError
 * (maximum call stack size). Brackets inside quotes count too — conservative, and no real
 * incident has 64 unclosed brackets in its text.
 */
export function flowNestingProblem(file: string, yaml: string, yamlStartLine: number): Diagnostic | undefined {
  let depth = 0;
  let line = yamlStartLine;
  let lineStart = 0;
  let compact = 0; // `- - - x` / `? ? x` at the start of a line nest too
  let atLineStart = true;
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml.charCodeAt(i);
    if (c === 10) { line++; lineStart = i + 1; compact = 0; atLineStart = true; continue; }
    if (atLineStart && (c === 45 || c === 63) && (yaml.charCodeAt(i + 1) === 32 || yaml.charCodeAt(i + 1) === 10)) { // '- ' '? '
      if (++compact > MAX_FLOW_DEPTH) return tooDeep(file, line, i - lineStart + 1);
      continue;
    }
    if (c !== 32) atLineStart = false;
    if (c === 91 || c === 123) { // [ {
      if (++depth > MAX_FLOW_DEPTH) return tooDeep(file, line, i - lineStart + 1);
    } else if ((c === 93 || c === 125) && depth > 0) depth--; // ] }
  }
  return undefined;
}

export function tooDeep(file: string, line: number, column: number): Diagnostic {
  return { rule: 'yaml/too-deep', severity: 'error', file, line, column,
    message: `front matter nests lists or mappings more than ${MAX_FLOW_DEPTH} levels deep`,
    hint: 'Incident fields nest two or three levels, e.g. `timeline: [{ at: 2026-12-03T09:30:00Z, by: a.ng, kind: action, entry: "..." }]`. Flatten the value.' };
}
