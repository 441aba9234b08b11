import type { Env, RepoRef } from './actions-io.ts';
import { repoFromEnv, workflowCommand } from './actions-io.ts';
import { clientFromEnv, type GithubClient } from './client.ts';

/** What an Actions entry point needs: environment, where to print, the repository and a client. */
export interface StepContext {
  env: Env;
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  repo: RepoRef;
  gh: GithubClient;
}

export function stepContext(io: { env: Env; cwd: string; stdout(t: string): void; stderr(t: string): void }, repoOverride?: string): StepContext {
  const env = repoOverride ? { ...io.env, GITHUB_REPOSITORY: repoOverride } : io.env;
  const repo = repoFromEnv(env);
  const gh = clientFromEnv(env, (t) => io.stdout(workflowCommand('warning', t)));
  return { env, cwd: io.cwd, out: io.stdout, err: io.stderr, repo, gh };
}

export const warn = (ctx: StepContext, text: string, title?: string) => ctx.out(workflowCommand('warning', text, title));
export const fail = (ctx: StepContext, text: string, title?: string) => ctx.out(workflowCommand('error', text, title));
export const notice = (ctx: StepContext, text: string, title?: string) => ctx.out(workflowCommand('notice', text, title));

/** Bad input to a step (file, rows, event): one line, exit 2. */
export class StepInputError extends Error {}
