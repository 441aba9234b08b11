import type { Deadline, DeadlineStatus } from '../deadlines/types.ts';
import { timeLeftCell } from '../deadlines/time-left.ts';

const COLUMNS = ['DUE (UTC)', 'LEFT', 'STATUS', 'INCIDENT', 'REGIME', 'STAGE', 'RECIPIENT', 'SENT (UTC)'] as const;
const MAX_RECIPIENT = 44;

/**
 * The deadline list as a plain-text table for people: one row per notice, in the engine's order
 * (due time first), widths from the content, no colour (it is pasted into issues and chats).
 * Markers: `?` applicability not decided yet (the clock runs anyway), `~` non-statutory target.
 */
export function formatDeadlinesTable(rows: readonly Deadline[], at: string): string {
  const lines: string[][] = [COLUMNS.slice()];
  for (const d of rows) {
    const marks = `${d.applicable === 'undecided' || d.applicable === 'undetermined' ? '?' : ''}${d.statutory ? '' : '~'}`;
    lines.push([
      d.due_at ? shortTime(d.due_at) : '-',
      d.due_at === null && (d.status === 'upcoming') ? 'not started' : timeLeftCell(d.seconds_left),
      d.status,
      clip(plain(d.incident), 40),
      d.regime + (marks ? ` ${marks}` : ''),
      d.stage,
      clip(plain(d.recipient), MAX_RECIPIENT),
      d.sent_at ? shortTime(d.sent_at) : '',
    ]);
  }
  const widths = COLUMNS.map((_, c) => Math.max(...lines.map((l) => [...l[c]!].length)));
  const table = lines.map((l) => l.map((cell, c) => (c === l.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
  const legend = [
    rows.some((d) => d.applicable === 'undecided' || d.applicable === 'undetermined') ? '? applicability not decided yet (the clock runs anyway)' : '',
    rows.some((d) => !d.statutory) ? '~ internal target, not a statutory deadline' : '',
  ].filter(Boolean).join('   ');
  return `Notice deadlines at ${at}\n\n${table}\n${legend ? legend + '\n' : ''}\n${summary(rows)}\n`;
}

const ORDER: DeadlineStatus[] = ['overdue', 'due-soon', 'upcoming', 'late', 'met', 'not-applicable'];

/** "9 notices: 1 overdue, 2 due-soon, 3 upcoming, 3 met". */
export function summary(rows: readonly Deadline[]): string {
  if (!rows.length) return 'No notice deadlines.';
  const counts = ORDER.map((s) => [s, rows.filter((d) => d.status === s).length] as const).filter(([, n]) => n > 0);
  return `${rows.length} notice${rows.length === 1 ? '' : 's'}: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`;
}

function shortTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/**
 * Cell text from the front matter (an unvalidated id) stays one plain cell: no control characters
 * that break the row, no backticks that could close the code fence the watcher wraps the table in.
 */
function plain(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f`]/g, '?');
}

function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : chars.slice(0, n - 1).join('') + '…';
}
