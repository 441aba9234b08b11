import { asArray, asRecord, asString, timeOf } from '../../model/access.ts';

/**
 * Upcoming and overdue regulator notices, as the deadlines engine (scripts/lib/deadlines/) reports
 * them. The dashboard takes this small shape so it does not depend on that engine's internals: pass
 * `incident deadlines --format json` output (or any list of these) with `incident report --notices`.
 */
export interface Notice {
  incident: string;
  regime: string;
  stage: string;
  /** RFC 3339. */
  due_at: string;
  /** `upcoming`, `due`, `due-soon`, `open`, `pending` or `overdue` are shown; anything else (met, sent, not-required) is done. */
  status: string;
}

const OPEN_STATUSES = new Set(['upcoming', 'due', 'due-soon', 'open', 'pending', 'overdue']);
/** Statuses of notices that need nothing more (the deadline engine's, and common synonyms). */
const DONE_STATUSES = new Set(['met', 'late', 'not-applicable', 'sent', 'not-required', 'done']);

const SHAPE = 'expected `incident deadlines --format json` output ({"schema":"incident-ledger/deadlines@1","deadlines":[…]}), or a list of notices like [{"incident":"INC-20261118-R7WM","regime":"gdpr-art33","stage":"initial","due_at":"2026-11-21T06:00:00Z","status":"upcoming"}]';

/**
 * Reads notices from parsed JSON: a list, or an object with a `notices` or `deadlines` list (the
 * deadlines command's own output). Rows without a due time (`"due_at": null`: the regime is not
 * applicable, undecided, or its clock has not started) have nothing to show and are skipped. Anything
 * else — `{}`, package.json — is refused rather than read as "no notices"; bad entries are reported.
 */
export function readNotices(json: unknown): { notices: Notice[]; problems: string[] } {
  const rec = asRecord(json);
  const named = ['notices', 'deadlines'].find((k) => Array.isArray(rec[k]));
  if (!Array.isArray(json) && !named) return { notices: [], problems: [`not a notices file: ${SHAPE}`] };
  const list: unknown[] = Array.isArray(json) ? json : asArray(rec[named!]);
  const notices: Notice[] = [];
  const problems: string[] = [];
  list.forEach((raw, i) => {
    const n = asRecord(raw);
    if (n['due_at'] === null) return;
    const incident = asString(n['incident']) ?? asString(n['incident_id']) ?? asString(n['id']);
    const regime = asString(n['regime']) ?? asString(n['regime_id']);
    const stage = asString(n['stage']) ?? '';
    const due = asString(n['due_at']);
    const status = asString(n['status']);
    if (!incident || !regime || !due || timeOf(due) === undefined || !status) {
      problems.push(`notice ${i + 1}: needs incident, regime, due_at (RFC 3339) and status; ${SHAPE}`);
      return;
    }
    if (!OPEN_STATUSES.has(status) && !DONE_STATUSES.has(status)) {
      problems.push(`notice ${i + 1}: status ${JSON.stringify(status)} is not one of ${[...OPEN_STATUSES, ...DONE_STATUSES].join(', ')}`);
      return;
    }
    notices.push({ incident, regime, stage, due_at: due, status });
  });
  return { notices, problems };
}

export interface NoticeBoard { overdue: Notice[]; upcoming: Notice[] }

export function noticeBoard(notices: readonly Notice[], asOf: number): NoticeBoard {
  const open = notices.filter((n) => OPEN_STATUSES.has(n.status));
  const byDue = (a: Notice, b: Notice) => timeOf(a.due_at)! - timeOf(b.due_at)! || (a.incident < b.incident ? -1 : a.incident > b.incident ? 1 : 0) || (a.regime < b.regime ? -1 : 1);
  const overdue = open.filter((n) => n.status === 'overdue' || timeOf(n.due_at)! < asOf).sort(byDue);
  const upcoming = open.filter((n) => !overdue.includes(n)).sort(byDue);
  return { overdue, upcoming };
}
