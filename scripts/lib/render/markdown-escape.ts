/**
 * Escapes untrusted text (incident titles, messages that quote incident values, file paths from a
 * pull request) for GitHub-flavoured markdown: job summaries and PR comments (case 21).
 * - HTML is neutralised (`<img onerror=…>` shows as text),
 * - markdown punctuation is backslash-escaped (no links, images, emphasis, tables, headings),
 * - backticks are escaped (no code spans that swallow the rest of the line),
 * - `@` mentions are broken with U+200B so nobody is pinged, and `#123` references are not linked,
 * - line breaks become spaces (one logical line: safe inside a table cell or a list item).
 * The result shows the original text literally when rendered.
 */
// `<`, `>` and `&` become entities instead: a backslash before `&` would stop the entity decoding.
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~]/g;
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\r\n?|\n/g, ' ')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    .replace(/[&<>"']/g, (c) => HTML[c]!)
    .replace(/@/g, '@\u200B')
    .replace(/:\/\//g, ':\u200B//');
}
