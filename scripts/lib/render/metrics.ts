import { get, timeOf, type Data } from '../model/access.ts';

/**
 * Response-time metrics (standards.md §5). Each is the time between two recorded timestamps;
 * incidents missing either timestamp, or with the end before the start, are left out of that metric
 * (and counted as such) rather than guessed. Derived figures are never stored in the record.
 */
export interface MetricDef { key: MetricKey; label: string; from: string; to: string; definition: string }
export type MetricKey = 'detect' | 'acknowledge' | 'contain' | 'recover' | 'resolve';

export const METRICS: readonly MetricDef[] = [
  { key: 'detect', label: 'Time to detect', from: 'occurred_at', to: 'detected_at', definition: 'from when the incident began (occurred_at, often an estimate) to its detection (detected_at); also called dwell time' },
  { key: 'acknowledge', label: 'Time to acknowledge', from: 'detected_at', to: 'acknowledged_at', definition: 'from detection (detected_at) to a responder accepting ownership (acknowledged_at)' },
  { key: 'contain', label: 'Time to contain', from: 'detected_at', to: 'contained_at', definition: 'from detection (detected_at) to containment stopping further harm (contained_at)' },
  { key: 'recover', label: 'Time to recover', from: 'detected_at', to: 'recovered_at', definition: 'from detection (detected_at) to affected services restored (recovered_at)' },
  { key: 'resolve', label: 'Time to resolve', from: 'detected_at', to: 'resolved_at', definition: 'from detection (detected_at) to root cause addressed and the incident resolved (resolved_at)' },
];

export const STATISTICS_NOTE = 'Median: the middle value (the mean of the two middle values for an even count). '
  + 'p90: nearest-rank 90th percentile, the smallest value that at least 90 % of the values do not exceed. '
  + 'An incident counts towards a metric only when both timestamps are recorded and in order.';

export type IncidentMetrics = Partial<Record<MetricKey, number>>;

/** Durations in milliseconds for one incident; a metric is absent when it cannot be computed. */
export function incidentMetrics(record: Data): IncidentMetrics {
  const out: IncidentMetrics = {};
  for (const m of METRICS) {
    const a = timeOf(get(record, `timestamps.${m.from}`));
    const b = timeOf(get(record, `timestamps.${m.to}`));
    if (a !== undefined && b !== undefined && b >= a) out[m.key] = b - a;
  }
  return out;
}

export interface Stats { n: number; median: number; p90: number }

export function stats(values: readonly number[]): Stats | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const p90 = s[Math.max(0, Math.ceil(0.9 * s.length) - 1)]!;
  return { n: s.length, median, p90 };
}

export type MetricStats = Partial<Record<MetricKey, Stats>>;

export interface PortfolioMetrics {
  overall: MetricStats;
  bySeverity: Record<string, MetricStats>;
  byCategory: Record<string, MetricStats>;
}

export interface MetricRow { severity?: string; category?: string; metrics: IncidentMetrics }

/** Median and p90 of every metric, overall and grouped by severity and by RSIT category class. */
export function portfolioMetrics(rows: readonly MetricRow[]): PortfolioMetrics {
  const group = (key: (r: MetricRow) => string | undefined): Record<string, MetricStats> => {
    const buckets = new Map<string, MetricRow[]>();
    for (const r of rows) {
      const k = key(r) ?? 'unclassified';
      let b = buckets.get(k);
      if (!b) buckets.set(k, (b = []));
      b.push(r);
    }
    return Object.fromEntries([...buckets.keys()].sort().map((k) => [k, summarise(buckets.get(k)!)]));
  };
  return { overall: summarise(rows), bySeverity: group((r) => r.severity), byCategory: group((r) => r.category) };
}

function summarise(rows: readonly MetricRow[]): MetricStats {
  const out: MetricStats = {};
  for (const m of METRICS) {
    const s = stats(rows.flatMap((r) => (r.metrics[m.key] === undefined ? [] : [r.metrics[m.key]!])));
    if (s) out[m.key] = s;
  }
  return out;
}
