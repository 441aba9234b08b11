import { Octokit } from 'octokit';

// The `octokit` package composes @octokit/core with the rest-endpoint, paginate, retry
// (@octokit/plugin-retry) and throttling (@octokit/plugin-throttling) plugins; we configure the
// last two here so every call made by incident-ledger retries 5xx answers and honours rate limits.

export type GithubClient = InstanceType<typeof Octokit>;

export interface ClientOptions {
  token: string | undefined;
  /** API root; GITHUB_API_URL in Actions (GitHub Enterprise Server or a test server). */
  baseUrl?: string;
  /** Where warnings about rate limits go (the Actions log). */
  warn?: (text: string) => void;
  /** Seconds → milliseconds factor for retry waits (tests use 1). */
  retryBaseMs?: number;
  /** false disables client-side pacing of writes (GitHub asks for ≥1 s between writes). */
  pacing?: boolean;
}

/** A problem in setting up or talking to GitHub that the user must fix (printed as one line, exit 2). */
export class GithubSetupError extends Error {}

export function createGithubClient(opts: ClientOptions): GithubClient {
  if (!opts.token) {
    throw new GithubSetupError('no GitHub token: set GITHUB_TOKEN (in a workflow: `env: { GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} }`, or a GitHub App token for team membership)');
  }
  const warn = opts.warn ?? (() => undefined);
  const base = opts.retryBaseMs ?? 1000;
  const retryOnce = (what: string) => (retryAfter: number, options: { method?: string; url?: string; request?: { retryCount?: number } }) => {
    warn(`${what} for ${options.method} ${options.url}; ${options.request?.retryCount === 0 ? `retrying after ${retryAfter} s` : 'giving up'}`);
    return options.request?.retryCount === 0;
  };
  return new Octokit({
    auth: opts.token,
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/+$/, '') } : {}),
    userAgent: 'incident-ledger',
    retry: { retries: 3, retryAfterBaseValue: base },
    throttle: {
      enabled: opts.pacing !== false,
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: retryOnce('GitHub API rate limit reached'),
      onSecondaryRateLimit: retryOnce('GitHub secondary rate limit reached'),
    },
    log: { debug: () => undefined, info: () => undefined, warn, error: warn },
  });
}

/** The client an Actions entry point uses, configured from the environment. */
export function clientFromEnv(env: Record<string, string | undefined>, warn?: (t: string) => void): GithubClient {
  const pacing = env['INCIDENT_GITHUB_PACING'] !== 'off';
  const retryBaseMs = env['INCIDENT_GITHUB_RETRY_BASE_MS'] ? Number(env['INCIDENT_GITHUB_RETRY_BASE_MS']) : undefined;
  return createGithubClient({
    token: env['GITHUB_TOKEN'] ?? env['GH_TOKEN'],
    ...(env['GITHUB_API_URL'] ? { baseUrl: env['GITHUB_API_URL'] } : {}),
    ...(warn ? { warn } : {}),
    ...(retryBaseMs !== undefined && Number.isFinite(retryBaseMs) ? { retryBaseMs } : {}),
    pacing,
  });
}
