import { asArray, asRecord, asString, get, timeOf, type Data } from '../../model/access.ts';
import { incidentMetrics, METRICS, portfolioMetrics, stats, STATISTICS_NOTE, type MetricStats } from '../metrics.ts';
import type { ReportContext } from '../report/context.ts';
import { hours } from '../report/format.ts';
import type { Audience } from '../report/tlp.ts';
import { noticeBoard, type Notice, type NoticeBoard } from './notices.ts';

/** One incident as the dashboard needs it, plus where its reports were written (relative hrefs). */
export interface DashboardEntry { file: string; sha256: string; data: Data; reports: Partial<Record<Audience, string>> }

export interface DashboardData {
  schema: 'incident-ledger/dashboard@1';
  source: { commit: string; dirty: boolean; generated_at: string; inputs_sha256: string; incidents: number };
  counts: {
    total: number; open: number; closed: number;
    by_phase: { phase: string; title: string; count: number }[];
    by_severity: { severity: string; count: number }[];
    by_category: { category: string; count: number }[];
  };
  open: { id: string; title: string; phase: string; phase_title: string; severity: string; owner: string; tlp: string; entered_phase_at: string; age_hours: number; report?: string }[];
  notices: (NoticeBoard & { available: true }) | { available: false; overdue: []; upcoming: [] };
  metrics: {
    definitions: { key: string; label: string; from: string; to: string; definition: string }[];
    statistics: string;
    unit: 'hours';
    overall: HourStats;
    by_severity: Record<string, HourStats>;
    by_category: Record<string, HourStats>;
  };
  trends: { month: string; incidents: number; median_hours: Record<string, number | null> }[];
  incidents: { id: string; title: string; phase: string; severity: string; category: string; tlp: string; detected_at: string; reports: Partial<Record<Audience, string>> }[];
}

export type HourStats = Record<string, { n: number; median: number; p90: number }>;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The dashboard's data, pure: the same entries, notices and context give the same JSON. */
export function dashboardData(entries: readonly DashboardEntry[], ctx: ReportContext, inputsSha256: string, notices?: readonly Notice[]): DashboardData {
  const asOf = timeOf(ctx.generatedAt) ?? 0;
  const sorted = [...entries].sort((a, b) => cmp(idOf(a), idOf(b)));
  const count = (key: (e: DashboardEntry) => string) => {
    const m = new Map<string, number>();
    for (const e of sorted) m.set(key(e), (m.get(key(e)) ?? 0) + 1);
    return m;
  };
  const phases = count((e) => asString(e.data['phase']) ?? 'unknown');
  const sev = count((e) => asString(e.data['severity']) ?? 'unclassified');
  const cat = count((e) => asString(get(e.data, 'category.class')) ?? 'unclassified');
  const phaseRows = [...ctx.phaseOrder, ...[...phases.keys()].filter((p) => !ctx.phaseOrder.includes(p)).sort(cmp)]
    .map((phase) => ({ phase, title: ctx.phaseTitles[phase] ?? phase, count: phases.get(phase) ?? 0 }));
  const open = sorted.filter((e) => e.data['phase'] !== 'closed').map((e) => {
    const entered = lastPhaseEntry(e.data);
    return {
      id: idOf(e), title: asString(e.data['title']) ?? '', phase: asString(e.data['phase']) ?? '',
      phase_title: ctx.phaseTitles[asString(e.data['phase']) ?? ''] ?? asString(e.data['phase']) ?? '',
      severity: asString(e.data['severity']) ?? '', owner: asString(e.data['owner']) ?? '', tlp: asString(e.data['tlp']) ?? '',
      entered_phase_at: entered === undefined ? '' : new Date(entered).toISOString().replace('.000Z', 'Z'),
      age_hours: entered === undefined ? 0 : hours(Math.max(0, asOf - entered)),
      ...(e.reports.internal ? { report: e.reports.internal } : {}),
    };
  }).sort((a, b) => b.age_hours - a.age_hours || cmp(a.id, b.id));
  const rows = sorted.map((e) => ({ severity: asString(e.data['severity']), category: asString(get(e.data, 'category.class')), metrics: incidentMetrics(e.data) }));
  const pm = portfolioMetrics(rows);
  return {
    schema: 'incident-ledger/dashboard@1',
    source: { commit: ctx.commit, dirty: Boolean(ctx.dirty), generated_at: ctx.generatedAt, inputs_sha256: inputsSha256, incidents: sorted.length },
    counts: {
      total: sorted.length, open: open.length, closed: sorted.length - open.length,
      by_phase: phaseRows,
      by_severity: [...sev.entries()].sort(([a], [b]) => cmp(a, b)).map(([severity, n]) => ({ severity, count: n })),
      by_category: [...cat.entries()].sort(([a, x], [b, y]) => y - x || cmp(a, b)).map(([category, n]) => ({ category, count: n })),
    },
    open,
    notices: notices ? { available: true, ...noticeBoard(notices, asOf) } : { available: false, overdue: [], upcoming: [] },
    metrics: {
      definitions: METRICS.map((m) => ({ key: m.key, label: m.label, from: m.from, to: m.to, definition: m.definition })),
      statistics: STATISTICS_NOTE, unit: 'hours',
      overall: inHours(pm.overall),
      by_severity: Object.fromEntries(Object.entries(pm.bySeverity).map(([k, v]) => [k, inHours(v)])),
      by_category: Object.fromEntries(Object.entries(pm.byCategory).map(([k, v]) => [k, inHours(v)])),
    },
    trends: trends(sorted, asOf),
    incidents: sorted.map((e) => ({
      id: idOf(e), title: asString(e.data['title']) ?? '', phase: asString(e.data['phase']) ?? '', severity: asString(e.data['severity']) ?? '',
      category: asString(get(e.data, 'category.class')) ?? '', tlp: asString(e.data['tlp']) ?? '',
      detected_at: asString(get(e.data, 'timestamps.detected_at')) ?? '', reports: e.reports,
    })),
  };
}

function idOf(e: DashboardEntry): string {
  return asString(e.data['id']) ?? e.file;
}

function lastPhaseEntry(d: Data): number | undefined {
  const times = asArray(d['phase_history']).map((x) => timeOf(asRecord(x)['entered_at'])).filter((t): t is number => t !== undefined);
  return times.length ? Math.max(...times) : timeOf(get(d, 'timestamps.detected_at'));
}

function inHours(s: MetricStats): HourStats {
  const out: HourStats = {};
  for (const m of METRICS) {
    const v = s[m.key];
    if (v) out[m.key] = { n: v.n, median: hours(v.median), p90: hours(v.p90) };
  }
  return out;
}

/** Last 12 calendar months up to the as-of month: incidents detected, and the median of each metric. */
function trends(entries: readonly DashboardEntry[], asOf: number): DashboardData['trends'] {
  const end = new Date(asOf);
  const months: string[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const byMonth = new Map<string, DashboardEntry[]>(months.map((m) => [m, []]));
  for (const e of entries) {
    const t = timeOf(get(e.data, 'timestamps.detected_at'));
    if (t === undefined) continue;
    byMonth.get(new Date(t).toISOString().slice(0, 7))?.push(e);
  }
  return months.map((month) => {
    const list = byMonth.get(month)!;
    const ms = list.map((e) => incidentMetrics(e.data));
    const median_hours: Record<string, number | null> = {};
    for (const m of METRICS) {
      const s = stats(ms.flatMap((x) => (x[m.key] === undefined ? [] : [x[m.key]!])));
      median_hours[m.key] = s ? hours(s.median) : null;
    }
    return { month, incidents: list.length, median_hours };
  });
}
