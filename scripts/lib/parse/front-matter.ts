import type { Diagnostic } from '../model/diagnostic.ts';

export const MAX_FRONT_MATTER_CHARS = 256 * 1024;

export interface FrontMatterSplit {
  /** YAML between the fences, without them. */
  yaml: string;
  /** 1-based file line of the first YAML line (the line after the opening fence). */
  yamlStartLine: number;
  /** Everything after the closing fence line. */
  body: string;
  /** 1-based file line of the first body line. */
  bodyStartLine: number;
}

const FENCE = /^---[ \t]*$/;
const CLOSER = /^(?:---|\.\.\.)[ \t]*$/;

const EXAMPLE = '---\nid: INC-20261203-7KQF\ntitle: Phishing email impersonating payroll\n---\n## Summary\n...';

/**
 * Splits normalised text (no BOM, LF only) into front matter and body. Decides structure before any
 * YAML is parsed, so body prose is never read as metadata (gray-matter#103) and a missing closer is
 * an error rather than "the whole file is front matter".
 */
export function splitFrontMatter(file: string, text: string): FrontMatterSplit | Diagnostic {
  const quick = quickSplit(text);
  if (quick) return quick;
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) {
    const fenceAt = lines.findIndex((l) => FENCE.test(l));
    const before = lines.slice(0, Math.max(fenceAt, 0));
    const looksLikeFrontMatter = fenceAt > 0 && /^[a-z_]+:/m.test(lines.slice(fenceAt + 1, fenceAt + 40).join('\n'));
    if (fenceAt > 0 && (before.every((l) => l.trim() === '') || looksLikeFrontMatter)) {
      return problem(file, 'front-matter/not-first-line', fenceAt + 1,
        `front matter must start on line 1, but its '---' is on line ${fenceAt + 1}`,
        `Remove everything above the opening '---' (blank lines and text included). A file starts like:\n${EXAMPLE}`);
    }
    return problem(file, 'front-matter/missing', 1,
      "file has no front matter: line 1 must be '---'",
      `Start the file with the YAML front matter between two '---' lines, e.g.:\n${EXAMPLE}\nOr create one with: npm run incident -- new`);
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSER.test(lines[i]!)) { close = i; break; }
  }
  if (close === -1) {
    return problem(file, 'front-matter/unclosed', 1,
      "front matter opened with '---' on line 1 but never closed",
      "Add a line containing only '---' after the last YAML key and before the markdown body.");
  }
  const yaml = lines.slice(1, close).join('\n');
  if (yaml.length > MAX_FRONT_MATTER_CHARS) {
    return problem(file, 'front-matter/too-large', 2,
      `front matter is ${yaml.length} characters; the limit is ${MAX_FRONT_MATTER_CHARS}`,
      'Move long narrative into the markdown body sections and keep the front matter to structured fields.');
  }
  return { yaml, yamlStartLine: 2, body: lines.slice(close + 1).join('\n'), bodyStartLine: close + 2 };
}

/**
 * The common case without splitting the whole file into lines (a measurable share of validating
 * a large repository went to split + join): line 1 is '---', a closer follows, the front matter is
 * within its limit. Anything else returns undefined and takes the full path with its diagnostics.
 */
function quickSplit(text: string): FrontMatterSplit | undefined {
  const firstEnd = text.indexOf('\n');
  if (firstEnd < 0 || !FENCE.test(text.slice(0, firstEnd))) return undefined;
  let line = 2;
  for (let start = firstEnd + 1; start < text.length || start === text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const c = text.charCodeAt(start);
    if ((c === 45 || c === 46) && CLOSER.test(text.slice(start, end))) { // '-' or '.'
      const yaml = text.slice(firstEnd + 1, Math.max(firstEnd + 1, start - 1));
      if (yaml.length > MAX_FRONT_MATTER_CHARS) return undefined;
      return { yaml, yamlStartLine: 2, body: end < text.length ? text.slice(end + 1) : '', bodyStartLine: line + 1 };
    }
    if (end >= text.length) break;
    start = end + 1;
  }
  return undefined;
}

export function isSplit(x: FrontMatterSplit | Diagnostic): x is FrontMatterSplit {
  return 'yaml' in x;
}

function problem(file: string, rule: string, line: number, message: string, hint: string): Diagnostic {
  return { rule, severity: 'error', file, line, column: 1, message, hint };
}
