import { tlpRank } from './stix/tlp.ts';
import { asArray, asRecord, get, type Data } from '../model/access.ts';

/** One column: header and how to read the cell from an incident. */
interface Column { header: string; cell: (d: Data, maxTlp: string) => unknown }

const path = (p: string): Column['cell'] => (d) => get(d, p);
const list = (p: string): Column['cell'] => (d) => asArray(get(d, p)).filter((x) => typeof x === 'string').join('; ');

/** The spreadsheet view: one row per incident, the fields people sort and filter by. */
export const CSV_COLUMNS: readonly Column[] = [
  { header: 'id', cell: path('id') },
  { header: 'title', cell: path('title') },
  { header: 'phase', cell: path('phase') },
  { header: 'tlp', cell: path('tlp') },
  { header: 'severity', cell: path('severity') },
  { header: 'determination', cell: path('determination') },
  { header: 'category_class', cell: path('category.class') },
  { header: 'category_type', cell: path('category.type') },
  { header: 'attack_vector', cell: path('attack_vector') },
  { header: 'detection_method', cell: path('detection_method') },
  { header: 'owner', cell: path('owner') },
  { header: 'occurred_at', cell: path('timestamps.occurred_at') },
  { header: 'occurred_at_confidence', cell: path('occurred_at_confidence') },
  { header: 'detected_at', cell: path('timestamps.detected_at') },
  { header: 'acknowledged_at', cell: path('timestamps.acknowledged_at') },
  { header: 'contained_at', cell: path('timestamps.contained_at') },
  { header: 'resolved_at', cell: path('timestamps.resolved_at') },
  { header: 'closed_at', cell: path('timestamps.closed_at') },
  { header: 'personal_data_involved', cell: path('personal_data.involved') },
  { header: 'records_estimate', cell: path('personal_data.records_estimate') },
  { header: 'jurisdictions', cell: list('scope.jurisdictions') },
  { header: 'regimes_applicable', cell: (d) => asArray(d['regimes']).map(asRecord).filter((r) => r['applicable'] === 'yes').map((r) => String(r['id'])).join('; ') },
  { header: 'notifications_sent', cell: (d) => asArray(d['notifications']).map(asRecord).filter((n) => n['sent_at']).length },
  // Only those within --max-tlp: counting the others would tell that restricted indicators exist.
  { header: 'indicators', cell: (d, maxTlp) => asArray(d['indicators']).filter((i) => tlpRank(asRecord(i)['tlp'] ?? d['tlp']) <= tlpRank(maxTlp)).length },
  { header: 'source', cell: path('provenance.source') },
  { header: 'source_id', cell: path('provenance.original_id') },
];

/**
 * RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote, CR or LF; quotes
 * doubled). Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * are prefixed with a single quote (OWASP CSV injection guidance). Incidents above `maxTlp` rank
 * are left out by the caller.
 */
export function incidentsToCsv(incidents: readonly Data[], maxTlp = 'TLP:RED'): string {
  const rows = [CSV_COLUMNS.map((c) => c.header)];
  const sorted = [...incidents].sort((a, b) => String(a['id']).localeCompare(String(b['id'])));
  for (const d of sorted) rows.push(CSV_COLUMNS.map((c) => text(c.cell(d, maxTlp))));
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function csvField(raw: string): string {
  const safe = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
