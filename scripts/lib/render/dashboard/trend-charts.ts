import { escapeXml as esc } from '../report/escape.ts';

/** Small inline-SVG charts for the dashboard's month-by-month trends. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const W = 440, H = 190, L = 40, R = 12, T = 26, B = 28;

function monthTick(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1]}${m === '01' ? ` ${y!.slice(2)}` : ''}`;
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((k) => k * p).find((x) => x >= v)!;
}

function frame(title: string, months: readonly string[], max: number, unit: string): string[] {
  const out = [`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img"><title>${esc(title)}</title>`];
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    const y = H - B - ((H - B - T) * i) / 4;
    out.push(`<line class="grid" x1="${L}" y1="${y.toFixed(1)}" x2="${W - R}" y2="${y.toFixed(1)}"/>`);
    out.push(`<text class="tick" x="${L - 5}" y="${(y + 3).toFixed(1)}" text-anchor="end">${esc(fmt(v))}${i === 4 ? esc(unit) : ''}</text>`);
  }
  const step = (W - L - R) / months.length;
  months.forEach((m, i) => out.push(`<text class="tick" x="${(L + step * (i + 0.5)).toFixed(1)}" y="${H - B + 14}" text-anchor="middle">${esc(monthTick(m))}</text>`));
  return out;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function columnChart(title: string, months: readonly string[], values: readonly number[]): string {
  // Counts: a maximum divisible by 4 keeps the four gridlines on whole numbers.
  const max = Math.max(4, Math.ceil(niceMax(Math.max(0, ...values)) / 4) * 4);
  const out = frame(title, months, max, '');
  const step = (W - L - R) / months.length;
  values.forEach((v, i) => {
    const h = ((H - B - T) * v) / max;
    out.push(`<rect class="col" x="${(L + step * i + step * 0.18).toFixed(1)}" y="${(H - B - h).toFixed(1)}" width="${(step * 0.64).toFixed(1)}" height="${h.toFixed(1)}" rx="2"><title>${esc(`${months[i]}: ${v}`)}</title></rect>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** Lines with gaps where a month has no value; each series gets a legend entry. */
export function lineChart(title: string, months: readonly string[], series: readonly { name: string; values: readonly (number | null)[] }[], unit: string): string {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(0, ...all));
  const out = frame(title, months, max, unit);
  const step = (W - L - R) / months.length;
  const x = (i: number) => L + step * (i + 0.5);
  const y = (v: number) => H - B - ((H - B - T) * v) / max;
  series.forEach((s, k) => {
    const cls = k === 0 ? '' : ' second';
    let d = '';
    s.values.forEach((v, i) => {
      if (v === null) return;
      d += `${d && s.values[i - 1] !== null && i > 0 ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
      out.push(`<circle class="dot${cls}" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3"><title>${esc(`${s.name}, ${months[i]}: ${fmt(v)} ${unit}`)}</title></circle>`);
    });
    if (d) out.push(`<path class="line${cls}" d="${d}"/>`);
    const lx = W - R - 100 * (series.length - k);
    out.push(`<rect class="${k === 0 ? 'dot' : 'dot second'}" x="${lx}" y="6" width="10" height="10" rx="2"/><text class="tick" x="${lx + 14}" y="15">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
