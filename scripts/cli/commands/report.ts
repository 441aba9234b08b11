import { Option } from 'commander';
import type { Notice } from '../../lib/render/dashboard/notices.ts';
import { EXIT, UsageError, type CliIo, type RegisterVerb } from '../io.ts';
import { threadsSetting } from '../threads-setting.ts';

export interface ReportOptions {
  audience?: string[];
  out: string;
  format: 'md' | 'html' | 'both';
  pdf?: boolean;
  generatedAt?: string;
  notices?: string;
}

export const registerReport: RegisterVerb = (program, io, setExit) => {
  program
    .command('report')
    .description('compile per-audience reports (markdown, self-contained HTML, optional PDF) and the dashboard')
    .argument('[ids...]', 'incident ids to report on (default: every incident, plus the dashboards)')
    .addOption(new Option('--audience <audience>', 'executive, regulator, insurer, internal or public; repeat or comma-separate (default: all)')
      .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), ...v.split(',').map((s) => s.trim()).filter(Boolean)]))
    .option('--out <dir>', 'output folder', 'out/reports')
    .addOption(new Option('--format <format>', 'file formats to write').choices(['md', 'html', 'both']).default('both'))
    .option('--pdf', 'also print every HTML report to PDF with a local Chromium')
    .option('--generated-at <time>', 'the "as of" moment, RFC 3339 (default: the commit time of HEAD)')
    .option('--notices <file>', 'upcoming/overdue notices as JSON (from the deadlines engine) for the dashboard')
    .addHelpText('after', `
Output (under --out):
  <id>/<audience>.md|html   executive, regulator, insurer, internal reports
  public/<id>.md|html       public statements: TLP:CLEAR material only
  index.html, index.json    dashboard over every incident (when no ids are given)
  public/index.html|json    index of public statements; public/ is the only folder safe to publish
  With ids, only those incidents' reports are written (no dashboards), into a folder that does not
  hold a full compile; SHA256SUMS there keeps listing reports written earlier for other ids.

Redaction: each audience has a TLP ceiling (public TLP:CLEAR; executive, regulator, insurer
TLP:AMBER+STRICT; internal everything). Timeline entries and indicators carry their own tlp; a body
section takes the label in an HTML comment on the line under its heading: <!-- tlp: TLP:RED -->.

Examples:
  npm run incident -- report
  npm run incident -- report INC-20261118-R7WM --audience regulator,executive --format html --pdf --out out/R7WM`)
    .action(async (ids: string[], opts: ReportOptions) => {
      setExit(await runReport(io, ids, opts));
    });
};


/**
 * Loads every incident, validates it with the one shipped validator, renders what was asked and
 * writes it atomically. Files with errors are skipped and reported (exit 1); the rest are compiled.
 */
export async function runReport(io: CliIo, ids: readonly string[], opts: ReportOptions): Promise<number> {
  const [
    { readFile, rm }, { basename, resolve, join, relative },
    { collectIncidentPaths }, { shippedLifecycle }, { readShippedJson },
    { sortDiagnostics }, { formatHuman }, { timeOf }, { gitRevision }, { outputFolderWriter }, { findChromium, NO_CHROMIUM },
    { closingFiles, orderedSources, PUBLIC_DIR }, { latestRecordedTime }, { AUDIENCES, isAudience }, { readNotices },
    { loadInThreads }, { contiguousShares, threadCount }, { carriedSums, earlierRun, holdsFullCompile, MARKER, ofIncidents, unsafeOutDirProblem },
  ] = await Promise.all([
    import('node:fs/promises'), import('node:path'),
    import('../../lib/io/incident-files.ts'), import('../../lib/io/shipped-lifecycle.ts'), import('../../lib/io/shipped-schemas.ts'),
    import('../../lib/model/diagnostic.ts'), import('../../lib/render/diagnostics-human.ts'), import('../../lib/model/access.ts'),
    import('../../lib/io/git-revision.ts'), import('../../lib/io/output-files.ts'), import('../../lib/io/chromium.ts'),
    import('../../lib/render/report/compile.ts'), import('../../lib/render/report/sources.ts'), import('../../lib/render/report/tlp.ts'),
    import('../../lib/render/dashboard/notices.ts'),
    import('../../lib/io/parallel-report.ts'), import('../../lib/io/workers.ts'),
    import('../../lib/io/report-folder.ts'),
  ]);

  const forcedThreads = threadsSetting(io.env);
  const requested = opts.audience?.length ? opts.audience : ['all'];
  const bad = requested.filter((a) => a !== 'all' && !isAudience(a));
  if (bad.length) throw new UsageError(`unknown audience ${bad.map((b) => `"${b}"`).join(', ')}: expected ${AUDIENCES.join(', ')} or all, e.g. --audience regulator,executive`);
  const audiences = requested.includes('all') ? [...AUDIENCES] : AUDIENCES.filter((a) => requested.includes(a));
  const formats = opts.format === 'both' ? (['md', 'html'] as const) : ([opts.format] as const);
  if (opts.pdf && opts.format === 'md') throw new UsageError('--pdf prints the HTML reports: use --format html or --format both');
  let generatedAtArg: number | undefined;
  if (opts.generatedAt !== undefined) {
    generatedAtArg = timeOf(opts.generatedAt);
    if (generatedAtArg === undefined) throw new UsageError(`--generated-at "${opts.generatedAt}" is not an RFC 3339 time with an offset, e.g. 2026-12-01T09:00:00Z`);
  }
  const chromium = opts.pdf ? await findChromium(io.env) : undefined;
  if (opts.pdf && !chromium) throw new UsageError(NO_CHROMIUM);

  let notices: readonly Notice[] | undefined;
  if (opts.notices) {
    let json: unknown;
    try { json = JSON.parse(await readFile(resolve(io.cwd, opts.notices), 'utf8')); } catch (err) {
      throw new UsageError(`--notices ${opts.notices}: cannot read it as JSON (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
    const read = readNotices(json);
    if (read.problems.length) throw new UsageError(`--notices ${opts.notices}: ${read.problems[0]}${read.problems.length > 1 ? ` (and ${read.problems.length - 1} more)` : ''}`);
    notices = read.notices;
  }

  if (ids.length && await holdsFullCompile(resolve(io.cwd, opts.out))) {
    // Its dashboards, checksums and links describe every incident as of one commit; rewriting some
    // reports in place would leave them describing files that are no longer there.
    throw new UsageError(`--out ${opts.out} holds a full compile (every incident and the dashboards), which only a full run may change: refresh it with \`npm run incident -- report\`, or write these reports elsewhere, e.g. --out out/${ids[0]}`);
  }

  const { files, problems } = collectIncidentPaths(io.cwd, []);
  // A full compile of many incidents reads, validates and renders in several threads
  // (INCIDENT_LEDGER_THREADS=1: one), each its own share of the files (io/parallel-report.ts).
  // Rendering is heavy per incident (~2 ms): two threads pay off already on 2 cores.
  const threads = ids.length ? 1 : threadCount(files.length, forcedThreads, { minCores: 2 });
  const loaded = await loadInThreads(contiguousShares(files, threads));
  try {
    const diagnostics = sortDiagnostics([...problems, ...loaded.diagnostics]);
    const broken = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    let sources = loaded.headers;
    if (ids.length) {
      const known = new Set(sources.map((s) => String(s.data['id'])));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) {
        // Like the authoring verbs: an id that is not there (or not valid) is a finding, exit 1. A
        // file whose YAML does not parse has no id; its name (INC-…-slug.md) still tells whose it is.
        const fileOf = (id: string) => loaded.ids.find((f) => f.id === id || basename(f.file).startsWith(`${id}-`) || basename(f.file) === `${id}.md`)?.file;
        const invalid = missing.map((id) => [id, fileOf(id)] as const).filter((e): e is readonly [string, string] => e[1] !== undefined);
        const unknown = missing.filter((id) => !fileOf(id));
        const files = new Set(invalid.map(([, file]) => file));
        if (files.size) io.stderr(formatHuman(diagnostics.filter((d) => files.has(d.file)), new Map(loaded.frames.filter(([f]) => files.has(f))), new Set(loaded.red)));
        for (const [id, file] of invalid) io.stderr(`error: ${id} (${file}) has errors, shown above; fix them, then run the report again\n`);
        if (unknown.length) io.stderr(`error: no incident with id ${unknown.join(', ')} under incidents/ (ids look like INC-20261118-R7WM; list them with: npm run incident -- validate --format json)\n`);
        return EXIT.findings;
      }
      sources = sources.filter((s) => ids.includes(String(s.data['id'])));
    }

    if (notices && !ids.length) {
      // A notices file older than the repository (an incident renamed or removed): its rows would
      // link to reports that do not exist. Left off, and said so.
      const known = new Set(loaded.ids.map((f) => f.id));
      const stray = [...new Set(notices.filter((n) => !known.has(n.incident)).map((n) => n.incident))].sort();
      if (stray.length) {
        io.stderr(`note: --notices ${opts.notices} names incidents that are not under incidents/ (${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ', …' : ''}); their notices are left off the dashboard; make a current file with: npm run incident -- deadlines --format json > deadlines.json\n`);
        notices = notices.filter((n) => known.has(n.incident));
      }
    }
    const revision = await gitRevision(io.cwd, ['incidents']);
    const asOf = generatedAtArg ?? timeOf(revision?.committedAt) ?? latestRecordedTime(sources) ?? 0;
    const lc = shippedLifecycle();
    const ctx = {
      commit: revision?.commit ?? 'uncommitted',
      dirty: revision ? revision.dirty : true,
      generatedAt: new Date(asOf).toISOString().replace('.000Z', 'Z'),
      phaseTitles: Object.fromEntries(lc.phases.map((p) => [p.id, p.title])),
      phaseOrder: lc.phases.map((p) => p.id),
      toolVersion: String((readShippedJson('package.json') as { version?: string }).version ?? '0.0.0'),
    };
    const dashboard = ids.length === 0;
    const outDir = resolve(io.cwd, opts.out);
    const owned = await readFile(join(outDir, MARKER), 'utf8').then(() => true, () => false);
    const unsafe = await unsafeOutDirProblem(io.cwd, outDir, owned);
    if (unsafe) throw new UsageError(unsafe);
    // What an earlier run left (listed before writing: the files this run may have to remove). A
    // symbolic link in it would have this run write through it, outside the folder: refused.
    const earlier = owned ? await earlierRun(io.cwd, outDir) : { files: [] };
    if (earlier.problem) throw new UsageError(earlier.problem);
    // Rendered and written one file at a time, so memory stays flat however many incidents there are.
    // A new output folder is filled in a staging folder and appears whole (output-files.ts).
    const written: string[] = [];
    const failed: { file: string; message: string }[] = [];
    // A full run over its own earlier output builds the new folder beside it and swaps it in whole:
    // interrupted, the earlier compile is left intact rather than half old, half new.
    const out = outputFolderWriter(outDir, { replace: dashboard && owned });
    try {
      const ordered = orderedSources(sources);
      const shareOpts = { audiences, formats, dashboard };
      // The dashboard's notices are worked out while the worker threads render their shares.
      const meanwhile = async () => { if (!notices) notices = await computedNotices(io, sources.map((s) => s.data), asOf); };
      const shares = await loaded.render(ordered, ctx, shareOpts, out.target, meanwhile);
      written.push(...shares.written);
      failed.push(...shares.failed);
      const entries = ordered.map((s, i) => ({ file: s.file, sha256: s.sha256, data: s.data, reports: shares.incidents[i]!.reports }));
      const statements = shares.incidents.flatMap((r) => r.statements);
      // Reports for selected incidents added to a folder of earlier ones: SHA256SUMS keeps covering those.
      // Lines of the incidents rewritten now are dropped: their files are rewritten or removed below.
      const sums = [...shares.sums, ...(!dashboard && owned ? (await carriedSums(outDir, new Set(shares.written))).filter((s) => !ofIncidents(s.path, ids)) : [])];
      for (const f of closingFiles(sources, ctx, { audiences, formats, dashboard, ...(notices ? { notices } : {}) }, entries, statements, sums)) {
        written.push(f.path);
        out.write(f.path, f.bytes ?? f.content);
      }
      out.write(MARKER, 'Written by `incident report`. Files here that a full run does not produce are removed by it.\n');
      out.commit();
    } catch (err) {
      out.abort();
      throw err;
    }
    if (owned && !out.replaces) {
      // A full run owns the folder: remove what it no longer produces, so a withdrawn public
      // statement cannot linger in public/ and be published again. A run for some ids does the same
      // for the files of those incidents (a statement withdrawn by reclassification, a format no
      // longer asked for) and leaves the other incidents' reports alone.
      const keep = new Set([...written, MARKER]);
      const mine = (rel: string) => dashboard || ofIncidents(rel, ids) || rel === `${PUBLIC_DIR}/SHA256SUMS`;
      for (const rel of earlier.files) {
        if (!keep.has(rel) && mine(rel) && !(opts.pdf && rel.endsWith('.pdf'))) await rm(join(outDir, rel), { force: true });
      }
    }
    const htmlReports = written.filter((f) => f.endsWith('.html') && !f.endsWith('index.html'));
    if (opts.pdf && chromium) {
      const { printPdfs } = await import('../../lib/io/print-pdf.ts');
      await printPdfs(chromium, htmlReports.map((f) => ({ html: join(outDir, f), pdf: join(outDir, f.replace(/\.html$/, '.pdf')) })), new Date(asOf));
    }

    if (diagnostics.length) {
      const frames = new Map(loaded.frames.filter(([file]) => broken.has(file)));
      io.stderr(formatHuman(diagnostics.filter((d) => broken.has(d.file)), frames, new Set(loaded.red)));
      if (broken.size) io.stderr(`✖ ${broken.size} incident file${broken.size === 1 ? '' : 's'} skipped because of the errors above; fix them and run again.\n`);
    }
    for (const f of failed) io.stderr(`error: ${f.file} could not be rendered (${f.message}); none of its reports were written. Please report this with the file's structure (not its content).\n`);
    const reports = written.filter((f) => /\/[^/]+\.(md|html)$/.test(f) && !/(^|\/)index\.html$/.test(f)).length / formats.length;
    const statements = written.filter((f) => f.startsWith(`${PUBLIC_DIR}/`) && !f.startsWith(`${PUBLIC_DIR}/index`) && f.endsWith(`.${formats[0]}`)).length;
    const shown = relative(io.cwd, outDir) || '.';
    io.stdout(`✔ ${reports} report${reports === 1 ? '' : 's'} for ${sources.length} incident${sources.length === 1 ? '' : 's'} written to ${shown}/ (${statements} public statement${statements === 1 ? '' : 's'}${opts.pdf ? ', with PDFs' : ''})\n`);
    if (dashboard) io.stdout(`  dashboard: ${shown}/index.html · publishable subset: ${shown}/${PUBLIC_DIR}/\n`);
    io.stdout(`  source commit ${ctx.commit}${ctx.dirty ? ' (incident files changed since)' : ''}, as of ${ctx.generatedAt}\n`);
    return broken.size || failed.length ? EXIT.findings : EXIT.ok;
  } finally {
    await loaded.close();
  }
}

/**
 * Without --notices the dashboard shows the deadline engine's own view as of the report's time (the
 * commit time unless --generated-at), so reports stay reproducible and an overdue notice is never
 * missing from what an incident commander looks at.
 */
async function computedNotices(io: CliIo, incidents: readonly Record<string, unknown>[], asOf: number) {
  const [{ loadSettings }, { shippedRegimes }, { computeDeadlines }] = await Promise.all([
    import('../../lib/io/settings.ts'), import('../../lib/io/regimes.ts'), import('../../lib/deadlines/engine.ts'),
  ]);
  const { settings, diagnostics } = await loadSettings(io.cwd);
  if (diagnostics.some((d) => d.severity === 'error')) {
    io.stderr('note: .incident-ledger.yml has errors (see: npm run incident -- deadlines); the dashboard shows no notices\n');
    return undefined;
  }
  const regimes = shippedRegimes();
  return incidents.flatMap((inc) => computeDeadlines(inc, settings, regimes, asOf)
    .filter((d) => d.due_at !== null)
    .map((d) => ({ incident: d.incident, regime: d.regime, stage: d.stage, due_at: d.due_at!, status: d.status })));
}
