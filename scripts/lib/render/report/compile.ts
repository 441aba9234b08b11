import { createHash, type Hash } from 'node:crypto';
import { asString } from '../../model/access.ts';
import { dashboardData, type DashboardEntry } from '../dashboard/dashboard-data.ts';
import { dashboardHtml } from '../dashboard/dashboard-html.ts';
import type { Notice } from '../dashboard/notices.ts';
import { publicIndexHtml, type PublicIndex } from '../dashboard/public-index.ts';
import type { ReportContext } from './context.ts';
import { PAGE_HEAD } from './page.ts';
import { renderReport } from './render-report.ts';
import type { Audience } from './tlp.ts';
import type { ReportHeader, ReportSource } from './view.ts';

export type FileFormat = 'md' | 'html';

export interface CompileOptions {
  audiences: readonly Audience[];
  formats: readonly FileFormat[];
  /** Also write the dashboards (index.html/json at the root and under public/). */
  dashboard: boolean;
  notices?: readonly Notice[];
}

/** One file to write, relative to the output folder. */
export interface PlannedFile {
  path: string;
  content: string;
  /** `content` as UTF-8, when the plan already encoded it (to hash it): written as is. */
  bytes?: Uint8Array;
}

/** Everything under this folder is safe to publish; nothing else is. */
export const PUBLIC_DIR = 'public';

/**
 * Plans every output file (pure: no I/O, no clock). Layout:
 *   <id>/<audience>.{md,html}     executive, regulator, insurer, internal
 *   public/<id>.{md,html}         public statements (only those with TLP:CLEAR material)
 *   index.html, index.json        internal dashboard over every incident
 *   public/index.html, index.json public index of statements
 *   SHA256SUMS, public/SHA256SUMS checksums of the files above
 */
export function planReports(sources: readonly ReportSource[], ctx: ReportContext, opts: CompileOptions): PlannedFile[] {
  return [...planReportFiles(sources, ctx, opts)];
}

/**
 * The same plan, one file at a time, so a large compile writes as it renders and holds only one
 * incident's reports in memory (10,000 incidents are about a gigabyte of HTML and markdown).
 */
export function* planReportFiles(sources: readonly ReportSource[], ctx: ReportContext, opts: CompileOptions): Generator<PlannedFile> {
  const sums: FileSum[] = [];
  const entries: DashboardEntry[] = [];
  const statements: PublicIndex['statements'] = [];
  for (const src of orderedSources(sources)) {
    const done = yield* incidentFiles(src, ctx, opts, sums);
    entries.push({ file: src.file, sha256: src.sha256, data: src.data, reports: done.reports });
    statements.push(...done.statements);
  }
  yield* closingFiles(sources, ctx, opts, entries, statements, sums);
}

/** A file's sha256 (hex) and path, for SHA256SUMS. */
export interface FileSum { sha256: string; path: string }

/** What the dashboards need from one incident's reports. */
export interface IncidentReports { reports: DashboardEntry['reports']; statements: PublicIndex['statements'] }

/** The sources a compile reports on, in output order: by id, then file; unsafe ids are skipped. */
export function orderedSources<T extends ReportHeader>(sources: readonly T[]): T[] {
  // An id becomes a folder name: anything but a plain id (validation enforces INC-…) is skipped.
  return sources.filter((s) => SAFE_ID.test(idOf(s))).sort((a, b) => cmp(idOf(a), idOf(b)) || cmp(a.file, b.file));
}

/**
 * One incident's report files (every audience and format asked for), each encoded and hashed into
 * `sums`. Pure apart from `sums`; a share of incidents can be rendered in another thread and the
 * results put together in order (see io/parallel-report.ts).
 */
export function* incidentFiles(src: ReportSource, ctx: ReportContext, opts: Pick<CompileOptions, 'audiences' | 'formats' | 'dashboard'>, sums: FileSum[]): Generator<PlannedFile, IncidentReports> {
  const id = idOf(src);
  const reports: DashboardEntry['reports'] = {};
  const statements: PublicIndex['statements'] = [];
  for (const audience of opts.audiences) {
    const isPublic = audience === 'public';
    const base = isPublic ? `${PUBLIC_DIR}/${id}` : `${id}/${audience}`;
    const rctx: ReportContext = opts.dashboard ? { ...ctx, dashboardHref: isPublic ? 'index.html' : '../index.html' } : ctx;
    const r = renderReport(src, audience, rctx);
    if (!r) continue;
    if (opts.formats.includes('md')) yield encoded({ path: `${base}.md`, content: r.markdown }, sums);
    if (opts.formats.includes('html')) yield encodedPage(`${base}.html`, r.htmlRest, sums);
    const ext = opts.formats.includes('html') ? 'html' : 'md';
    reports[audience] = `${base}.${ext}`;
    if (isPublic) statements.push({ id, title: r.title, href: `${id}.${ext}` });
  }
  return { reports, statements };
}

/** The dashboards (when asked for) and the checksum files, after every incident's reports. */
export function* closingFiles(sources: readonly ReportHeader[], ctx: ReportContext, opts: CompileOptions,
  entries: readonly DashboardEntry[], statements: PublicIndex['statements'], sums: FileSum[]): Generator<PlannedFile> {
  if (opts.dashboard) {
    const data = dashboardData(entries, ctx, inputsHash(sources, opts.notices), opts.notices);
    yield encoded({ path: 'index.json', content: `${JSON.stringify(data, null, 2)}\n` }, sums);
    yield encoded({ path: 'index.html', content: dashboardHtml(data) }, sums);
    const pub: PublicIndex = { schema: 'incident-ledger/public-index@1', source: { commit: ctx.commit, generated_at: ctx.generatedAt }, statements };
    yield encoded({ path: `${PUBLIC_DIR}/index.json`, content: `${JSON.stringify(pub, null, 2)}\n` }, sums);
    yield encoded({ path: `${PUBLIC_DIR}/index.html`, content: publicIndexHtml(pub) }, sums);
  }
  const byPath = (a: FileSum, b: FileSum) => cmp(a.path, b.path);
  const prefix = `${PUBLIC_DIR}/`;
  const publicSums = sums.filter((f) => f.path.startsWith(prefix)).sort(byPath);
  if (publicSums.length) yield encoded({ path: `${PUBLIC_DIR}/SHA256SUMS`, content: publicSums.map((f) => `${f.sha256}  ${f.path.slice(prefix.length)}\n`).join('') }, sums);
  yield { path: 'SHA256SUMS', content: [...sums].sort(byPath).map((f) => `${f.sha256}  ${f.path}\n`).join('') };
}

/** The lines of a SHA256SUMS file (`<sha-256 hex>  <path>`); anything else is ignored. */
export function parseSums(text: string): FileSum[] {
  return text.split('\n').flatMap((line) => {
    const m = /^([0-9a-f]{64}) {2}(\S.*)$/.exec(line);
    return m && !m[2]!.split('/').includes('..') ? [{ sha256: m[1]!, path: m[2]! }] : [];
  });
}

/**
 * Encoded once, then hashed (into `sums`) and written as bytes: hashing and writing the string would
 * each encode it again (a full compile is about a gigabyte).
 */
function encoded(f: PlannedFile, sums: FileSum[]): PlannedFile {
  f.bytes = Buffer.from(f.content, 'utf8');
  sums.push({ sha256: sha256(f.bytes), path: f.path });
  return f;
}

let pageHead: { bytes: Buffer; hash: Hash } | undefined;

/** A report page (PAGE_HEAD + `rest`), with only `rest` encoded and hashed here (the head once per thread). */
function encodedPage(path: string, rest: string, sums: FileSum[]): PlannedFile {
  pageHead ??= { bytes: Buffer.from(PAGE_HEAD, 'utf8'), hash: createHash('sha256').update(PAGE_HEAD, 'utf8') };
  const head = pageHead.bytes.length;
  const bytes = Buffer.allocUnsafe(head + Buffer.byteLength(rest, 'utf8'));
  pageHead.bytes.copy(bytes);
  bytes.write(rest, head, 'utf8');
  sums.push({ sha256: pageHead.hash.copy().update(bytes.subarray(head)).digest('hex'), path });
  return { path, get content() { return PAGE_HEAD + rest; }, bytes };
}

/** sha256 over the sorted list of input hashes and paths (and the notices given), for the dashboard. */
export function inputsHash(sources: readonly ReportHeader[], notices?: readonly Notice[]): string {
  const lines = sources.map((s) => `${s.sha256}  ${s.file}\n`).sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(l);
  if (notices) h.update(JSON.stringify(notices));
  return h.digest('hex');
}

export function sha256(s: string | Uint8Array): string {
  return createHash('sha256').update(s).digest('hex');
}

function idOf(s: ReportHeader): string {
  return asString(s.data['id']) ?? s.file;
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
