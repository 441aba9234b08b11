import type { RepoRef } from './actions-io.ts';
import type { GithubClient } from './client.ts';

export interface KnownIssue { number: number; url: string; state: string; body: string; title: string; labels: string[] }

/**
 * Every issue of the repository (open and closed, all pages, pull requests left out) that carries
 * one of our hidden markers, indexed by marker. Looking markers up before creating is what makes
 * the follow-up and deadline steps idempotent: a re-run finds what the last run created.
 */
export async function indexMarkedIssues(gh: GithubClient, repo: RepoRef, markerPattern: RegExp): Promise<Map<string, KnownIssue>> {
  const issues = await gh.paginate(gh.rest.issues.listForRepo, { ...repo, state: 'all', per_page: 100 });
  const out = new Map<string, KnownIssue>();
  const global = new RegExp(markerPattern.source, 'g');
  for (const i of issues) {
    if (i.pull_request) continue;
    const body = i.body ?? '';
    for (const m of body.matchAll(global)) {
      const key = m[0];
      const prev = out.get(key);
      // Prefer the oldest issue if a marker was ever duplicated by hand.
      if (!prev || i.number < prev.number) {
        out.set(key, { number: i.number, url: i.html_url, state: i.state, body, title: i.title, labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter(Boolean) });
      }
    }
  }
  return out;
}
