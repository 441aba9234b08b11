import { asArray, asRecord, asString, get, timeOf, type Data } from '../../model/access.ts';
import { escapeXml } from './escape.ts';
import { fmtMs } from './format.ts';

/**
 * A time chart: bars (phases, interruption windows) and milestones (key timestamps), drawn as a
 * Mermaid gantt for GitHub and as inline SVG for HTML. Built from record-level fields only (never
 * from labelled timeline entries), so it is shown exactly when the record itself may be.
 */
export interface ChartBar { label: string; from: number; to: number; open: boolean; tone: 'done' | 'current' | 'alert' | 'calm' }
export interface ChartMilestone { label: string; at: number }
export interface ChartModel { bars: ChartBar[]; milestones: ChartMilestone[]; asOf: number; /** Tighter rows (the one-page executive brief). */ dense?: boolean }

export const KEY_TIMESTAMPS: readonly [string, string][] = [
  ['occurred_at', 'Occurred'], ['detected_at', 'Detected'], ['acknowledged_at', 'Acknowledged'],
  ['declared_at', 'Declared'], ['aware_at', 'Legal awareness'], ['classified_major_at', 'Classified major'],
  ['contained_at', 'Contained'], ['eradicated_at', 'Eradicated'], ['recovered_at', 'Recovered'],
  ['resolved_at', 'Resolved'], ['closed_at', 'Closed'],
];

export function keyMilestones(record: Data, withNotices: boolean): ChartMilestone[] {
  const out: ChartMilestone[] = [];
  for (const [key, label] of KEY_TIMESTAMPS) {
    const at = timeOf(get(record, `timestamps.${key}`));
    if (at !== undefined) out.push({ label, at });
  }
  if (withNotices) {
    for (const raw of asArray(record['notifications'])) {
      const n = asRecord(raw);
      const at = timeOf(n['sent_at']);
      const regime = asString(n['regime_id']);
      if (at !== undefined && regime) out.push({ label: `Notice ${regime} ${asString(n['stage']) ?? ''}`.trim(), at });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export function phaseChart(record: Data, phaseTitles: Readonly<Record<string, string>>, asOf: number): ChartModel | undefined {
  const history = asArray(record['phase_history']).map(asRecord)
    .map((e) => ({ phase: asString(e['phase']) ?? '', at: timeOf(e['entered_at']) }))
    .filter((e): e is { phase: string; at: number } => e.at !== undefined);
  const bars: ChartBar[] = [];
  const milestones = keyMilestones(record, true);
  history.forEach((e, i) => {
    const next = history[i + 1];
    const title = phaseTitles[e.phase] ?? e.phase;
    if (e.phase === 'closed' && !next) return;
    const to = next ? next.at : Math.max(asOf, e.at);
    bars.push({ label: title, from: e.at, to, open: !next, tone: next ? 'done' : 'current' });
  });
  if (!bars.length && !milestones.length) return undefined;
  return { bars, milestones, asOf };
}

/** Insurer view: when the business was interrupted and how long each stage of the response took. */
export function interruptionChart(record: Data, asOf: number): ChartModel | undefined {
  const t = (k: string) => timeOf(get(record, `timestamps.${k}`));
  const start = t('occurred_at') ?? t('detected_at');
  if (start === undefined) return undefined;
  const detected = t('detected_at');
  const contained = t('contained_at');
  const recovered = t('recovered_at');
  const resolved = t('resolved_at');
  const bars: ChartBar[] = [];
  const bar = (label: string, from: number | undefined, to: number | undefined, tone: ChartBar['tone']) => {
    if (from === undefined) return;
    bars.push({ label, from, to: to ?? Math.max(asOf, from), open: to === undefined, tone });
  };
  bar('Business interruption', start, recovered, 'alert');
  bar('Detection to containment', detected, contained, 'done');
  if (contained !== undefined) bar('Containment to recovery', contained, recovered, 'done');
  if (recovered !== undefined) bar('Recovery to resolution', recovered, resolved, 'calm');
  const milestones = keyMilestones(record, false).filter((m) => ['Occurred', 'Detected', 'Contained', 'Recovered', 'Resolved'].includes(m.label));
  return { bars, milestones, asOf };
}

/** Mermaid accepts little punctuation in task names: keep letters, digits and plain punctuation. */
export function mermaidText(s: string): string {
  const cleaned = s.replace(/&/g, ' and ').replace(/[^A-Za-z0-9 .,()/'+-]/g, ' ').replace(/\s+/g, ' ').trim();
  return (cleaned.length > 60 ? `${cleaned.slice(0, 57).trimEnd()}...` : cleaned) || 'untitled';
}

function mermaidTime(t: number): string {
  return fmtMs(t).replace(' UTC', '');
}

export function toMermaid(title: string, m: ChartModel): string {
  const lines = ['gantt', `    title ${mermaidText(title)} (UTC)`, '    dateFormat YYYY-MM-DD HH:mm', '    axisFormat %d %b %H:%M', '    todayMarker off'];
  if (m.bars.length) {
    lines.push('    section Phases');
    m.bars.forEach((b, i) => {
      const tag = b.tone === 'current' ? 'active, ' : b.tone === 'alert' ? 'crit, ' : 'done, ';
      if (b.to <= b.from) lines.push(`    ${mermaidText(b.label)} :milestone, ${tag}b${i}, ${mermaidTime(b.from)}, 0d`);
      else lines.push(`    ${mermaidText(b.label)}${b.open ? ' (ongoing)' : ''} :${tag}b${i}, ${mermaidTime(b.from)}, ${mermaidTime(b.to)}`);
    });
  }
  if (m.milestones.length) {
    lines.push('    section Key events');
    m.milestones.forEach((e, i) => lines.push(`    ${mermaidText(e.label)} :milestone, m${i}, ${mermaidTime(e.at)}, 0d`));
  }
  return lines.join('\n');
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;
const STEPS = [5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 364 * DAY];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function tickLabel(t: number, step: number): string {
  const d = new Date(t);
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return step < DAY ? `${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : day;
}

/** Inline SVG: one row per bar and per milestone, label column on the left, UTC time axis on top. */
export function toSvg(title: string, m: ChartModel): string {
  const rows = [...m.bars.map((b) => ({ kind: 'bar' as const, b })), ...m.milestones.map((e) => ({ kind: 'ms' as const, e }))];
  // The window ends at the last recorded moment, not at "as of": an open phase would otherwise
  // stretch over weeks and squeeze everything that happened into a sliver. Open bars run to the edge.
  const times = [...m.bars.flatMap((b) => (b.open ? [b.from] : [b.from, b.to])), ...m.milestones.map((e) => e.at)];
  let lo = Math.min(...times);
  let hi = Math.max(...times);
  if (!(hi > lo)) { lo -= HOUR; hi += HOUR; }
  const pad = (hi - lo) * 0.03;
  const anyOpen = m.bars.some((b) => b.open);
  lo -= pad; hi += anyOpen ? pad * 4 : pad;
  const W = 760, L = 214, R = 14, TOP = m.dense ? 26 : 34, RH = m.dense ? 14 : 22;
  const H = TOP + rows.length * RH + 10;
  const x = (t: number) => L + ((t - lo) / (hi - lo)) * (W - L - R);
  const step = STEPS.find((s) => (hi - lo) / s <= 7) ?? STEPS[STEPS.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);
  const out: string[] = [];
  out.push(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="chart-title">`);
  out.push(`<title id="chart-title">${escapeXml(title)}</title>`);
  for (const t of ticks) {
    const tx = x(t).toFixed(1);
    out.push(`<line class="grid" x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${H - 6}"/>`);
    out.push(`<text class="tick" x="${tx}" y="${TOP - 12}" text-anchor="middle">${escapeXml(tickLabel(t, step))}</text>`);
  }
  rows.forEach((row, i) => {
    const y = TOP + i * RH;
    const cy = y + RH / 2;
    if (i % 2 === 0) out.push(`<rect class="band" x="0" y="${y}" width="${W}" height="${RH}"/>`);
    if (row.kind === 'bar') {
      const b = row.b;
      const x1 = x(b.from), x2 = b.open ? W - R : Math.max(x(b.to), x1 + 3);
      out.push(`<text class="label" x="${L - 8}" y="${cy + 4}" text-anchor="end">${escapeXml(clip(b.label, 30))}</text>`);
      out.push(`<rect class="bar ${b.tone}${b.open ? ' open' : ''}" x="${x1.toFixed(1)}" y="${y + RH / 4}" width="${(x2 - x1).toFixed(1)}" height="${RH / 2}" rx="3"><title>${escapeXml(`${b.label}: ${fmtMs(b.from)} – ${b.open ? 'ongoing' : fmtMs(b.to)}`)}</title></rect>`);
      if (b.open && x2 - x1 >= 80) out.push(`<text class="when" x="${(x2 - 5).toFixed(1)}" y="${cy + 3.5}" text-anchor="end" style="fill:#fff">ongoing →</text>`);
      else if (b.open) out.push(`<text class="when" x="${(x1 - 5).toFixed(1)}" y="${cy + 3.5}" text-anchor="end">ongoing</text>`);
    } else {
      const e = row.e;
      const cx = x(e.at);
      out.push(`<text class="label" x="${L - 8}" y="${cy + 4}" text-anchor="end">${escapeXml(clip(e.label, 30))}</text>`);
      out.push(`<path class="milestone" d="M${cx.toFixed(1)} ${cy - 5}l5 5l-5 5l-5 -5z"><title>${escapeXml(`${e.label}: ${fmtMs(e.at)}`)}</title></path>`);
      const right = cx < W - 150;
      out.push(`<text class="when" x="${(right ? cx + 10 : cx - 10).toFixed(1)}" y="${cy + 4}" text-anchor="${right ? 'start' : 'end'}">${escapeXml(fmtMs(e.at).replace(' UTC', ''))}</text>`);
    }
  });
  out.push('</svg>');
  return out.join('');
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
