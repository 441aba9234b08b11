import { markdownParagraphs } from '../body.ts';

/** What `## Summary` says when the source record had no summary text. */
export const EMPTY_SUMMARY = '_No summary in the source record._';

export function summaryMarkdown(summary: string): string {
  const md = markdownParagraphs(summary);
  return md === '' ? EMPTY_SUMMARY : md;
}
