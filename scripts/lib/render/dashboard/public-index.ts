import { escapeXml as esc } from '../report/escape.ts';
import { fmtTime } from '../report/format.ts';
import { htmlPage } from '../report/page.ts';

/** The public index: published statements only (nothing else about other incidents, not even counts). */
export interface PublicIndex {
  schema: 'incident-ledger/public-index@1';
  source: { commit: string; generated_at: string };
  statements: { id: string; title: string; href: string }[];
}

export function publicIndexHtml(d: PublicIndex): string {
  const list = d.statements.length
    ? `<ul>${d.statements.map((s) => `<li><a href="${esc(s.href)}">${esc(s.title)}</a> <span class="muted">${esc(s.id)}</span></li>`).join('')}</ul>`
    : '<p class="muted">No statements published.</p>';
  return htmlPage({
    title: 'Security incident statements', kicker: 'Public statements', tlp: 'TLP:CLEAR', tlpGuidance: 'Disclosure is not limited.',
    main: `<h1>Security incident statements</h1>\n${list}`,
    footer: `<p>As of ${esc(fmtTime(d.source.generated_at))}; source commit <code>${esc(d.source.commit)}</code>. Machine-readable: <a href="index.json">index.json</a>.</p>`,
  });
}
