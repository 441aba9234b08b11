import { asRecord as rec } from '../model/access.ts';
import type { RepoRef } from './actions-io.ts';
import type { GithubClient } from './client.ts';

// Case 25: in the privileged workflow_run job the target pull request comes from trusted event data
// only. `workflow_run.pull_requests` is used when GitHub filled it (same-repository branches); for
// forks it is always empty, so the open PRs of the base repository whose head is
// "<head owner>:<head branch>" are listed and kept only when their head commit is the run's commit
// and their base is this repository. A PR number inside the artifact is only cross-checked.

export interface TargetPr { number: number; headSha: string; via: 'workflow_run.pull_requests' | 'pulls.list' | 'event.pull_request' }
export type TargetOutcome = { ok: true; pr: TargetPr } | { ok: false; skip: string };

type Json = Record<string, unknown>;

export async function resolveTargetPr(gh: GithubClient, repo: RepoRef, payload: Json): Promise<TargetOutcome> {
  const run = rec(payload['workflow_run']);
  const headSha = typeof run['head_sha'] === 'string' ? run['head_sha'] : '';
  if (!/^[0-9a-f]{40}$/.test(headSha)) return { ok: false, skip: 'the event has no workflow_run.head_sha; not a workflow_run event?' };
  if (run['event'] !== 'pull_request' && run['event'] !== 'pull_request_review') {
    return { ok: false, skip: `the checked run was triggered by ${String(run['event'])}, not by a pull request` };
  }
  const full = `${repo.owner}/${repo.repo}`.toLowerCase();
  const listed = Array.isArray(run['pull_requests']) ? (run['pull_requests'] as unknown[]).map(rec) : [];
  if (listed.length) {
    const matches = listed.filter((p) => rec(p['head'])['sha'] === headSha && String(rec(rec(p['base'])['repo'])['url'] ?? '').toLowerCase().endsWith(`/repos/${full}`));
    return single(matches.map((p) => Number(p['number'])), headSha, 'workflow_run.pull_requests');
  }
  const owner = String(rec(rec(run['head_repository'])['owner'])['login'] ?? '');
  const branch = typeof run['head_branch'] === 'string' ? run['head_branch'] : '';
  if (!owner || !branch) return { ok: false, skip: 'the event names no head repository owner or head branch' };
  const pulls = await gh.paginate(gh.rest.pulls.list, { ...repo, state: 'open', head: `${owner}:${branch}`, per_page: 100 });
  const matches = pulls.filter((p) => p.head.sha === headSha && p.base.repo.full_name.toLowerCase() === full).map((p) => p.number);
  return single(matches, headSha, 'pulls.list');
}

/** PR number, head and base commits of a pull_request / pull_request_review event (GitHub-written, trusted). */
export function pullRequestOfEvent(payload: Json): { number: number; headSha: string; baseSha: string } | undefined {
  const pr = rec(payload['pull_request']);
  const number = Number(pr['number']);
  const headSha = String(rec(pr['head'])['sha'] ?? '');
  const baseSha = String(rec(pr['base'])['sha'] ?? '');
  if (!Number.isInteger(number) || number < 1 || !/^[0-9a-f]{40}$/.test(headSha) || !/^[0-9a-f]{40}$/.test(baseSha)) return undefined;
  return { number, headSha, baseSha };
}

function single(numbers: number[], headSha: string, via: TargetPr['via']): TargetOutcome {
  const unique = [...new Set(numbers.filter((n) => Number.isInteger(n) && n > 0))];
  if (unique.length === 1) return { ok: true, pr: { number: unique[0]!, headSha, via } };
  if (!unique.length) return { ok: false, skip: `no open pull request of this repository has head commit ${headSha.slice(0, 12)} (closed, or pushed again since the check ran)` };
  return { ok: false, skip: `several pull requests (#${unique.join(', #')}) have head commit ${headSha.slice(0, 12)}; not guessing which one to comment on` };
}

/** Compares what the artifact claims with the trusted target; any difference is a refusal. */
export function crossCheckArtifactPr(target: TargetPr, claimed: { number?: number; headSha?: string } | undefined): string | undefined {
  if (!claimed) return undefined;
  if (claimed.number !== undefined && claimed.number !== target.number) {
    return `the artifact names pull request #${claimed.number}, but the run belongs to #${target.number}; the artifact is not trusted and nothing is posted`;
  }
  if (claimed.headSha !== undefined && claimed.headSha !== target.headSha) {
    return `the artifact was made for commit ${claimed.headSha.slice(0, 12)}, but the run checked ${target.headSha.slice(0, 12)}; nothing is posted`;
  }
  return undefined;
}
