import type { GithubClient } from './client.ts';
import type { RepoRef } from './actions-io.ts';

export interface StickyResult { action: 'created' | 'updated' | 'unchanged'; id: number; url: string }

/**
 * Creates or updates the one comment on an issue/PR that carries `marker`. Only comments written by
 * a bot are considered, so a person quoting the marker cannot capture the sticky comment. Lists every
 * page of comments (a busy PR has more than 100).
 */
export async function upsertStickyComment(gh: GithubClient, repo: RepoRef, issueNumber: number, marker: string, body: string): Promise<StickyResult> {
  if (!body.includes(marker)) throw new Error('sticky comment body must contain its marker');
  const comments = await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
  const mine = comments.find((c) => c.user?.type === 'Bot' && (c.body ?? '').includes(marker));
  if (mine) {
    if (mine.body === body) return { action: 'unchanged', id: mine.id, url: mine.html_url };
    const { data } = await gh.rest.issues.updateComment({ ...repo, comment_id: mine.id, body });
    return { action: 'updated', id: data.id, url: data.html_url };
  }
  const { data } = await gh.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
  return { action: 'created', id: data.id, url: data.html_url };
}
