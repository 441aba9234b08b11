import { escapeMarkdown } from '../render/markdown-escape.ts';

/**
 * Untrusted text (titles, messages, anything from a pull request) for one line of Markdown in a
 * comment, issue or summary: escaped by the shared escaper (no HTML, links, code spans or
 * @mentions) and shortened first, so one long value cannot crowd out the rest of a comment.
 */
export function escapeInline(text: string, maxLength = 300): string {
  const t = text.length > maxLength ? text.slice(0, maxLength - 1) + '…' : text;
  return escapeMarkdown(t);
}
