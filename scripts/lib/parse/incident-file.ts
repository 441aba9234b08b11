import type { Diagnostic, Position } from '../model/diagnostic.ts';
import { isSplit, splitFrontMatter } from './front-matter.ts';
import { flowNestingProblem, tooDeep } from './nesting.ts';
import { parseSections, type Section } from './sections.ts';
import { decodeSource, isSourceText } from './source-text.ts';
import { readYaml, type YamlRead } from './yaml-reader.ts';

/** One incident file, read. `data` is present only when the front matter is a readable mapping. */
export interface ParsedFile {
  file: string;
  /** Normalised text (no BOM, LF line ends); '' when the bytes could not be decoded. */
  text: string;
  data?: Record<string, unknown>;
  body: string;
  bodyStartLine: number;
  sections: Section[];
  /** Problems with the file's structure or YAML (schema and rules come later, in validate/). */
  diagnostics: Diagnostic[];
  hadBom: boolean;
  lineEnding: '\n' | '\r\n';
  /** Position of a front-matter key or value by ajv-style pointer (`/timeline/2/at`). Lazy: the
   * positional parse runs only when a diagnostic needs a position. */
  locate(pointer: string, which: 'key' | 'value'): Position;
}

export function parseIncidentFile(file: string, content: Uint8Array | string): ParsedFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const src = decodeSource(file, bytes);
  const base = { file, text: '', body: '', bodyStartLine: 1, sections: [] as Section[], hadBom: false, lineEnding: '\n' as const, locate: () => ({ line: 1, column: 1 }) };
  if (!isSourceText(src)) return { ...base, diagnostics: [src] };
  const split = splitFrontMatter(file, src.text);
  const common = { ...base, text: src.text, hadBom: src.hadBom, lineEnding: src.lineEnding };
  if (!isSplit(split)) return { ...common, diagnostics: [split] };

  const sections = parseSections(split.body, split.bodyStartLine);
  const withBody = { ...common, body: split.body, bodyStartLine: split.bodyStartLine, sections };
  const nesting = flowNestingProblem(file, split.yaml, split.yamlStartLine);
  if (nesting) return { ...withBody, diagnostics: [nesting] };

  let read: YamlRead;
  try {
    read = readYaml(file, split.yaml, split.yamlStartLine);
  } catch (err) {
    // Defence in depth behind flowNestingProblem: a shape that still exhausts the stack is a
    // finding about the file, never a crash of the whole run.
    if (!(err instanceof RangeError)) throw err;
    const startOfYaml = () => ({ line: split.yamlStartLine, column: 1 });
    return { ...withBody, diagnostics: [tooDeep(file, split.yamlStartLine, 1)], locate: startOfYaml };
  }
  const { value, diagnostics, locate } = read;
  if (diagnostics.length) return { ...withBody, diagnostics, locate };

  if (value === null || value === undefined) {
    return { ...withBody, locate, diagnostics: [{
      rule: 'front-matter/empty', severity: 'error', file, line: 1, column: 1,
      message: 'front matter is empty: an incident needs at least id, title, phase and the detection fields',
      hint: 'Start from templates/incident.md, or run: npm run incident -- new',
    }] };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'a list' : `a single ${typeof value} value`;
    return { ...withBody, locate, diagnostics: [{
      rule: 'front-matter/not-mapping', severity: 'error', file, line: split.yamlStartLine, column: 1,
      message: `front matter must be a key/value mapping, but it is ${kind}`,
      hint: 'Write one `key: value` per line, e.g.\nid: INC-20261203-7KQF\ntitle: Phishing email impersonating payroll',
    }] };
  }
  return { ...withBody, data: value as Record<string, unknown>, diagnostics: [], locate };
}
