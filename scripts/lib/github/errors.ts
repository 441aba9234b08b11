// What went wrong talking to GitHub, in words a workflow author can act on. The raw error objects
// carry request headers (with the token redacted by octokit) — we only ever print status + message.

export interface HttpFailure { status: number; message: string }

export function httpFailure(e: unknown): HttpFailure | undefined {
  if (e && typeof e === 'object' && typeof (e as { status?: unknown }).status === 'number') {
    const err = e as { status: number; message?: string; response?: { data?: { message?: string } } };
    return { status: err.status, message: String(err.response?.data?.message ?? err.message ?? '') };
  }
  return undefined;
}

export function isForbidden(e: unknown): boolean {
  const f = httpFailure(e);
  return f !== undefined && f.status === 403 && !/rate limit/i.test(f.message);
}

export function isNotFound(e: unknown): boolean {
  return httpFailure(e)?.status === 404;
}

/**
 * One line explaining a failed call: `doing` names the action ("update the PR comment"), `needs`
 * the permission a token must have ("pull-requests: write").
 */
export function explainGithubError(e: unknown, doing: string, needs: string): string {
  const f = httpFailure(e);
  if (!f) return `cannot ${doing}: ${e instanceof Error ? e.message : String(e)}`;
  if (f.status === 401) return `cannot ${doing}: GitHub rejected the token (401 ${f.message}); check GITHUB_TOKEN`;
  if (f.status === 403 && /rate limit/i.test(f.message)) return `cannot ${doing}: GitHub rate limit exhausted (403 ${f.message}); retry later`;
  if (f.status === 403) return `cannot ${doing}: the token lacks permission (403 ${f.message}); it needs \`${needs}\` — a pull request from a fork only gets a read-only token`;
  if (f.status === 404) return `cannot ${doing}: not found or not visible to this token (404); it needs \`${needs}\``;
  return `cannot ${doing}: GitHub answered ${f.status} ${f.message}`;
}
