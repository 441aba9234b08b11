/** "2d 03h", "5h 20m", "12m": how long until (or, for a positive overdue span, since) a deadline. */
export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d}d ${String(h).padStart(2, '0')}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m`;
}

/** Time left as a table cell: `in 2d 03h`, `3h 05m overdue`, `due now`. */
export function timeLeftCell(secondsLeft: number | null): string {
  if (secondsLeft === null) return '';
  if (Math.abs(secondsLeft) < 60) return 'due now';
  return secondsLeft > 0 ? `in ${formatDuration(secondsLeft)}` : `${formatDuration(secondsLeft)} overdue`;
}
