/**
 * Body sections by heading, from a line scanner that follows CommonMark's block rules for what
 * matters here (ATX and setext headings, fenced code, HTML comment blocks). Full mdast (remark +
 * GFM, see markdown.ts) is ~200x slower and only needed to render reports; sections.test.ts checks
 * that both agree on the headings of every fixture.
 */
export interface Section {
  title: string;
  level: number;
  /** 1-based file line of the heading. */
  line: number;
  /** Raw markdown under the heading, up to the next heading of the same or a higher level. */
  content: string;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const BLOCK_START = /^ {0,3}(?:[-*+>]|\d{1,9}[.)]|#|`{3}|~{3}|<|\|)/;

interface Heading { title: string; level: number; index: number; endIndex: number }

export function parseSections(body: string, bodyStartLine: number): Section[] {
  const lines = body.split('\n');
  const headings: Heading[] = [];
  let fence: string | null = null;
  let inComment = false;
  let paragraph = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`).test(line)) fence = null;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const f = FENCE_OPEN.exec(line);
    if (f) { fence = f[1]!; paragraph = false; continue; }
    if (/^ {0,3}<!--/.test(line)) { inComment = !line.includes('-->', line.indexOf('<!--') + 4); paragraph = false; continue; }
    const atx = ATX.exec(line);
    if (atx) {
      headings.push({ title: (atx[2] ?? '').trim(), level: atx[1]!.length, index: i, endIndex: i });
      paragraph = false;
      continue;
    }
    if (paragraph && SETEXT.test(line)) {
      const prev = lines[i - 1]!;
      headings.push({ title: prev.trim(), level: line.trim()[0] === '=' ? 1 : 2, index: i - 1, endIndex: i });
      paragraph = false;
      continue;
    }
    if (line.trim() === '') { paragraph = false; continue; }
    if (!paragraph) paragraph = !BLOCK_START.test(line) && !/^( {4}|\t)/.test(line);
  }
  return headings.map((h, k) => {
    let end = lines.length;
    for (let j = k + 1; j < headings.length; j++) {
      if (headings[j]!.level <= h.level) { end = headings[j]!.index; break; }
    }
    return { title: h.title, level: h.level, line: bodyStartLine + h.index, content: lines.slice(h.endIndex + 1, end).join('\n') };
  });
}

/** Finds a section by title, case-insensitively (`## Root cause` matches `Root Cause`). */
export function findSection(sections: readonly Section[], title: string): Section | undefined {
  const want = normaliseTitle(title);
  return sections.find((s) => normaliseTitle(s.title) === want);
}

export function normaliseTitle(t: string): string {
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Template guidance left in place: empty once comments are removed, or only TODO lines. */
export function isPlaceholder(content: string): boolean {
  const text = content.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim();
  if (text === '') return true;
  return text.split('\n').every((l) => l.trim() === '' || /^\s*(?:[-*]\s*)?[_*]?\s*TODO\b/i.test(l));
}
