import type { Worker } from 'node:worker_threads';
import { parseIncidentFile } from '../parse/incident-file.ts';
import { incidentFiles, type CompileOptions, type FileSum, type IncidentReports } from '../render/report/compile.ts';
import type { ReportContext } from '../render/report/context.ts';
import { reportSource } from '../render/report/sources.ts';
import type { ReportSource } from '../render/report/view.ts';
import { writeToTarget, type OutputTarget } from './output-files.ts';
import { nextMessage, startWorker } from './workers.ts';

/**
 * Rendering the per-incident reports of a compile in several threads. Every report file is a pure
 * function of its incident and the context, so contiguous shares of the ordered incidents are
 * rendered and written in parallel and their results concatenated in order; the dashboards and
 * checksum files are then made in the calling thread from exactly what one thread would have had.
 */
export type ShareOptions = Pick<CompileOptions, 'audiences' | 'formats' | 'dashboard'>;

/** What a share of a compile hands back, in the order of its incidents. */
export interface ShareResult {
  incidents: IncidentReports[];
  sums: FileSum[];
  /** Paths written, relative to the output folder. */
  written: string[];
}

/** The message a report worker receives: its incidents (bytes as read by the main thread) and where to write. */
export interface ReportShareMessage {
  files: { path: string; bytes: Uint8Array }[];
  ctx: ReportContext;
  opts: ShareOptions;
  target: OutputTarget;
}

/** Renders and writes `sources` one incident at a time (the whole compile, or one thread's share). */
export function renderShare(sources: readonly ReportSource[], ctx: ReportContext, opts: ShareOptions, write: (rel: string, content: string | Uint8Array) => void): ShareResult {
  const out: ShareResult = { incidents: [], sums: [], written: [] };
  for (const src of sources) {
    const files = incidentFiles(src, ctx, opts, out.sums);
    for (let step = files.next(); ; step = files.next()) {
      if (step.done) { out.incidents.push(step.value); break; }
      out.written.push(step.value.path);
      write(step.value.path, step.value.bytes ?? step.value.content);
    }
  }
  return out;
}

/** Inside a worker: the same share, from the file bytes the main thread read and validated. */
export function renderShareMessage(m: ReportShareMessage): ShareResult {
  const sources = m.files.map((f) => {
    const parsed = parseIncidentFile(f.path, f.bytes);
    if (!parsed.data) throw new Error(`${f.path}: no front matter in a file the main thread validated`);
    return reportSource(parsed as typeof parsed & { data: Record<string, unknown> }, f.bytes);
  });
  return renderShare(sources, m.ctx, m.opts, (rel, content) => writeToTarget(m.target, rel, content));
}

/** A report worker thread and its "ready" message (listened for from the start, so no error is missed). */
export interface ReportWorker { worker: Worker; ready: Promise<unknown> }

/** Report worker threads, started early: they load their modules while the main thread reads and validates. */
export function startReportWorkers(count: number): ReportWorker[] {
  return Array.from({ length: count }, () => {
    const worker = startWorker('report');
    const ready = nextMessage(worker);
    ready.catch(() => {}); // seen when awaited; a compile that ends early must not crash on it
    return { worker, ready };
  });
}

/**
 * `sources` (in output order) split over the main thread and `workers`: the workers get the later
 * shares, as file bytes to parse again (cheaper to send than parsed trees); results in order.
 * `meanwhile` runs in this thread once the shares are handed out, before it renders its own.
 */
export async function renderInThreads(workers: readonly ReportWorker[], sources: readonly ReportSource[], bytesOf: ReadonlyMap<string, Uint8Array>,
  ctx: ReportContext, opts: ShareOptions, target: OutputTarget, meanwhile: () => Promise<void> = async () => {}): Promise<ShareResult> {
  const threads = workers.length + 1;
  const size = Math.ceil(sources.length / threads);
  const shares = Array.from({ length: threads }, (_, k) => sources.slice(k * size, (k + 1) * size));
  const answers = workers.map(async (w, k) => {
    await w.ready;
    const answer = nextMessage<ShareResult>(w.worker);
    const message: ReportShareMessage = { files: shares[k + 1]!.map((s) => ({ path: s.file, bytes: bytesOf.get(s.file)! })), ctx, opts, target };
    w.worker.postMessage(message);
    return answer;
  });
  // Settle every answer even when one fails, so no worker is left writing after we return.
  const settled = Promise.allSettled(answers);
  let mine: ShareResult;
  try {
    await meanwhile();
    mine = renderShare(shares[0]!, ctx, opts, (rel, content) => writeToTarget(target, rel, content));
  } catch (err) {
    await settled;
    throw err;
  }
  const results = await settled;
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const all = [mine, ...results.map((r) => (r as PromiseFulfilledResult<ShareResult>).value)];
  return { incidents: all.flatMap((r) => r.incidents), sums: all.flatMap((r) => r.sums), written: all.flatMap((r) => r.written) };
}
