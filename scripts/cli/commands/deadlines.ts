import { Option } from 'commander';
import { EXIT, UsageError, type CliIo, type RegisterVerb } from '../io.ts';
import { instantOption } from '../instant-option.ts';

export type DeadlinesFormat = 'human' | 'json';

export const registerDeadlines: RegisterVerb = (program, io, setExit) => {
  program
    .command('deadlines')
    .description('list every regulatory, contractual and internal notice across the repository with its due time, status and time left')
    .argument('[paths...]', 'files or folders (default: incidents/)')
    .option('--at <time>', 'compute as of this instant (RFC 3339 with offset, e.g. 2026-11-19T12:00:00Z); default: now')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .action(async (paths: string[], opts: { at?: string; format: DeadlinesFormat }) => {
      setExit(await runDeadlines(io, paths, { at: opts.at, format: opts.format }));
    });
};

/** JSON output shape version: bump when a row field changes meaning or disappears. */
export const DEADLINES_JSON_SCHEMA = 'incident-ledger/deadlines@1';

export async function runDeadlines(io: CliIo, paths: readonly string[], opts: { at?: string; format: DeadlinesFormat; now?: () => number }): Promise<number> {
  const now = parseAt(opts.at, opts.now ?? Date.now);
  const [{ collectIncidentFiles }, { parseIncidentFile }, { loadSettings }, { shippedRegimes }, { computeDeadlines, compareDeadlines, distinctDeadlines }, { formatDeadlinesTable }, { formatHuman, summaryLine }, { isoUtc },
    { crossFilePlan, fileId }, { toDiagnostic }, { sortDiagnostics }] = await Promise.all([
    import('../../lib/io/incident-files.ts'), import('../../lib/parse/incident-file.ts'), import('../../lib/io/settings.ts'),
    import('../../lib/io/regimes.ts'), import('../../lib/deadlines/engine.ts'), import('../../lib/render/deadlines-human.ts'),
    import('../../lib/render/diagnostics-human.ts'), import('../../lib/deadlines/zoned-time.ts'),
    import('../../lib/validate/validator.ts'), import('../../lib/model/finding.ts'), import('../../lib/model/diagnostic.ts'),
  ]);
  const { settings, found, diagnostics: settingsProblems } = await loadSettings(io.cwd);
  if (settingsProblems.length) {
    io.stderr(formatHuman(settingsProblems, new Map(), new Set()));
    io.stderr(`${summaryLine(0, settingsProblems)}\nerror: the organisation settings are invalid; deadlines would be computed for the wrong organisation\n`);
    return EXIT.findings;
  }
  const { files, problems } = await collectIncidentFiles(io.cwd, paths);
  // A path the user named that is missing or outside the repository is a usage error; a symbolic
  // link or unreadable file inside incidents/ is skipped with a note like an unparseable one, so
  // one bad file does not take the whole deadline list (and the hourly workflow) down.
  const named = problems.filter((p) => p.rule === 'path/not-found' || p.rule === 'path/outside-repository');
  if (named.length) throw new UsageError(named.map((p) => `${p.file}: ${p.message}`).join('; '));
  const catalog = shippedRegimes();
  const rows = [];
  const unreadable: string[] = problems.map((p) => p.file);
  const parsedFiles = [];
  for (const f of files) {
    const parsed = parseIncidentFile(f.path, f.bytes);
    if (!parsed.data) { unreadable.push(parsed.file); continue; }
    parsedFiles.push(parsed);
    rows.push(...computeDeadlines(parsed.data, settings, catalog, now, parsed.file));
  }
  // An id in two files is an error (validate's id/duplicate, which the PR check enforces); here it is
  // reported on stderr but, like an unreadable file, does not fail the listing: the hourly workflow
  // keeps every other incident's deadline issues up to date meanwhile. The notices of the copies are
  // listed once each — a row that differs between the files (an edited copy) is listed from each.
  const { duplicates } = crossFilePlan(parsedFiles.map((p) => ({ file: p.file, id: fileId(p) })));
  const duplicateIds = sortDiagnostics(parsedFiles.flatMap((p) => { const f = duplicates.get(p.file); return f ? [toDiagnostic(p, f)] : []; }));
  rows.sort(compareDeadlines);
  const listed = distinctDeadlines(rows);
  unreadable.sort();
  const at = isoUtc(now);
  if (opts.format === 'json') {
    io.stdout(JSON.stringify({ schema: DEADLINES_JSON_SCHEMA, at, organisation: settings.organisation.name, deadlines: listed, unreadable }, null, 2) + '\n');
  } else {
    io.stdout(formatDeadlinesTable(listed, at));
  }
  if (!found) io.stderr('note: no .incident-ledger.yml at the repository root: only regimes decided in the incidents are listed, counted in UTC\n');
  if (unreadable.length) io.stderr(`note: ${unreadable.length} incident file(s) could not be read and are not listed (${unreadable.join(', ')}); run \`incident validate\` for details\n`);
  if (duplicateIds.length) {
    io.stderr(formatHuman(duplicateIds, new Map(), new Set()));
    io.stderr(`note: ${new Set(duplicateIds.map((d) => d.file)).size} incident files share an id with another (above): a notice the copies record alike is listed once; fix the duplicate (npm run incident -- validate lists it)\n`);
  }
  return EXIT.ok;
}

function parseAt(at: string | undefined, clock: () => number): number {
  if (at === undefined || at === 'now') return clock();
  const ok = instantOption(at);
  if (ok === undefined) throw new UsageError(`--at \`${at}\` is not an RFC 3339 time with an offset; expected e.g. --at 2026-11-19T12:00:00Z or --at 2026-11-19T13:00:00+01:00`);
  return ok;
}
