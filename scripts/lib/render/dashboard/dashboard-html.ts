import { AUDIENCE_TITLES } from '../report/render-report.ts';
import { escapeXml as esc } from '../report/escape.ts';
import { fmtTime, humanize } from '../report/format.ts';
import { htmlPage } from '../report/page.ts';
import { AUDIENCES, labelOf, maxTlp, TLP_GUIDANCE } from '../report/tlp.ts';
import type { DashboardData } from './dashboard-data.ts';
import { columnChart, lineChart } from './trend-charts.ts';

/** The internal dashboard page: every incident, counts, open work, notices, metrics and trends. */
export function dashboardHtml(d: DashboardData): string {
  const overdue = d.notices.overdue.length;
  const cards = [
    ['Incidents', d.counts.total], ['Open', d.counts.open], ['Closed', d.counts.closed],
    ...(d.notices.available ? [['Overdue notices', overdue], ['Upcoming notices', d.notices.upcoming.length]] : []),
  ].map(([t, n]) => `<div class="card"><div class="n">${esc(String(n))}</div><div class="t">${esc(String(t))}</div></div>`).join('');
  const months = d.trends.map((t) => t.month);
  const main = [
    '<h1>Incident dashboard</h1>',
    `<p class="muted">As of ${esc(fmtTime(d.source.generated_at))} · ${d.counts.total} incident${d.counts.total === 1 ? '' : 's'} · commit <code>${esc(d.source.commit.slice(0, 12))}</code></p>`,
    `<div class="cards">${cards}</div>`,
    '<h2>Notices</h2>', noticesHtml(d),
    '<h2>Open incidents</h2>', openHtml(d),
    '<h2>Breakdown</h2>',
    `<div class="grid2"><div><h3>By phase</h3>${bars(d.counts.by_phase.map((x) => [x.title, x.count]))}</div><div><h3>By severity</h3>${bars(d.counts.by_severity.map((x) => [x.severity, x.count]))}</div><div><h3>By category</h3>${bars(d.counts.by_category.map((x) => [humanize(x.category), x.count]))}</div></div>`,
    '<h2>Trends</h2>',
    `<div class="grid2"><figure class="chart-wrap">${columnChart('Incidents detected per month', months, d.trends.map((t) => t.incidents))}<figcaption>Incidents detected per month</figcaption></figure>`
      + `<figure class="chart-wrap">${lineChart('Median hours to contain and to recover, by month of detection', months, [{ name: 'to contain', values: d.trends.map((t) => t.median_hours['contain'] ?? null) }, { name: 'to recover', values: d.trends.map((t) => t.median_hours['recover'] ?? null) }], 'h')}<figcaption>Median hours to contain and to recover, by month of detection</figcaption></figure></div>`,
    '<h2>Response metrics</h2>', metricsHtml(d),
    '<h2>All incidents</h2>', allHtml(d),
  ].join('\n');
  const footer = `<h2>About this dashboard</h2><p>Source commit <code>${esc(d.source.commit)}</code>${d.source.dirty ? ' (incident files changed since this commit)' : ''}; inputs sha256 <code>${esc(d.source.inputs_sha256)}</code>; as of ${esc(fmtTime(d.source.generated_at))}. Machine-readable: <a href="index.json">index.json</a>. Internal: this page lists incidents of every TLP label and carries the highest of them.</p>`;
  // Titles and counts of every incident: the page carries the highest label among them.
  const label = maxTlp(d.incidents.map((i) => labelOf(i.tlp)));
  return htmlPage({ title: 'Incident dashboard', kicker: 'Incident dashboard · internal', tlp: label, tlpGuidance: TLP_GUIDANCE[label], main, footer });
}

function bars(rows: readonly [string, number][]): string {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return `<div class="bars">${rows.map(([label, n]) => `<span>${esc(label)}</span><div class="track"><div class="fill" style="width:${((100 * n) / max).toFixed(1)}%"></div></div><strong>${n}</strong>`).join('')}</div>`;
}

function age(h: number): string {
  return h < 48 ? `${h} h` : `${Math.floor(h / 24)} d ${Math.round(h % 24)} h`;
}

function openHtml(d: DashboardData): string {
  if (!d.open.length) return '<p class="muted">No open incidents.</p>';
  return `<div class="table"><table><thead><tr><th>Incident</th><th>Phase</th><th>Severity</th><th>Owner</th><th class="right">In phase for</th></tr></thead><tbody>${d.open.map((o) => `<tr><td>${o.report ? `<a href="${esc(o.report)}">${esc(o.id)}</a>` : esc(o.id)}<br><span class="muted">${esc(o.title)}</span></td><td>${esc(o.phase_title)}</td><td>${esc(o.severity)}</td><td>${esc(o.owner)}</td><td class="right">${esc(age(o.age_hours))}</td></tr>`).join('')}</tbody></table></div>`;
}

function noticesHtml(d: DashboardData): string {
  if (!d.notices.available) return '<p class="muted">Regulator notice deadlines appear here when the deadlines engine provides them (<code>incident report --notices deadlines.json</code>).</p>';
  const rows = [...d.notices.overdue.map((n) => ({ n, s: 'overdue' })), ...d.notices.upcoming.map((n) => ({ n, s: 'upcoming' }))];
  if (!rows.length) return '<p class="muted">No notices due.</p>';
  return `<div class="table"><table><thead><tr><th>Status</th><th>Due (UTC)</th><th>Incident</th><th>Regime</th><th>Stage</th></tr></thead><tbody>${rows.map(({ n, s }) => `<tr><td><span class="pill ${s}">${s}</span></td><td>${esc(fmtTime(n.due_at))}</td><td>${esc(n.incident)}</td><td><code>${esc(n.regime)}</code></td><td>${esc(humanize(n.stage))}</td></tr>`).join('')}</tbody></table></div>`;
}

function metricsHtml(d: DashboardData): string {
  const defs = d.metrics.definitions;
  const row = (label: string, s: DashboardData['metrics']['overall']) => `<tr><td>${esc(label)}</td>${defs.map((m) => { const v = s[m.key]; return `<td class="right">${v ? `${v.median} / ${v.p90}<br><span class="muted">n=${v.n}</span>` : '—'}</td>`; }).join('')}</tr>`;
  const head = `<tr><th>Group</th>${defs.map((m) => `<th class="right">${esc(m.label)}</th>`).join('')}</tr>`;
  const body = [row('All incidents', d.metrics.overall),
    ...Object.entries(d.metrics.by_severity).map(([k, v]) => row(`Severity ${k}`, v)),
    ...Object.entries(d.metrics.by_category).map(([k, v]) => row(humanize(k), v))].join('');
  return `<p class="muted">Median / p90 in hours.</p><div class="table"><table><thead>${head}</thead><tbody>${body}</tbody></table></div>`
    + `<ul>${defs.map((m) => `<li><strong>${esc(m.label)}</strong>: ${esc(m.definition)}.</li>`).join('')}</ul><p class="muted">${esc(d.metrics.statistics)}</p>`;
}

function allHtml(d: DashboardData): string {
  return `<div class="table"><table><thead><tr><th>Incident</th><th>Phase</th><th>Severity</th><th>TLP</th><th>Reports</th></tr></thead><tbody>${d.incidents.map((i) => `<tr><td><strong>${esc(i.id)}</strong><br><span class="muted">${esc(i.title)}</span></td><td>${esc(humanize(i.phase))}</td><td>${esc(i.severity)}</td><td>${esc(i.tlp)}</td><td>${AUDIENCES.filter((a) => i.reports[a]).map((a) => `<a href="${esc(i.reports[a]!)}">${esc(AUDIENCE_TITLES[a].replace(/ (report|brief|statement)$/i, '').replace('Internal incident', 'Internal'))}</a>`).join(' · ')}</td></tr>`).join('')}</tbody></table></div>`;
}
