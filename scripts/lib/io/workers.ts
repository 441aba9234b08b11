import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Worker threads for CPU-bound work over many incidents (validate, report): the same code runs in
 * every thread. Entry points live in scripts/cli/workers/<name>.worker.ts; `npm run build` bundles
 * each as scripts/.build/<name>.worker.mjs. From the bundle a worker starts from its bundled entry;
 * from the sources (tsx, vitest) it starts through boot-tsx.mjs, which registers tsx first.
 */
const here = fileURLToPath(import.meta.url);
const bundleDir = /^(.*[\\/]scripts[\\/]\.build[^\\/]*)[\\/]/.exec(here)?.[1];
const sourceWorkers = join(dirname(here), '..', '..', 'cli', 'workers');

export function startWorker(name: string, workerData?: unknown, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (bundleDir) return new Worker(pathToFileURL(join(bundleDir, `${name}.worker.mjs`)), { workerData, ...limits });
  const entry = pathToFileURL(join(sourceWorkers, `${name}.worker.ts`)).href;
  return new Worker(pathToFileURL(join(sourceWorkers, 'boot-tsx.mjs')), { workerData: { entry, data: workerData }, ...limits });
}

/**
 * How many threads to use for `items` units of work: `forced` (INCIDENT_LEDGER_THREADS, validated by
 * the CLI: scripts/cli/threads-setting.ts) when set (1 = none; never more than there are items),
 * else one per core (at most 4) once there is enough work to repay a thread's start-up (~100 ms)
 * and at least `minCores` cores. Each thread pays its own module loading, JIT warm-up and garbage
 * collector, which also run on helper threads: measured on 2 cores, validate in 2 threads took the
 * same wall time as in one when the machine was idle and ~40% longer when it was shared, so CPU-
 * light work (validate) asks for 3 cores; heavier work (report) may ask for 2.
 */
export function threadCount(items: number, forced: number | undefined,
  { minItems = 2000, minCores = 3, cores = availableParallelism() }: { minItems?: number; minCores?: number; cores?: number } = {}): number {
  if (forced !== undefined) return Math.max(1, Math.min(forced, items));
  return items >= minItems && cores >= minCores ? Math.min(cores, 4) : 1;
}

/** `items` in `n` contiguous runs (the first `ceil(len / n)` long): concatenated, they are `items` again in order. */
export function contiguousShares<T>(items: readonly T[], n: number): T[][] {
  const size = Math.ceil(items.length / Math.max(1, n));
  return Array.from({ length: Math.max(1, n) }, (_, k) => items.slice(k * size, (k + 1) * size));
}

/** The next message from a worker; an error or exit before it rejects. */
export function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => { worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit); };
    const onMessage = (m: T) => { cleanup(); resolve(m); };
    const onError = (e: Error) => { cleanup(); reject(e); };
    const onExit = (code: number) => { cleanup(); reject(new Error(`a worker thread exited (code ${code}) before answering; run again with INCIDENT_LEDGER_THREADS=1 to work in one thread, and report the problem`)); };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

/** Inside a worker: the data it was started with (the same in bundled and source runs). */
export function workerInput<T>(data: unknown): T {
  return (bundleDir ? data : (data as { data: unknown }).data) as T;
}
