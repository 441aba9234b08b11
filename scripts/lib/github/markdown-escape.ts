// Text from incident files (titles, messages) is written by whoever opened the pull request. Before
// it goes into a PR comment, an issue or a job summary it is neutralised: no HTML, no Markdown
// structure (links, images, emphasis, code, tables), no @mentions that would ping people or teams,
// no line breaks that could start a new block.

const MARKDOWN_SPECIALS = /[\\`*_{}[\]()#+\-.!|~]/g;

/** Escapes untrusted text for use inside one line of Markdown. */
export function escapeInline(text: string, maxLength = 300): string {
  let t = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  if (t.length > maxLength) t = t.slice(0, maxLength - 1) + '…';
  return t
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(MARKDOWN_SPECIALS, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//');
}
