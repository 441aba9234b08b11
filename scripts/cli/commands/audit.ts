import { EXIT, UsageError, type CliIo, type RegisterVerb } from '../io.ts';
import { formatOption, type OutputFormat } from '../format-option.ts';

export interface AuditCliOptions {
  since?: string;
  format: OutputFormat;
}

export const registerAudit: RegisterVerb = (program, io, setExit) => {
  program
    .command('audit')
    .description('replay the first-parent history of the current branch and report every incident change that broke the transition rules (commit, author, file, line)')
    .option('--since <rev>', 'start after this commit (default: the whole history)')
    .addOption(formatOption())
    .action(async (opts: AuditCliOptions) => {
      setExit(await runAuditCommand(io, opts));
    });
};

/** Exit 1 when any commit broke the rules, 0 on a clean history, 2 when git cannot answer. */
export async function runAuditCommand(io: CliIo, opts: AuditCliOptions): Promise<number> {
  const [{ runAudit }, { GitError }] = await Promise.all([import('../../lib/check/run-audit.ts'), import('../../lib/io/git.ts')]);
  let result;
  try {
    result = await runAudit(io.cwd, { since: opts.since });
  } catch (err) {
    if (err instanceof GitError) throw new UsageError(err.message);
    throw err;
  }
  const { formatAuditHuman } = await import('../../lib/render/audit-human.ts');
  if (opts.format === 'json') {
    io.stdout(JSON.stringify(result, null, 2) + '\n');
  } else if (opts.format === 'github') {
    const { formatGithub } = await import('../../lib/render/diagnostics-github.ts');
    const text = formatGithub(result.violations.map((v) => ({ ...v, message: `commit ${v.commit} by ${v.author}: ${v.message}` })));
    if (text) io.stdout(text + '\n');
    io.stdout(formatAuditHuman(result, false));
  } else {
    io.stdout(formatAuditHuman(result, true));
  }
  return result.violations.some((v) => v.severity === 'error') ? EXIT.findings : EXIT.ok;
}
