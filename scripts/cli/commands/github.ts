import { Option } from 'commander';
import { EXIT, UsageError, type CliIo, type RegisterVerb } from '../io.ts';

// `incident github <step>`: the entry points the workflows run as Actions steps. Each reads the
// event from GITHUB_EVENT_PATH, talks to GITHUB_API_URL with GITHUB_TOKEN, writes the job summary
// and step outputs. Heavy modules (octokit) load only when a step runs.

async function runStep(io: CliIo, repo: string | undefined, body: (ctx: import('../../lib/github/step-context.ts').StepContext) => Promise<number>): Promise<number> {
  const { stepContext } = await import('../../lib/github/step-context.ts');
  const { GithubSetupError } = await import('../../lib/github/client.ts');
  const { ActionsEnvError } = await import('../../lib/github/actions-io.ts');
  const { ApproversConfigError } = await import('../../lib/github/approvers-config.ts');
  const { StepInputError } = await import('../../lib/github/step-context.ts');
  const { ChangeListingError } = await import('../../lib/github/pr-files.ts');
  const { MembershipError } = await import('../../lib/github/approvals.ts');
  const { explainGithubError, httpFailure } = await import('../../lib/github/errors.ts');
  try {
    return await body(stepContext(io, repo));
  } catch (e) {
    if (e instanceof GithubSetupError || e instanceof ActionsEnvError || e instanceof ApproversConfigError || e instanceof StepInputError || e instanceof ChangeListingError || e instanceof MembershipError) {
      throw new UsageError(e.message);
    }
    if (httpFailure(e)) throw new UsageError(explainGithubError(e, 'complete the GitHub step', 'the permissions listed in the workflow'));
    throw e;
  }
}

const repoOption = () => new Option('--repo <owner/name>', 'repository (default: GITHUB_REPOSITORY)');

export const registerGithub: RegisterVerb = (program, io, setExit) => {
  const github = program
    .command('github')
    .description('GitHub Actions entry points: PR comment and labels, gate approvals, follow-up and deadline issues');

  github
    .command('comment')
    .description('upsert the sticky PR comment and phase/severity/tlp labels from a check result (workflow_run: downloads and verifies the artifact)')
    .option('--result <file>', 'check-result JSON (`incident check --format json`)')
    .option('--artifact <zip>', 'a downloaded check artifact (zip with report.json, optional pr.json)')
    .option('--artifact-name <name>', 'artifact to fetch from the checked workflow run', 'incident-check-result')
    .option('--no-labels', 'do not set labels')
    .option('--approvals', 'also evaluate gate approvals (recomputed from the base and head files)')
    .option('--status', 'with --approvals: set the incident-ledger/approvals commit status')
    .option('--git-dir <dir>', 'checkout holding base and head commits, used when the PR lists more than 3,000 files')
    .addOption(repoOption())
    .action(async (o: { result?: string; artifact?: string; artifactName: string; labels: boolean; approvals?: boolean; status?: boolean; gitDir?: string; repo?: string }) => {
      const { runCommentStep } = await import('../../lib/github/comment-step.ts');
      setExit(await runStep(io, o.repo, (ctx) => runCommentStep(ctx, {
        ...(o.result ? { result: o.result } : {}), ...(o.artifact ? { artifact: o.artifact } : {}), artifactName: o.artifactName,
        labels: o.labels, approvals: Boolean(o.approvals), status: Boolean(o.status), ...(o.gitDir ? { gitDir: o.gitDir } : {}),
      })));
    });

  github
    .command('approvals')
    .description('verify approving reviews on the head commit for gates that need approval (exit 1 when one is missing)')
    .option('--status', 'set the incident-ledger/approvals commit status')
    .option('--git-dir <dir>', 'checkout holding base and head commits, used when the PR lists more than 3,000 files')
    .addOption(repoOption())
    .action(async (o: { status?: boolean; gitDir?: string; repo?: string }) => {
      const { runApprovalsStep } = await import('../../lib/github/approvals-step.ts');
      setExit(await runStep(io, o.repo, (ctx) => runApprovalsStep(ctx, { status: Boolean(o.status), ...(o.gitDir ? { gitDir: o.gitDir } : {}) })));
    });

  github
    .command('follow-ups')
    .description('after a merge: open one issue per action item of a feedback-phase incident without tracker_url (idempotent)')
    .option('--out <file>', 'write [{incident, item, issue, url, state}] as JSON (for the dashboard)')
    .option('--dry-run', 'print what would be ensured; no API calls')
    .addOption(repoOption())
    .action(async (o: { out?: string; dryRun?: boolean; repo?: string }) => {
      const { runFollowUpsStep } = await import('../../lib/github/follow-ups-step.ts');
      setExit(await runStep(io, o.repo, (ctx) => runFollowUpsStep(ctx, { ...(o.out ? { out: o.out } : {}), dryRun: Boolean(o.dryRun) })));
    });

  github
    .command('deadline-issues')
    .description('keep one issue per incident listing due and overdue notifications; close it when all are met')
    .option('--input <file>', 'output of `incident deadlines --format json` (or a JSON array of rows {incident, regime, stage, recipient, due_at, status, sent_at, source})')
    .option('--rows <file>', 'same as --input')
    .option('--now <timestamp>', 'evaluate at this RFC 3339 time (default: the `at` of the input, else now)')
    .addOption(repoOption())
    .action(async (o: { input?: string; rows?: string; now?: string; repo?: string }) => {
      const rows = o.input ?? o.rows;
      if (!rows) throw new UsageError('name the deadline rows: --input <file> (the output of `incident deadlines --format json`)');
      const now = o.now ? new Date(o.now) : undefined;
      if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now must be an RFC 3339 timestamp, e.g. 2026-12-03T09:00:00Z (got ${o.now})`);
      const { runDeadlineIssuesStep } = await import('../../lib/github/deadline-issues-step.ts');
      setExit(await runStep(io, o.repo, (ctx) => runDeadlineIssuesStep(ctx, { rows, ...(now ? { now } : {}) })));
    });

  github.action(() => {
    io.stderr('error: name a step: comment, approvals, follow-ups or deadline-issues (see `incident github --help`)\n');
    setExit(EXIT.usage);
  });
};
