import type { RepoRef } from './actions-io.ts';
import type { CheckResult } from './check-result.ts';
import type { GithubClient } from './client.ts';
import { isNotFound } from './errors.ts';

/** Label prefixes incident-ledger owns on a pull request: it adds, and removes stale ones of these. */
export const MANAGED_PREFIXES = ['phase:', 'severity:', 'tlp:'] as const;

export interface LabelSpec { name: string; color: string; description: string }

// FIRST TLP 2.0 colours; phases go from blue to green; severities from red (sev1) to grey.
const TLP_COLOURS: Record<string, string> = { 'TLP:CLEAR': 'ffffff', 'TLP:GREEN': '33ff00', 'TLP:AMBER': 'ffc000', 'TLP:AMBER+STRICT': 'ffc000', 'TLP:RED': 'ff2b2b' };
const SEVERITY_COLOURS = ['b60205', 'd93f0b', 'fbca04', 'c5def5', 'ededed'];

/**
 * The informational labels for a PR, derived from validated structured fields of the check result
 * (phase ids, `sevN`, TLP enum): never label names from the artifact, never gating labels.
 */
export function planLabels(result: CheckResult, phases: ReadonlySet<string>): LabelSpec[] {
  const out = new Map<string, LabelSpec>();
  for (let i of result.incidents) {
    // Values come from incident files (maybe invalid ones): only schema-valid values become labels.
    if (i.severity && !/^sev[1-9]$/.test(i.severity)) i = { ...i, severity: null };
    if (i.tlp && !(i.tlp in TLP_COLOURS)) i = { ...i, tlp: null };
    if (i.phaseAfter && phases.has(i.phaseAfter)) out.set(`phase:${i.phaseAfter}`, { name: `phase:${i.phaseAfter}`, color: '0e8a16', description: `An incident in this PR is in phase ${i.phaseAfter}` });
    if (i.severity) {
      const n = Number(i.severity.slice(3));
      out.set(`severity:${i.severity}`, { name: `severity:${i.severity}`, color: SEVERITY_COLOURS[Math.min(n, SEVERITY_COLOURS.length) - 1]!, description: `Highest-priority incident severity ${i.severity}` });
    }
    if (i.tlp) {
      const name = `tlp:${i.tlp.slice(4).toLowerCase()}`;
      out.set(name, { name, color: TLP_COLOURS[i.tlp] ?? 'ededed', description: `Traffic Light Protocol ${i.tlp}` });
    }
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export interface LabelChange { added: string[]; removed: string[]; created: string[] }

/** Makes the managed labels on `issueNumber` exactly `wanted`; creates repository labels that are missing. */
export async function applyLabels(gh: GithubClient, repo: RepoRef, issueNumber: number, wanted: readonly LabelSpec[]): Promise<LabelChange> {
  const current = (await gh.paginate(gh.rest.issues.listLabelsOnIssue, { ...repo, issue_number: issueNumber, per_page: 100 })).map((l) => l.name);
  const wantedNames = new Set(wanted.map((l) => l.name));
  const managed = (n: string) => MANAGED_PREFIXES.some((p) => n.toLowerCase().startsWith(p));
  const toAdd = wanted.filter((l) => !current.includes(l.name));
  const toRemove = current.filter((n) => managed(n) && !wantedNames.has(n)).sort();
  const created: string[] = [];
  for (const l of toAdd) {
    try {
      await gh.rest.issues.getLabel({ ...repo, name: l.name });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await gh.rest.issues.createLabel({ ...repo, name: l.name, color: l.color, description: l.description });
      created.push(l.name);
    }
  }
  if (toAdd.length) await gh.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels: toAdd.map((l) => l.name) });
  for (const name of toRemove) {
    try {
      await gh.rest.issues.removeLabel({ ...repo, issue_number: issueNumber, name });
    } catch (e) {
      if (!isNotFound(e)) throw e; // removed concurrently: the goal holds
    }
  }
  return { added: toAdd.map((l) => l.name), removed: toRemove, created };
}
