import type { RepoRef } from './actions-io.ts';
import type { Approvers } from './approvers-config.ts';
import type { GithubClient } from './client.ts';
import { explainGithubError, isNotFound } from './errors.ts';
import type { ApprovalRequirement } from './transitions.ts';

export interface Review { user: string; state: string; commitId: string }

export interface ApprovalStatus {
  incident: string;
  phase: string;
  roles: string[];
  satisfied: boolean;
  /** Reviewers whose approval counted. */
  approvedBy: string[];
  /** Why it is not satisfied beyond "nobody approved" (e.g. a role nobody is configured for). */
  problems: string[];
}

/**
 * The approvals that count: the latest review of each reviewer (comments do not replace an earlier
 * verdict, as on GitHub), only when it approves the current head commit. A dismissed review or an
 * approval of an earlier commit (stale after a new push) does not count.
 */
export function currentApprovers(reviews: readonly Review[], headSha: string): string[] {
  const latest = new Map<string, Review>();
  for (const r of reviews) {
    if (r.state === 'COMMENTED' || r.state === 'PENDING') continue;
    latest.set(r.user.toLowerCase(), r);
  }
  return [...latest.values()].filter((r) => r.state === 'APPROVED' && r.commitId === headSha).map((r) => r.user).sort();
}

/** Membership lookup: `org/team` + login → is an active member. */
export type TeamCheck = (team: string, login: string) => Promise<boolean>;

export async function evaluateApprovals(needs: readonly ApprovalRequirement[], approvers: Approvers, approved: readonly string[], inTeam: TeamCheck): Promise<ApprovalStatus[]> {
  const out: ApprovalStatus[] = [];
  for (const need of needs) {
    const problems: string[] = [];
    const by = new Set<string>();
    for (const role of need.roles) {
      const conf = Object.prototype.hasOwnProperty.call(approvers, role) ? approvers[role] : undefined;
      if (!conf || (!conf.users?.length && !conf.teams?.length)) {
        problems.push(`nobody is configured for role \`${role}\`: add \`approvers: { ${role}: { users: [...], teams: [org/team] } }\` to .incident-ledger.yml`);
        continue;
      }
      const users = new Set((conf.users ?? []).map((u) => u.toLowerCase()));
      for (const login of approved) {
        if (users.has(login.toLowerCase())) { by.add(login); continue; }
        for (const team of conf.teams ?? []) {
          if (await inTeam(team, login)) { by.add(login); break; }
        }
      }
    }
    out.push({ incident: need.incident, phase: need.phase, roles: need.roles, satisfied: by.size > 0, approvedBy: [...by].sort(), problems });
  }
  return out;
}

/** Every review of a pull request, oldest first (all pages). */
export async function listReviews(gh: GithubClient, repo: RepoRef, prNumber: number): Promise<Review[]> {
  const reviews = await gh.paginate(gh.rest.pulls.listReviews, { ...repo, pull_number: prNumber, per_page: 100 });
  return reviews.filter((r) => r.user).map((r) => ({ user: r.user!.login, state: r.state, commitId: r.commit_id ?? '' }));
}

export class MembershipError extends Error {}

/** Team membership through the API, cached per (team, login). Needs a token that can read org members. */
export function teamCheckVia(gh: GithubClient): TeamCheck {
  const cache = new Map<string, Promise<boolean>>();
  return (team, login) => {
    const key = `${team.toLowerCase()}|${login.toLowerCase()}`;
    let hit = cache.get(key);
    if (!hit) {
      const [org, slug] = team.split('/') as [string, string];
      hit = gh.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: login }).then(
        (r) => r.data.state === 'active',
        (e: unknown) => {
          if (isNotFound(e)) return false;
          throw new MembershipError(explainGithubError(e, `check whether ${login} is in team ${team}`, 'members: read (a GitHub App installation token or a PAT with read:org; GITHUB_TOKEN cannot read team membership)'));
        },
      );
      cache.set(key, hit);
    }
    return hit;
  };
}
