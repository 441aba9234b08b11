/** Text and attribute escaping for HTML and SVG: every piece of incident text passes through here. */
const SPECIAL = /[&<>"']/;

export function escapeXml(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}
