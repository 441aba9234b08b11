import type { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Finding } from '../model/finding.ts';
import { incidentFiles, type CompileOptions, type FileSum, type IncidentReports } from '../render/report/compile.ts';
import type { ReportContext } from '../render/report/context.ts';
import { reportSource } from '../render/report/sources.ts';
import type { ReportHeader, ReportSource } from '../render/report/view.ts';
import { frameSources } from '../validate/redaction.ts';
import { crossFilePlan } from '../validate/validator.ts';
import { ValidateShare, type ShareResult as ValidatedShare } from '../validate/validate-share.ts';
import { readIncidentFiles, type FoundFile } from './incident-files.ts';
import { writeToTarget, type OutputTarget } from './output-files.ts';
import { shippedValidator } from './shipped-validator.ts';
import { nextMessage, startWorker } from './workers.ts';

/**
 * A compile in several threads. Every report file is a pure function of its incident and the
 * context, and validating a file needs only its own text and the ids of all files, so each thread
 * takes a contiguous share of the path-sorted files and, in three steps:
 *   1. reads and parses its share, and tells its ids;
 *   2. validates its share once every share's ids are known (crossFilePlan: the same function a
 *      one-thread Validator.validateFiles uses), and hands back its diagnostics and the front matter
 *      of its valid incidents (what the dashboards and the deadline engine need);
 *   3. renders and writes the incidents the calling thread chose, and hands back their checksums.
 * The calling thread then makes the dashboards and checksum files from exactly what one thread
 * would have had (results are put back in output order by file). A one-thread compile runs the
 * same steps on its one share, in the calling thread.
 */
export type ShareOptions = Pick<CompileOptions, 'audiences' | 'formats' | 'dashboard'>;

/** What step 3 hands back, in the order the share rendered its incidents. */
export interface RenderedShare {
  /** Incident files rendered, and what the dashboards need from each (same order). */
  files: string[];
  incidents: IncidentReports[];
  sums: FileSum[];
  /** Paths written, relative to the output folder. */
  written: string[];
  /** Incidents whose rendering threw: none of their files is written (see renderSources). */
  failed: { file: string; message: string }[];
}

/** Step 1's answer: file and id of each file of the share, in order. */
export interface IdsMessage { ids: { file: string; id: string | undefined }[] }
/** Step 2's question: the ids references may name, and the duplicate-id findings by file. */
export interface PlanMessage { knownIds: string[]; duplicates: [string, Finding][] }
/** Step 2's answer. */
export interface LoadedMessage { validated: ValidatedShare; headers: ReportHeader[] }
/** Step 3's question: which of its valid incidents to render (in this order), with what, and where to write. */
export interface RenderMessage { render: string[]; ctx: ReportContext; opts: ShareOptions; target: OutputTarget }

/** One share of a compile, in whichever thread it runs. */
export class ReportShare {
  private readonly share: ValidateShare;
  /** The files' bytes, until validated (a report states the sha-256 of its input). */
  private readonly bytes: Map<string, Uint8Array>;
  private readonly sources = new Map<string, ReportSource>();

  constructor(found: readonly FoundFile[]) {
    const read = readIncidentFiles(found);
    this.share = new ValidateShare(read.files, read.problems);
    this.bytes = new Map(read.files.map((f) => [f.path, f.bytes]));
  }

  ids(): IdsMessage { return { ids: this.share.ids() }; }

  /** Validates the share; files with errors are left out of what can be rendered. */
  load(plan: PlanMessage): LoadedMessage {
    const validated = this.share.finish(shippedValidator(), new Set(plan.knownIds), new Map(plan.duplicates), false);
    const broken = new Set(validated.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    // Code frames only for the files a report skips (the only diagnostics it prints), masked.
    validated.sources = [...frameSources(this.share.parsed.filter((p) => broken.has(p.file)))];
    const headers: ReportHeader[] = [];
    for (const p of this.share.parsed) {
      if (!p.data || broken.has(p.file)) continue;
      const src = reportSource(p as typeof p & { data: Record<string, unknown> }, this.bytes.get(p.file)!);
      this.sources.set(p.file, src);
      headers.push({ file: src.file, data: src.data, sha256: src.sha256 });
    }
    this.bytes.clear();
    return { validated, headers };
  }

  /** Renders and writes the share's valid incidents named in `m`. */
  render(m: RenderMessage): RenderedShare {
    const sources = m.render.map((file) => {
      const src = this.sources.get(file);
      if (!src) throw new Error(`${file}: asked to render a file this thread has not validated`);
      return src;
    });
    return renderSources(sources, m.ctx, m.opts, (rel, content) => writeToTarget(m.target, rel, content));
  }
}

/**
 * Renders and writes `sources` one incident at a time (the whole compile, or one thread's share).
 * Each incident's files are rendered before any is written, so an incident whose rendering throws
 * (a renderer bug, input no rule foresaw) leaves nothing behind and is reported in `failed`; the
 * others are still compiled — one file must not take every report down.
 */
export function renderSources(sources: readonly ReportSource[], ctx: ReportContext, opts: ShareOptions, write: (rel: string, content: string | Uint8Array) => void): RenderedShare {
  const out: RenderedShare = { files: [], incidents: [], sums: [], written: [], failed: [] };
  for (const src of sources) {
    const sumsBefore = out.sums.length;
    const planned: { path: string; content: string | Uint8Array }[] = [];
    let reports: IncidentReports = { reports: {}, statements: [] };
    try {
      const files = incidentFiles(src, ctx, opts, out.sums);
      for (let step = files.next(); ; step = files.next()) {
        if (step.done) { reports = step.value; break; }
        planned.push({ path: step.value.path, content: step.value.bytes ?? step.value.content });
      }
    } catch (err) {
      out.sums.length = sumsBefore;
      planned.length = 0;
      // Only the kind of error: a message might quote the incident's (possibly TLP:RED) text.
      out.failed.push({ file: src.file, message: err instanceof Error ? err.name : 'error' });
    }
    for (const f of planned) {
      out.written.push(f.path);
      write(f.path, f.content);
    }
    out.incidents.push(reports);
    out.files.push(src.file);
  }
  return out;
}

/** What steps 1-2 give the calling thread over every share. */
export interface LoadedCompile {
  /** Unsorted; read problems of the shares included. */
  diagnostics: Diagnostic[];
  /** [file, masked text] of files with errors (skipped), for code frames. */
  frames: [string, string][];
  /** Files marked TLP:RED. */
  red: string[];
  /** File and id of every file read (valid or not), in path order. */
  ids: IdsMessage['ids'];
  /** The valid incidents of every share, in path order. */
  headers: ReportHeader[];
  /** Renders `ordered` (valid incidents, in output order) in the threads that validated them. */
  render(ordered: readonly ReportHeader[], ctx: ReportContext, opts: ShareOptions, target: OutputTarget,
    meanwhile?: () => Promise<void>): Promise<RenderedShare>;
  /** Stops the worker threads (always call it, also after a failure). */
  close(): Promise<void>;
}

/** A share, in this thread or a worker: the three steps, each answered asynchronously. */
interface ShareHandle {
  ids(): Promise<IdsMessage>;
  load(plan: PlanMessage): Promise<LoadedMessage>;
  render(m: RenderMessage): Promise<RenderedShare>;
}

/** The one share of a one-thread compile. */
function localShare(found: readonly FoundFile[]): ShareHandle {
  const share = new ReportShare(found);
  return { ids: async () => share.ids(), load: async (plan) => share.load(plan), render: async (m) => share.render(m) };
}

/**
 * A share in a worker thread, started now. Each answer is marked as handled: if another share fails
 * first, terminating the workers rejects answers nobody awaits any more.
 */
function workerShare(worker: Worker): ShareHandle {
  const ids = handled(nextMessage<IdsMessage>(worker));
  const ask = <T>(m: unknown): Promise<T> => {
    const answer = handled(nextMessage<T>(worker));
    worker.postMessage(m);
    return answer;
  };
  return { ids: () => ids, load: (plan) => ask(plan), render: (m) => ask(m) };
}

/**
 * A young generation larger than V8's default (16 MiB semi-spaces) for the worker threads: a
 * compile allocates ~1 GB of short-lived strings, and with the default the scavenger runs every few
 * milliseconds and promotes half-built pages. Measured over 10,000 incidents on 2 cores (tmpfs,
 * three interleaved runs each): main thread + 1 worker (before) 21.5-24.8 s; 2 workers 19.3-24.0 s;
 * 2 workers with 96 MiB young generations 19.5-21.7 s. Only a worker can be given it (the main
 * thread's heap is set up before our code runs), which is why every share of a parallel compile
 * runs in a worker.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 };

/**
 * Reads, parses and validates `shares` (contiguous runs of the path-sorted files): one share in
 * this thread, several each in a worker thread started now (this thread then only coordinates
 * and makes the dashboards). Rejects when a share fails; the workers are then already stopped.
 */
export async function loadInThreads(shares: readonly (readonly FoundFile[])[]): Promise<LoadedCompile> {
  const workers = shares.length > 1 ? shares.map((share) => startWorker('report', { found: share }, WORKER_LIMITS)) : [];
  const handles = workers.length ? workers.map(workerShare) : [localShare(shares[0] ?? [])];
  const close = async () => { await Promise.all(workers.map((w) => w.terminate())); };
  try {
    const ids = (await Promise.all(handles.map((h) => h.ids()))).flatMap((m) => m.ids);
    const plan = crossFilePlan(ids);
    const message: PlanMessage = { knownIds: [...plan.knownIds], duplicates: [...plan.duplicates] };
    const loaded = await Promise.all(handles.map((h) => h.load(message)));
    const ownerOf = new Map<string, number>();
    loaded.forEach((l, k) => { for (const h of l.headers) ownerOf.set(h.file, k); });
    return {
      diagnostics: loaded.flatMap((l) => l.validated.diagnostics),
      frames: loaded.flatMap((l) => l.validated.sources),
      red: loaded.flatMap((l) => l.validated.red),
      ids,
      headers: loaded.flatMap((l) => l.headers),
      close,
      render: async (ordered, ctx, opts, target, meanwhile = async () => {}) => {
        const files = ordered.map((h) => h.file);
        const answers = handles.map((h, k) => h.render({ ctx, opts, target, render: files.filter((f) => ownerOf.get(f) === k) }));
        // Settle every answer even when one fails, so no worker is left writing after we return.
        const settled = Promise.allSettled(answers);
        try {
          await meanwhile();
        } finally {
          await settled;
        }
        const all = await Promise.all(answers);
        const byFile = new Map<string, IncidentReports>();
        for (const r of all) r.files.forEach((f, i) => byFile.set(f, r.incidents[i]!));
        return { files, incidents: files.map((f) => byFile.get(f)!), sums: all.flatMap((r) => r.sums), written: all.flatMap((r) => r.written), failed: all.flatMap((r) => r.failed) };
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** `p`, marked as handled (see workerShare). */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}
