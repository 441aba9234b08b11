import type { RepoRef } from './actions-io.ts';
import type { GithubClient } from './client.ts';
import { indexMarkedIssues } from './issue-index.ts';
import { escapeInline } from './markdown-escape.ts';

/** One row of the deadline watcher's output (issue: deadlines). */
export interface DeadlineRow {
  incident: string;
  regime: string | null;
  stage: string | null;
  recipient: string | null;
  due_at: string | null;
  status: string;
  sent_at: string | null;
  source: string | null;
}

export const DEADLINE_LABEL = 'incident-deadline';
export const OVERDUE_LABEL = 'deadline-overdue';
const MARKER_RE = /<!-- incident-ledger:deadlines INC-[0-9A-Z-]+ -->/;
/** Watcher statuses (`incident deadlines`) that mean nothing is owed any more; upcoming, due-soon and overdue are owed. */
const SETTLED = new Set(['met', 'late', 'not-applicable']);

export function deadlineMarker(incident: string): string {
  return `<!-- incident-ledger:deadlines ${incident} -->`;
}

export interface DeadlinePlan { incident: string; marker: string; open: boolean; overdue: boolean; title: string; body: string }

/** Groups rows per incident; an incident with notices still owed gets an open issue, others a closed one. */
export function planDeadlineIssues(rows: readonly DeadlineRow[], now: Date): DeadlinePlan[] {
  const by = new Map<string, DeadlineRow[]>();
  for (const r of rows) {
    if (!/^INC-[0-9A-Z-]+$/.test(r.incident)) continue;
    by.set(r.incident, [...(by.get(r.incident) ?? []), r]);
  }
  const plans: DeadlinePlan[] = [];
  for (const [incident, list] of [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const owed = list.filter((r) => !r.sent_at && !SETTLED.has(r.status)).sort(byDueThenName);
    const overdueRows = owed.filter((r) => r.status === 'overdue' || (r.due_at !== null && Date.parse(r.due_at) < now.getTime()));
    const marker = deadlineMarker(incident);
    const table = ['| regime | stage | recipient | due (UTC) | status |', '|---|---|---|---|---|'];
    for (const r of owed) {
      const late = overdueRows.includes(r) ? '🔴 overdue' : r.status === 'due-soon' ? '🟠 due soon' : '🟡 upcoming';
      table.push(`| ${cell(r.regime)} | ${cell(r.stage)} | ${cell(r.recipient)} | ${cell(r.due_at)} | ${late} |`);
    }
    const body = owed.length
      ? [marker, `Notifications still owed for **${incident}** (kept up to date by the deadline watcher; do not edit the marker line).`, '', ...table, '', `_Sources: ${[...new Set(owed.map((r) => r.source).filter(Boolean))].sort().map((s) => escapeInline(String(s))).join('; ') || '—'}_`].join('\n')
      : [marker, `All notifications for **${incident}** are sent or recorded as not required.`].join('\n');
    const title = owed.length ? `${incident}: ${overdueRows.length ? `${overdueRows.length} notification${overdueRows.length === 1 ? '' : 's'} OVERDUE` : `${owed.length} notification${owed.length === 1 ? '' : 's'} due`}` : `${incident}: notifications complete`;
    plans.push({ incident, marker, open: owed.length > 0, overdue: overdueRows.length > 0, title, body });
  }
  return plans;
}

export interface DeadlineIssueResult { incident: string; issue?: number; action: 'created' | 'updated' | 'closed' | 'unchanged' | 'none' }

/** Keeps one issue per incident: created when notices are owed, updated in place, closed when settled. */
export async function applyDeadlineIssues(gh: GithubClient, repo: RepoRef, plans: readonly DeadlinePlan[]): Promise<DeadlineIssueResult[]> {
  if (!plans.length) return [];
  const known = await indexMarkedIssues(gh, repo, MARKER_RE);
  const out: DeadlineIssueResult[] = [];
  for (const p of plans) {
    const hit = known.get(p.marker);
    const labels = p.overdue ? [DEADLINE_LABEL, OVERDUE_LABEL] : [DEADLINE_LABEL];
    if (!hit) {
      if (!p.open) { out.push({ incident: p.incident, action: 'none' }); continue; }
      const { data } = await gh.rest.issues.create({ ...repo, title: p.title, body: p.body, labels });
      out.push({ incident: p.incident, issue: data.number, action: 'created' });
      continue;
    }
    const wantState = p.open ? 'open' : 'closed';
    const keptLabels = [...hit.labels.filter((l) => l !== OVERDUE_LABEL && l !== DEADLINE_LABEL), ...labels].sort();
    const same = hit.body === p.body && hit.title === p.title && hit.state === wantState && [...hit.labels].sort().join('\n') === keptLabels.join('\n');
    if (same) { out.push({ incident: p.incident, issue: hit.number, action: 'unchanged' }); continue; }
    await gh.rest.issues.update({
      ...repo, issue_number: hit.number, title: p.title, body: p.body, state: wantState, labels: keptLabels,
      ...(wantState === 'closed' ? { state_reason: 'completed' as const } : {}),
    });
    out.push({ incident: p.incident, issue: hit.number, action: wantState === 'closed' && hit.state !== 'closed' ? 'closed' : 'updated' });
  }
  return out;
}

function byDueThenName(a: DeadlineRow, b: DeadlineRow): number {
  const key = (r: DeadlineRow) => [r.due_at ?? '~', r.regime ?? '', r.stage ?? '', r.recipient ?? ''].join('\u0000');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function cell(v: string | null | undefined): string {
  return v ? escapeInline(v, 200) : '—';
}
