import { shippedValidator } from '../../lib/io/shipped-validator.ts';
import { collectIncidentPaths, readIncidentFiles, workingTreeIdIndex } from '../../lib/io/incident-files.ts';
import { crossFilePlan, duplicateIdDiagnostics } from '../../lib/validate/validator.ts';
import { ValidateShare, type ShareResult } from '../../lib/validate/validate-share.ts';
import { validateInThreads } from '../../lib/io/parallel-validate.ts';
import { threadCount } from '../../lib/io/workers.ts';
import { hasErrors, sortDiagnostics } from '../../lib/model/diagnostic.ts';
import { formatGithub } from '../../lib/render/diagnostics-github.ts';
import { formatHuman, summaryLine } from '../../lib/render/diagnostics-human.ts';
import { EXIT, type CliIo, type RegisterVerb } from '../io.ts';
import { formatOption, type OutputFormat } from '../format-option.ts';
import { threadsSetting } from '../threads-setting.ts';

export const registerValidate: RegisterVerb = (program, io, setExit) => {
  program
    .command('validate')
    .description('check incident files against the schema, the lifecycle gates already passed and repository rules')
    .argument('[paths...]', 'files or folders (default: incidents/)')
    .addOption(formatOption())
    .action(async (paths: string[], opts: { format: OutputFormat }) => {
      setExit(await runValidate(io, paths, opts.format));
    });
};

export async function runValidate(io: CliIo, paths: readonly string[], format: OutputFormat): Promise<number> {
  // A wrong INCIDENT_LEDGER_THREADS is a usage error even when paths are given (and no threads are used).
  const forcedThreads = threadsSetting(io.env);
  const { files: found, problems } = collectIncidentPaths(io.cwd, paths);
  const threads = paths.length ? 1 : threadCount(found.length, forcedThreads);
  let result: ShareResult;
  if (threads > 1) {
    result = await validateInThreads(found, threads, format === 'human');
  } else {
    const read = readIncidentFiles(found);
    const share = new ValidateShare(read.files, read.problems);
    // Given paths, the rest of the repository still counts: ids must be unique and references resolve.
    const idIndex = paths.length ? await workingTreeIdIndex(io.cwd) : new Map<string, string[]>();
    const plan = crossFilePlan(share.ids(), idIndex.keys());
    result = share.finish(shippedValidator(), plan.knownIds, plan.duplicates, format === 'human', duplicateIdDiagnostics(share.parsed, idIndex));
  }
  const diagnostics = sortDiagnostics([...problems, ...result.diagnostics]);
  const files = result.files;
  // The summary counts every file the run names: those read and validated, and those reported
  // without being read (symbolic links, FIFOs, unreadable files), so "N errors in M files" never
  // names more files than were counted as checked.
  const checked = new Set([...files, ...diagnostics.map((d) => d.file)]).size;
  if (format === 'json') {
    io.stdout(JSON.stringify({ files, diagnostics }, null, 2) + '\n');
  } else if (format === 'github') {
    // Annotations stop at 10 per severity: the log lists every finding (without code frames) and
    // the job summary has them all too, as `check --format github` does.
    const text = formatGithub(diagnostics);
    if (text) io.stdout(text + '\n');
    if (diagnostics.length) io.stdout(formatHuman(diagnostics, new Map(), new Set(files)));
    io.stdout(summaryLine(checked, diagnostics) + '\n');
    const summaryPath = io.env['GITHUB_STEP_SUMMARY'];
    if (summaryPath) {
      const [{ appendFile }, { renderValidateSummary }] = await Promise.all([import('node:fs/promises'), import('../../lib/render/check-summary.ts')]);
      await appendFile(summaryPath, renderValidateSummary(checked, diagnostics));
    }
  } else {
    if (diagnostics.length) io.stdout(formatHuman(diagnostics, new Map(result.sources), new Set(result.red)));
    io.stdout(summaryLine(checked, diagnostics) + '\n');
  }
  if (paths.length === 0 && files.length === 0 && problems.length === 0) io.stderr('note: no incident files found under incidents/\n');
  return hasErrors(diagnostics) ? EXIT.findings : EXIT.ok;
}
