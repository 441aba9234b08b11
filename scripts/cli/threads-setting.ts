import { UsageError } from './io.ts';

/** The environment variable that sets how many worker threads validate and report use. */
export const THREADS_VAR = 'INCIDENT_LEDGER_THREADS';
/** More threads than this is a typo, not a machine: each thread loads its own copy of the code. */
export const MAX_THREADS = 64;

/**
 * INCIDENT_LEDGER_THREADS as a thread count, or undefined when unset (or empty): the default then
 * applies (io/workers.ts threadCount). Anything but a whole number from 1 to MAX_THREADS is a
 * usage error naming the variable and the value, instead of silently falling back to the default.
 */
export function threadsSetting(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env[THREADS_VAR];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= 1 && n <= MAX_THREADS) return n;
  const shown = JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
  throw new UsageError(`${THREADS_VAR}=${shown} is not a whole number from 1 to ${MAX_THREADS}: it sets how many worker threads validate and report use (1 = no threads); `
    + `e.g. ${THREADS_VAR}=2, or unset it for the default (one per core, at most 4)`);
}
