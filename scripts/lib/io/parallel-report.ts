import type { Worker } from 'node:worker_threads';
import { parseIncidentFile } from '../parse/incident-file.ts';
import { incidentFiles, type CompileOptions, type FileSum, type IncidentReports } from '../render/report/compile.ts';
import type { ReportContext } from '../render/report/context.ts';
import { reportSource } from '../render/report/sources.ts';
import type { ReportSource } from '../render/report/view.ts';
import { writeToTarget, type OutputTarget } from './output-files.ts';
import { contiguousShares, nextMessage, startWorker } from './workers.ts';

/**
 * Rendering the per-incident reports of a compile in several threads. Every report file is a pure
 * function of its incident and the context, so shares of the incidents are rendered and written in
 * parallel; the dashboards and checksum files are then made in the calling thread from exactly what
 * one thread would have had (results are put back in output order by file).
 *
 * Protocol: as soon as the files are read, each worker gets its share (contiguous runs of the
 * path-sorted files) and parses it while the main thread parses and validates everything; once the
 * main thread knows which incidents to report on and the context, it tells each worker which of its
 * files to render, renders its own share, and collects the results.
 */
export type ShareOptions = Pick<CompileOptions, 'audiences' | 'formats' | 'dashboard'>;

/** What a share of a compile hands back, in the order it rendered its incidents. */
export interface ShareResult {
  /** Incident files rendered, and what the dashboards need from each (same order). */
  files: string[];
  incidents: IncidentReports[];
  sums: FileSum[];
  /** Paths written, relative to the output folder. */
  written: string[];
}

/** First message to a worker: its files, as read by the main thread. */
export interface ReportFilesMessage { files: { path: string; bytes: Uint8Array }[] }
/** Second message: which of them to render (in this order), with what, and where to write. */
export interface ReportRenderMessage { render: string[]; ctx: ReportContext; opts: ShareOptions; target: OutputTarget }

/** Renders and writes `sources` one incident at a time (the whole compile, or one thread's share). */
export function renderShare(sources: readonly ReportSource[], ctx: ReportContext, opts: ShareOptions, write: (rel: string, content: string | Uint8Array) => void): ShareResult {
  const out: ShareResult = { files: [], incidents: [], sums: [], written: [] };
  for (const src of sources) {
    const files = incidentFiles(src, ctx, opts, out.sums);
    for (let step = files.next(); ; step = files.next()) {
      if (step.done) { out.incidents.push(step.value); break; }
      out.written.push(step.value.path);
      write(step.value.path, step.value.bytes ?? step.value.content);
    }
    out.files.push(src.file);
  }
  return out;
}

/** Inside a worker: its files parsed into report sources (files without front matter are left out). */
export function shareSources(m: ReportFilesMessage): Map<string, ReportSource> {
  const out = new Map<string, ReportSource>();
  for (const f of m.files) {
    const parsed = parseIncidentFile(f.path, f.bytes);
    if (parsed.data) out.set(f.path, reportSource(parsed as typeof parsed & { data: Record<string, unknown> }, f.bytes));
  }
  return out;
}

/** Inside a worker: renders the files the main thread chose (it validated them) and writes them. */
export function renderShareMessage(sources: ReadonlyMap<string, ReportSource>, m: ReportRenderMessage): ShareResult {
  const chosen = m.render.map((file) => {
    const src = sources.get(file);
    if (!src) throw new Error(`${file}: asked to render a file this thread has not read`);
    return src;
  });
  return renderShare(chosen, m.ctx, m.opts, (rel, content) => writeToTarget(m.target, rel, content));
}

/** A report worker thread, the files it was given, and its "ready" message (listened for from the start, so no error is missed). */
export interface ReportWorker { worker: Worker; files: ReadonlySet<string>; ready: Promise<unknown> }

/**
 * Report worker threads, started as soon as the files are read: `files` (path-sorted) is split in
 * `threads` contiguous shares; the first stays with the main thread, each other goes to a worker,
 * which parses it while the main thread validates. Returns the workers and the main thread's files.
 */
export function startReportWorkers(threads: number, files: readonly { path: string; bytes: Uint8Array }[]): { workers: ReportWorker[]; mine: ReadonlySet<string> } {
  const shares = contiguousShares(files, threads);
  const workers = shares.slice(1).map((share): ReportWorker => {
    const worker = startWorker('report');
    const ready = nextMessage(worker);
    ready.catch(() => {}); // seen when awaited; a compile that ends early must not crash on it
    worker.postMessage({ files: share } satisfies ReportFilesMessage);
    return { worker, files: new Set(share.map((f) => f.path)), ready };
  });
  return { workers, mine: new Set(shares[0]!.map((f) => f.path)) };
}

/**
 * Renders `ordered` (the incidents to report on, in output order) in the threads that read them:
 * each worker its own files, this thread the rest. `meanwhile` runs here once the workers have
 * been told, before this thread renders. Results come back in the order of `ordered`.
 */
export async function renderInThreads(workers: readonly ReportWorker[], ordered: readonly ReportSource[],
  ctx: ReportContext, opts: ShareOptions, target: OutputTarget, meanwhile: () => Promise<void> = async () => {}): Promise<ShareResult> {
  const answers = workers.map(async (w) => {
    await w.ready;
    const answer = nextMessage<ShareResult>(w.worker);
    const message: ReportRenderMessage = { render: ordered.filter((s) => w.files.has(s.file)).map((s) => s.file), ctx, opts, target };
    w.worker.postMessage(message);
    return answer;
  });
  // Settle every answer even when one fails, so no worker is left writing after we return.
  const settled = Promise.allSettled(answers);
  let mine: ShareResult;
  try {
    await meanwhile();
    mine = renderShare(ordered.filter((s) => !workers.some((w) => w.files.has(s.file))), ctx, opts, (rel, content) => writeToTarget(target, rel, content));
  } catch (err) {
    await settled;
    throw err;
  }
  const results = await settled;
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const all = [mine, ...results.map((r) => (r as PromiseFulfilledResult<ShareResult>).value)];
  const byFile = new Map<string, IncidentReports>();
  for (const r of all) r.files.forEach((f, i) => byFile.set(f, r.incidents[i]!));
  return {
    files: ordered.map((s) => s.file),
    incidents: ordered.map((s) => byFile.get(s.file)!),
    sums: all.flatMap((r) => r.sums),
    written: all.flatMap((r) => r.written),
  };
}
