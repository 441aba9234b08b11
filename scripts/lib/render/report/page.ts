import { escapeXml as esc } from './escape.ts';
import { PAGE_CSS } from './style.ts';

/**
 * A complete, self-contained HTML document: inline CSS (screen and print), no scripts, no external
 * resources, and a Content-Security-Policy that forbids loading any — the report works offline and
 * opening it makes no request.
 */
export interface PageParts {
  title: string;
  /** Short text shown in the top bar, e.g. "Executive report". */
  kicker: string;
  /** TLP label for the banner (the page's own label), or undefined for none. */
  tlp?: string;
  tlpGuidance?: string;
  /** Already-escaped HTML of the main content. */
  main: string;
  /** Already-escaped HTML of the footer. */
  footer: string;
  /** Extra class on <body>, e.g. "compact" for the one-page executive report. */
  bodyClass?: string;
}

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * The start of every page, the same bytes on each: a compile encodes and hashes it once and only
 * the rest of each page per file (compile.ts). The stylesheet is a third of a report's bytes.
 */
export const PAGE_HEAD = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<style>${PAGE_CSS}</style>
`;

export function htmlPage(parts: PageParts): string {
  return PAGE_HEAD + htmlPageRest(parts);
}

/** A page without PAGE_HEAD: from the title on. */
export function htmlPageRest(parts: PageParts): string {
  const tlpClass = parts.tlp ? parts.tlp.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-+$/, '') : '';
  const banner = parts.tlp
    ? `<div class="tlp ${tlpClass}"><span class="tlp-label">${esc(parts.tlp)}</span>${parts.tlpGuidance ? `<span class="tlp-guidance">${esc(parts.tlpGuidance)}</span>` : ''}</div>`
    : '';
  return `<title>${esc(parts.title)}</title>
</head>
<body${parts.bodyClass ? ` class="${esc(parts.bodyClass)}"` : ''}>
<header class="top">${banner}<div class="kicker">${esc(parts.kicker)}</div></header>
<main>
${parts.main}
</main>
<footer>
${parts.footer}
</footer>
</body>
</html>
`;
}
