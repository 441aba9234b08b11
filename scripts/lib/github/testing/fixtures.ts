import { zipSync } from 'fflate';
import type { CheckResult, CheckedIncident } from '../check-result.ts';
import { exampleEvent } from './actions-run.ts';

type Json = Record<string, unknown>;

export const HEAD = 'd04fb78a1c2e3f405162738495a6b7c8d9e0f123';
export const BASE = 'ba5eba11c0ffee00ba5eba11c0ffee00ba5eba11';

export function incident(over: Partial<CheckedIncident> = {}): CheckedIncident {
  return {
    id: 'INC-20261118-R7WM', file: 'incidents/2026/INC-20261118-R7WM-ransomware-file-servers.md', previousFile: null,
    change: 'modified', phaseBefore: 'logging', phaseAfter: 'notification', gatesPassed: ['logging'],
    approvalsRequired: [], title: 'Ransomware on file servers', severity: 'sev1', tlp: 'TLP:AMBER', errors: 0, warnings: 0, ...over,
  };
}

export function checkResult(over: Partial<CheckResult> = {}): CheckResult {
  const incidents = over.incidents ?? [incident()];
  return {
    schema: 'incident-ledger/check-result@1', base: 'origin/main', baseSha: BASE, headSha: HEAD, mergeBase: BASE,
    files: incidents.map((i) => i.file).sort(), incidents, diagnostics: [],
    summary: { incidents: incidents.length, errors: 0, warnings: 0, notices: 0 }, ...over,
  };
}

export function artifactZip(entries: Record<string, unknown>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, v] of Object.entries(entries)) files[name] = new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
  return zipSync(files);
}

/**
 * A `workflow_run` completed event from @octokit/webhooks-examples, re-pointed at the scenario:
 * the incident-check run of a pull_request in acme/incidents.
 */
export function workflowRunEvent(o: { runId?: number; headSha?: string; headOwner?: string; branch?: string; pullRequests?: number[] }): { name: string; payload: Json } {
  const payload = exampleEvent('workflow_run', (p) => p['action'] === 'completed' && ((p['workflow_run'] as Json)['pull_requests'] as unknown[]).length > 0);
  const run = payload['workflow_run'] as Json;
  const headSha = o.headSha ?? HEAD;
  const owner = o.headOwner ?? 'acme';
  run['id'] = o.runId ?? 777;
  run['name'] = 'incident-check';
  run['event'] = 'pull_request';
  run['conclusion'] = 'failure';
  run['head_sha'] = headSha;
  run['head_branch'] = o.branch ?? 'fix-typo';
  (run['head_repository'] as Json)['full_name'] = `${owner}/incidents`;
  ((run['head_repository'] as Json)['owner'] as Json)['login'] = owner;
  const template = (run['pull_requests'] as Json[])[0]!;
  run['pull_requests'] = (o.pullRequests ?? []).map((n) => ({
    ...template, number: n, url: `https://api.github.com/repos/acme/incidents/pulls/${n}`,
    head: { ...(template['head'] as Json), sha: headSha, ref: o.branch ?? 'fix-typo' },
    base: { ...(template['base'] as Json), repo: { ...((template['base'] as Json)['repo'] as Json), url: 'https://api.github.com/repos/acme/incidents', name: 'incidents' } },
  }));
  (payload['repository'] as Json)['full_name'] = 'acme/incidents';
  return { name: 'workflow_run', payload };
}
