import type { Heading, Html, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { parseMarkdown } from '../../parse/markdown.ts';

/**
 * Body markdown → mdast, with a fast path. remark's full parse costs ~2 ms per incident body, which
 * alone would spend the whole 10,000-incident report budget; most bodies are ATX headings, one-line
 * HTML comments and paragraphs of plain prose with `code` spans. For exactly that subset this scanner
 * builds the same tree remark builds (checked against remark in fast-markdown.test.ts, including
 * generated inputs); anything else — lists, emphasis, links, tables, `@`, `://`, entities,
 * indentation — goes to remark unchanged.
 */
export function parseBody(body: string): Root {
  return parseSimple(body) ?? parseMarkdown(body);
}

const HEADING = /^(#{1,6}) (\S(?:.*\S)?)$/;
const COMMENT = /^<!--.*-->$/;
/** Characters with no markdown meaning in running text (outside code spans). */
const PLAIN = /^[A-Za-z0-9À-ÖØ-öø-ɏ ,.;:'"()%/+=?–—‘’“”€£°-]*$/;
const LIST_LIKE = /^\d{1,9}[.)](?: |$)/;

export function parseSimple(body: string): Root | undefined {
  const children: RootContent[] = [];
  let para: string[] = [];
  const flush = (): boolean => {
    if (!para.length) return true;
    const kids = inline(para.join('\n'));
    para = [];
    if (!kids) return false;
    children.push({ type: 'paragraph', children: kids } satisfies Paragraph);
    return true;
  };
  for (const line of body.split('\n')) {
    if (line === '') { if (!flush()) return undefined; continue; }
    const h = HEADING.exec(line);
    if (h) {
      if (!flush()) return undefined;
      if (/#\s*$/.test(h[2]!)) return undefined;
      const kids = inline(h[2]!);
      if (!kids) return undefined;
      children.push({ type: 'heading', depth: h[1]!.length as Heading['depth'], children: kids });
      continue;
    }
    if (COMMENT.test(line)) {
      if (!flush()) return undefined;
      children.push({ type: 'html', value: line } satisfies Html);
      continue;
    }
    if (!/^[A-Za-z0-9`("'‘“]/.test(line) || LIST_LIKE.test(line) || /\s$/.test(line)) return undefined;
    para.push(line);
  }
  return flush() ? { type: 'root', children } : undefined;
}

function inline(text: string): PhrasingContent[] | undefined {
  if (/www\.|:\/\//i.test(text)) return undefined;
  const parts = text.split('`');
  if (parts.length % 2 === 0) return undefined;
  const out: PhrasingContent[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      if (!part.split('\n').every((l) => PLAIN.test(l))) return undefined;
      if (part) out.push({ type: 'text', value: part });
    } else {
      if (!/^[^`\s](?:[^`\n]*[^`\s])?$/.test(part)) return undefined;
      out.push({ type: 'inlineCode', value: part });
    }
  }
  return out;
}
