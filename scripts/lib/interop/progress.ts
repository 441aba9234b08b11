/**
 * A one-line progress bar for long imports and exports. Pure: returns the text to write; the CLI
 * writes it with a carriage return on a terminal and not at all in CI or when piped.
 */
export function progressLine(done: number, total: number, label: string, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

/** Writes progress to `write` only when `enabled`; finishes the line at the end. */
export function progressReporter(enabled: boolean, write: (s: string) => void, total: number, label: string): { tick(): void; done(): void } {
  let n = 0;
  let last = -1;
  return {
    tick() {
      n++;
      if (!enabled) return;
      const pct = Math.floor((n / Math.max(1, total)) * 100);
      if (pct !== last || n === total) { last = pct; write(progressLine(n, total, label)); }
    },
    done() { if (enabled && total > 0) write('\n'); },
  };
}
