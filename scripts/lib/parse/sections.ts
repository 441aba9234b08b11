/**
 * Body sections by top-level heading, from a line scanner that follows CommonMark + GFM block
 * rules as far as they decide where headings are (see scanHeadings). Full mdast (remark + GFM, see
 * markdown.ts) is ~100x slower and only needed to render reports; sections.test.ts holds both to
 * the same headings on every fixture, example and template, and on fast-check-assembled bodies.
 * Headings inside list items and block quotes are not sections (remark nests them too).
 */
export interface Section {
  title: string;
  level: number;
  /** 1-based file line of the heading. */
  line: number;
  /** 1-based file line where `content` starts (after a setext heading's underline). */
  contentLine: number;
  /** Raw markdown under the heading, up to the next heading of the same or a higher level. */
  content: string;
}

interface Heading { title: string; level: number; index: number; endIndex: number }

export function parseSections(body: string, bodyStartLine: number): Section[] {
  const lines = body.split('\n');
  const headings = scanHeadings(lines);
  return headings.map((h, k) => {
    let end = lines.length;
    for (let j = k + 1; j < headings.length; j++) {
      if (headings[j]!.level <= h.level) { end = headings[j]!.index; break; }
    }
    return { title: h.title, level: h.level, line: bodyStartLine + h.index, contentLine: bodyStartLine + h.endIndex + 1, content: lines.slice(h.endIndex + 1, end).join('\n') };
  });
}

// --- the scanner ---------------------------------------------------------------------------------
// Block structure per CommonMark 0.31 + GFM tables, as far as it decides where top-level headings
// are: fenced and indented code, HTML blocks (7 kinds), containers (list items, block quotes) whose
// headings are not sections, lazy continuation lines, setext headings over multi-line paragraphs,
// and tables (whose rows are never paragraphs). sections.test.ts holds it to remark's answer.

const ATX_OPEN = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^( {0,3})([-*+]|(\d{1,9})[.)])([ \t]+|$)/;
const QUOTE = /^ {0,3}>/;
const HTML_END: readonly [RegExp, RegExp | null][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t]|\/?>|$)/i, null],
];
/** Kind 7: a lone complete open or closing tag; ends at a blank line, cannot interrupt a paragraph. */
const HTML_TAG_LINE = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function indentOf(line: string): number {
  let col = 0;
  for (const ch of line) {
    if (ch === ' ') col++;
    else if (ch === '\t') col += 4 - (col % 4);
    else break;
  }
  return col;
}

const isBlank = (line: string) => line.trim() === '';

/** Remove `n` columns of leading indentation (tabs expanded). */
function dedent(line: string, n: number): string {
  let col = 0;
  let i = 0;
  while (i < line.length && col < n && (line[i] === ' ' || line[i] === '\t')) {
    col += line[i] === '\t' ? 4 - (col % 4) : 1;
    i++;
  }
  return ' '.repeat(Math.max(0, col - n)) + line.slice(i);
}

function htmlStart(line: string, inParagraph: boolean): RegExp | null | undefined {
  // Every HTML block start is `<` after at most 3 spaces: skip the eight patterns for other lines.
  const lt = line.indexOf('<');
  if (lt < 0 || lt > 3 || line.slice(0, lt).trim() !== '') return undefined;
  for (const [start, end] of HTML_END) if (start.test(line)) return end;
  if (!inParagraph && HTML_TAG_LINE.test(line)) return null;
  return undefined;
}

function atxTitle(line: string): { level: number; title: string } | undefined {
  const m = ATX_OPEN.exec(line);
  if (!m) return undefined;
  const rest = line.slice(m[0].length).trim();
  // A closing sequence (`## Title ##`, or only `##`) is not part of the title.
  const title = /^#+$/.test(rest) ? '' : rest.replace(/[ \t]+#+$/, '').trim();
  return { level: m[1]!.length, title };
}

function cells(row: string): number {
  const t = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return t.split(/(?<!\\)\|/).length;
}

/**
 * Could `line` start a block that ends a paragraph (so it is no lazy continuation line)? After a
 * table (`afterParagraph` false) every block start counts, also lists from any number and lone tags.
 */
function interrupts(line: string, afterParagraph = true): boolean {
  if (isBlank(line) || indentOf(line) >= 4) return isBlank(line) || !afterParagraph;
  if (ATX_OPEN.test(line) || FENCE_OPEN.test(line) && !(/^ {0,3}`/.test(line) && FENCE_OPEN.exec(line)![2]!.includes('`'))) return true;
  if (THEMATIC.test(line) || QUOTE.test(line) || htmlStart(line, afterParagraph) !== undefined) return true;
  const li = LIST_ITEM.exec(line);
  return Boolean(li && (!afterParagraph || (!isBlank(line.slice(li[0].length)) && (li[3] === undefined || li[3] === '1'))));
}

interface Inner { fence: string | null; paragraph: boolean }

/** The closing line of a code fence opened by `fence` (memoised: every line inside a fence is tested). */
const fenceCloses = new Map<string, RegExp>();
function fenceClose(fence: string): RegExp {
  let re = fenceCloses.get(fence);
  if (fenceCloses.size > 64) fenceCloses.clear(); // bounded: fence lengths come from the file
  if (!re) fenceCloses.set(fence, (re = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`)));
  return re;
}

/** Tracks fences and paragraphs inside a container, to know whether the next line may be lazy. */
function innerLine(state: Inner, text: string): void {
  if (state.fence) {
    if (fenceClose(state.fence).test(text)) state.fence = null;
    return;
  }
  let t = text;
  // Nested containers: look through their markers at the content. Bounded: `- - - … x` 20,000
  // deep made this loop quadratic (32 s); past 16 levels the rest is read as paragraph text.
  for (let depth = 0; depth < 16; depth++) {
    const q = /^ {0,3}> ?/.exec(t);
    if (q) { t = t.slice(q[0].length); continue; }
    const li = LIST_ITEM.exec(t);
    if (li && !THEMATIC.test(t)) { t = t.slice(li[0].length); continue; }
    break;
  }
  const f = FENCE_OPEN.exec(t);
  if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) { state.fence = f[1]!; state.paragraph = false; return; }
  if (isBlank(t)) { state.paragraph = false; return; }
  if (indentOf(t) >= 4) return;
  if (ATX_OPEN.test(t) || THEMATIC.test(t) || htmlStart(t, state.paragraph) !== undefined || (state.paragraph && SETEXT.test(t))) { state.paragraph = false; return; }
  state.paragraph = true;
}

function scanHeadings(lines: readonly string[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  let html: RegExp | null | undefined;            // end condition of the open HTML block (null: blank line)
  let container: { kind: 'list' | 'quote'; indent: number; inner: Inner; emptyStart?: boolean } | undefined;
  let table = false;
  let paraStart = -1;                              // first line of the open top-level paragraph
  let afterCode = false;                           // previous line was indented code (micromark: like a paragraph for what may start)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let leftContainer = false;
    if (fence) {
      if (fenceClose(fence).test(line)) fence = null;
      continue;
    }
    if (html !== undefined) {
      if (html === null ? isBlank(line) : html.test(line)) html = undefined;
      continue;
    }
    if (container) {
      const c = container;
      if (c.kind === 'list') {
        // An item that starts empty ends at a blank line: it cannot hold anything after one.
        if (c.emptyStart && isBlank(line)) { container = undefined; paraStart = -1; continue; }
        c.emptyStart = false;
        if (isBlank(line) || indentOf(line) >= c.indent) { innerLine(c.inner, isBlank(line) ? '' : dedent(line, c.indent)); continue; }
      } else if (QUOTE.test(line)) {
        innerLine(c.inner, line.replace(/^ {0,3}> ?/, ''));
        continue;
      }
      // A lazy continuation line (micromark: any list item marker ends the laziness).
      // After a lazy lone-tag line (`<custom>`), micromark ends the laziness.
      if (!isBlank(line) && c.inner.paragraph && !c.inner.fence && !interrupts(line) && !LIST_ITEM.test(line)) {
        if (HTML_TAG_LINE.test(line)) c.inner.paragraph = false;
        continue;
      }
      container = undefined;
      leftContainer = true;
    }
    if (table) {
      if (!isBlank(line) && !interrupts(line, false)) continue; // another row
      table = false;
    }
    if (isBlank(line)) { paraStart = -1; continue; } // an indented code block goes on over blank lines
    const inParagraph = paraStart >= 0;
    const wasCode = afterCode;
    afterCode = false;
    // Prose (a letter in column 1) starts none of the blocks below: no fence, heading, rule, table
    // delimiter, HTML, quote or list marker begins with one. Most body lines take this path.
    const c0 = line.charCodeAt(0) | 0x20;
    if (c0 >= 0x61 && c0 <= 0x7a) { if (!inParagraph) paraStart = i; continue; }
    if (indentOf(line) >= 4) { afterCode = !inParagraph && !leftContainer; continue; } // indented code, or a paragraph continuation line
    const f = FENCE_OPEN.exec(line);
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) { fence = f[1]!; paraStart = -1; continue; }
    const atx = atxTitle(line);
    if (atx) { headings.push({ ...atx, index: i, endIndex: i }); paraStart = -1; continue; }
    if (inParagraph && SETEXT.test(line)) {
      const title = lines.slice(paraStart, i).map((l) => l.trim()).join(' ');
      headings.push({ title, level: line.trim()[0] === '=' ? 1 : 2, index: paraStart, endIndex: i });
      paraStart = -1;
      continue;
    }
    if (THEMATIC.test(line)) { paraStart = -1; continue; }
    if (inParagraph && line.includes('|') && TABLE_DELIMITER.test(line) && cells(line) === cells(lines[i - 1]!)) {
      // GFM: the paragraph's last line was a table's header row; the rest of it stays a paragraph.
      table = true;
      paraStart = -1;
      continue;
    }
    const hs = htmlStart(line, inParagraph);
    if (hs !== undefined) {
      html = hs;
      if (hs && hs.test(line.replace(/^ {0,3}<!--/, '    '))) html = undefined; // closed on its own line
      paraStart = -1;
      continue;
    }
    if (QUOTE.test(line)) {
      container = { kind: 'quote', indent: 0, inner: { fence: null, paragraph: false } };
      innerLine(container.inner, line.replace(/^ {0,3}> ?/, ''));
      paraStart = -1;
      continue;
    }
    const li = LIST_ITEM.exec(line);
    if (li && (!(inParagraph || wasCode) || (!isBlank(line.slice(li[0].length)) && (li[3] === undefined || li[3] === '1')))) {
      const markerEnd = li[1]!.length + li[2]!.length;
      const spaces = indentOf(li[4]!);
      const empty = isBlank(line.slice(li[0].length));
      const indent = markerEnd + (empty || spaces > 4 ? 1 : spaces);
      container = { kind: 'list', indent, inner: { fence: null, paragraph: false }, emptyStart: empty };
      innerLine(container.inner, empty ? '' : dedent(line, indent));
      paraStart = -1;
      continue;
    }
    if (!inParagraph) paraStart = i;
  }
  return headings;
}

/** Finds a section by title, case-insensitively (`## Root cause` matches `Root Cause`). */
export function findSection(sections: readonly Section[], title: string): Section | undefined {
  const want = normaliseTitle(title);
  return sections.find((s) => normaliseTitle(s.title) === want);
}

export function normaliseTitle(t: string): string {
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A line that says nothing yet: `TODO …`, `TBD`, `FIXME`, `Lorem ipsum …`, or only `N/A`, `pending`, `see above`, `...`, `-`. */
const PLACEHOLDER_LINE = /^\s*(?:[-*]\s*)?[_*]*\s*(?:(?:TODO|TBD|TBA|TBC|FIXME|XXX|lorem ipsum)\b.*|(?:N\/?A|n\.a|pending|see above|to be (?:documented|done|added|confirmed)|\.+|…|-+|\?+)[_*.!\s]*)$/i;

/** Template guidance left in place: empty once comments are removed, or only placeholder lines. */
export function isPlaceholder(content: string): boolean {
  const text = content.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim();
  if (text === '') return true;
  return text.split('\n').every((l) => l.trim() === '' || PLACEHOLDER_LINE.test(l));
}
