import { Option } from 'commander';
import { instantOption } from '../instant-option.ts';
import { EXIT, UsageError, type CliIo, type RegisterVerb } from '../io.ts';
import { formatOption, type OutputFormat } from '../format-option.ts';

export interface CheckCliOptions {
  base: string;
  head?: string;
  format: OutputFormat;
  remote?: string;
  resultFile?: string;
  at?: string;
}

export const registerCheck: RegisterVerb = (program, io, setExit) => {
  program
    .command('check')
    .description('check the incidents changed since the merge base with --base: validation plus the transition rules (phase gates, append-only records, immutable fields)')
    .requiredOption('--base <ref>', 'branch, tag or sha the change is merged into, e.g. origin/main')
    .option('--head <ref>', 'the change to check', 'HEAD')
    .addOption(formatOption())
    .addOption(new Option('--remote <name>', 'remote to deepen a shallow clone from').default('origin'))
    .option('--result-file <path>', 'also write the JSON result (incident-ledger/check-result@1) to this file')
    .option('--at <time>', 'judge notice deadlines at this RFC 3339 time instead of now (reproducible re-runs)')
    .action(async (opts: CheckCliOptions) => {
      setExit(await runCheckCommand(io, opts));
    });
};

/**
 * Exit 0 when no errors, 1 with errors, 2 when the check could not run (unknown ref, no merge base
 * even after deepening a shallow clone): it fails closed, never reporting "nothing changed".
 */
export async function runCheckCommand(io: CliIo, opts: CheckCliOptions): Promise<number> {
  const [{ runCheck }, { GitError }, { hasErrors }] = await Promise.all([
    import('../../lib/check/run-check.ts'), import('../../lib/io/git.ts'), import('../../lib/model/diagnostic.ts'),
  ]);
  const now = opts.at === undefined ? Date.now() : instantOption(opts.at);
  if (now === undefined) {
    throw new UsageError(`--at must be an RFC 3339 time with an offset, e.g. --at 2026-12-03T09:30:00Z (got ${JSON.stringify(opts.at)})`);
  }
  let run;
  try {
    run = await runCheck(io.cwd, { base: opts.base, head: opts.head, now, clock: Date.now(), deepen: {
      remote: opts.remote, onDeepen: (n) => io.stderr(`note: shallow clone: ${Number.isFinite(n) ? `fetching ${n} more commits` : 'fetching the full history'} to find the merge base\n`) } });
  } catch (err) {
    if (err instanceof GitError) throw new UsageError(err.message);
    throw err;
  }
  const { result } = run;
  if (run.uncommitted.length) {
    io.stderr(`note: ${run.uncommitted.length} incident file${run.uncommitted.length === 1 ? ' has' : 's have'} uncommitted changes that are not checked (the check reads commits): ${run.uncommitted.slice(0, 3).join(', ')}${run.uncommitted.length > 3 ? ', …' : ''}\n`);
  }
  const json = JSON.stringify(result, null, 2) + '\n';
  if (opts.resultFile) {
    const [{ writeOutputFile }, { resolve }] = await Promise.all([import('../../lib/io/output-files.ts'), import('node:path')]);
    await writeOutputFile(resolve(io.cwd, opts.resultFile), json);
  }
  if (opts.format === 'json') {
    io.stdout(json);
  } else if (opts.format === 'github') {
    const [{ formatGithub }, { renderCheckSummary }] = await Promise.all([import('../../lib/render/diagnostics-github.ts'), import('../../lib/render/check-summary.ts')]);
    const text = formatGithub(result.diagnostics);
    if (text) io.stdout(text + '\n');
    const { formatCheckHuman } = await import('../../lib/render/check-human.ts');
    io.stdout(formatCheckHuman(result, new Map(), new Set(result.files)));
    const summaryPath = io.env['GITHUB_STEP_SUMMARY'];
    if (summaryPath) {
      const { appendFile } = await import('node:fs/promises');
      await appendFile(summaryPath, renderCheckSummary(result));
    }
  } else {
    const { formatCheckHuman } = await import('../../lib/render/check-human.ts');
    io.stdout(formatCheckHuman(result, run.sources, run.redacted));
  }
  return hasErrors(result.diagnostics) ? EXIT.findings : EXIT.ok;
}

