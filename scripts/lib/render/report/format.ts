import { timeOf } from '../../model/access.ts';

/**
 * Value formatting for reports. Hand-written rather than Intl so output does not drift with the
 * ICU data of the Node build running CI: two runs must give the same bytes.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-18 02:12 UTC` from an RFC 3339 timestamp (any offset); the raw text when unreadable. */
export function fmtTime(v: unknown): string {
  const t = timeOf(v);
  if (t === undefined) return typeof v === 'string' ? v : '';
  return fmtMs(t);
}

export function fmtMs(t: number): string {
  // Memoised (bounded): every report of an incident prints the same few dozen moments, several
  // times each (tables, chart labels and tooltips, in markdown and HTML).
  let s = msCache.get(t);
  if (s === undefined) {
    const d = new Date(t);
    s = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
    if (msCache.size >= 20_000) msCache.clear();
    msCache.set(t, s);
  }
  return s;
}

const msCache = new Map<number, string>();

/** `18 Nov 2026` */
export function fmtDate(t: number): string {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function monthLabel(t: number): string {
  const d = new Date(t);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `2 d 4 h`, `3 h 05 min`, `17 min`; negative durations keep their sign. */
export function fmtDuration(ms: number): string {
  if (ms < 0) return `−${fmtDuration(-ms)}`;
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${pad(min % 60)} min`;
  const d = Math.floor(h / 24);
  return `${d} d ${h % 24} h`;
}

/** Hours with one decimal, for tables and JSON. */
export function hours(ms: number): number {
  return Math.round(ms / 360_000) / 10;
}

/** `significant-impact-to-critical-services` → `Significant impact to critical services`. */
export function humanize(v: unknown): string {
  if (typeof v !== 'string' || v === '') return '';
  // Memoised (bounded): the values are mostly enumerations, humanised many times per report.
  let out = humanized.get(v);
  if (out === undefined) {
    const s = v.replace(/[-_]+/g, ' ').replace(/\bnon /g, 'non-');
    out = s[0]!.toUpperCase() + s.slice(1);
    if (humanized.size >= 20_000) humanized.clear();
    humanized.set(v, out);
  }
  return out;
}

const humanized = new Map<string, string>();

export function fmtNumber(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '−' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

export function fmtMoney(n: number, currency: string): string {
  return `${currency} ${fmtNumber(Math.round(n * 100) / 100)}`;
}

export function yesNo(v: unknown): string {
  if (v === true || v === 'yes') return 'Yes';
  if (v === false || v === 'no') return 'No';
  if (v === 'unknown' || v === 'undetermined') return 'Not yet known';
  return '';
}

const INDICATOR_TYPES: Readonly<Record<string, string>> = {
  ipv4: 'IPv4', ipv6: 'IPv6', domain: 'Domain', url: 'URL', email: 'Email', sha256: 'SHA-256', sha1: 'SHA-1', md5: 'MD5',
  'file-name': 'File name', 'user-agent': 'User agent', asn: 'ASN', other: 'Other',
};

export function indicatorType(v: unknown): string {
  return typeof v === 'string' ? INDICATOR_TYPES[v] ?? humanize(v) : '';
}

const STAGES: Readonly<Record<string, string>> = {
  'insurer-fnol': 'First notice of loss', 'proof-of-loss': 'Proof of loss', 'early-warning': 'Early warning',
  'intermediate-update': 'Updated intermediate report', 'ransom-payment': 'Ransom payment report',
  'ransom-explanation': 'Ransom payment explanation', 'attorney-general': 'Attorney general', 'card-brand': 'Card brand',
  individuals: 'Individuals (data subjects)',
};

export function stageLabel(v: unknown): string {
  return typeof v === 'string' ? STAGES[v] ?? humanize(v) : '';
}
