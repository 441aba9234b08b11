import { parse } from 'yaml';

/**
 * Security hygiene of GitHub Actions files that actionlint does not enforce (case 21, fork PRs):
 * - no untrusted expression (`github.event.*`, `github.head_ref`, `inputs.*`) inside `run:`;
 * - `permissions` declared (top level, or on every job) and never `write-all`;
 * - every `uses:` pinned to a full 40-hex commit sha with a version comment (`# v4.2.2`);
 * - `actions/checkout` with `persist-credentials: false` (the token is not left in .git/config);
 * - required checks (workflows that run in the merge queue) have no path filters;
 * - no `pull_request_target` (a write token next to PR code); workflows triggered by pull requests
 *   or by `workflow_run` declare a `concurrency` group;
 * - a privileged `workflow_run` workflow never checks out another ref (the PR head).
 * Returns one message per problem, `path:line: what` (line 0 when it is about the whole file).
 */
export function workflowHygiene(path: string, text: string, kind: 'workflow' | 'action'): string[] {
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  const lineOf = (needle: RegExp, from = 0): number => {
    for (let i = from; i < lines.length; i++) if (needle.test(lines[i]!)) return i + 1;
    return 0;
  };

  for (const [i, line] of lines.entries()) {
    const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^\s'"#]+)\1\s*(#.*)?$/.exec(line);
    if (!m) continue;
    const ref = m[2]!;
    if (ref.startsWith('./')) continue;
    if (ref.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(ref)) problems.push(`${path}:${i + 1}: \`${ref}\` is not pinned by digest (docker://image@sha256:<64 hex>)`);
      continue;
    }
    if (!/^[^@\s]+@[0-9a-f]{40}$/.test(ref)) problems.push(`${path}:${i + 1}: \`${ref}\` is not pinned to a full 40-hex commit sha`);
    else if (!/^#\s*v?\d+(\.\d+)*\S*/.test(m[3] ?? '')) problems.push(`${path}:${i + 1}: \`${ref}\` has no version comment (e.g. \`# v4.2.2\`)`);
  }

  let doc: Record<string, unknown>;
  try {
    doc = asRecord(parse(text, { schema: 'core', uniqueKeys: true }));
  } catch (err) {
    return [...problems, `${path}:0: not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`];
  }
  const jobs = kind === 'workflow' ? Object.entries(asRecord(doc['jobs'])) : [['action', asRecord(doc['runs'])] as [string, unknown]];
  let searchFrom = 0;
  for (const [jobId, job] of jobs) {
    const steps = Array.isArray(asRecord(job)['steps']) ? (asRecord(job)['steps'] as unknown[]) : [];
    for (const step of steps.map(asRecord)) {
      const run = step['run'];
      if (typeof run === 'string') {
        const bad = /\$\{\{[^}]*?\b(github\.event\b[\w.[\]'"*-]*|github\.head_ref\b|inputs\.[\w-]+)/.exec(run);
        const at = lineOf(/^\s*(?:-\s+)?run:/, searchFrom);
        if (at) searchFrom = at;
        if (bad) problems.push(`${path}:${at}: job \`${jobId}\` interpolates \`${bad[1]}\` into a run: script; pass it through env: and quote it ("$VAR")`);
      }
      const uses = typeof step['uses'] === 'string' ? step['uses'] : '';
      if (/^actions\/checkout@/.test(uses) && asRecord(step['with'])['persist-credentials'] !== false) {
        problems.push(`${path}:${lineOf(/uses:\s*actions\/checkout@/)}: actions/checkout without \`persist-credentials: false\` leaves the token in .git/config for later steps`);
      }
    }
  }
  if (kind === 'action') return problems;

  const perms = doc['permissions'];
  const jobPerms = jobs.map(([, j]) => asRecord(j)['permissions']);
  if (perms === undefined && jobPerms.some((p) => p === undefined)) problems.push(`${path}:0: no \`permissions:\` declared (top level or on every job); the default token may be read-write`);
  for (const p of [perms, ...jobPerms]) if (p === 'write-all') problems.push(`${path}:${lineOf(/permissions:\s*write-all/)}: \`permissions: write-all\` is never needed`);

  const on = doc['on'];
  const triggers = typeof on === 'string' ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((t) => [String(t), null])) : asRecord(on);
  if ('pull_request_target' in triggers) problems.push(`${path}:${lineOf(/pull_request_target/)}: \`pull_request_target\` gives a write token to a job next to PR code; validate on pull_request and comment from a workflow_run workflow`);
  const prTriggered = ['pull_request', 'pull_request_review', 'workflow_run'].some((t) => t in triggers);
  if (prTriggered && !('concurrency' in doc) && jobs.some(([, j]) => !('concurrency' in asRecord(j)))) problems.push(`${path}:0: no \`concurrency:\` group; runs for the same pull request should not race`);
  if ('workflow_run' in triggers) {
    for (const [jobId, job] of jobs) {
      const steps = Array.isArray(asRecord(job)['steps']) ? (asRecord(job)['steps'] as unknown[]) : [];
      for (const step of steps.map(asRecord)) {
        if (/^actions\/checkout@/.test(String(step['uses'] ?? '')) && 'ref' in asRecord(step['with'])) {
          problems.push(`${path}:${lineOf(/^\s*ref:/)}: job \`${jobId}\` checks out another ref in a privileged workflow_run workflow; it must run the default branch's code only`);
        }
      }
    }
  }
  if ('merge_group' in triggers) {
    for (const [event, cfg] of Object.entries(triggers)) {
      for (const filter of ['paths', 'paths-ignore']) {
        if (filter in asRecord(cfg)) problems.push(`${path}:${lineOf(new RegExp(`^\\s*${filter}:`))}: required check has a \`${filter}\` filter on \`${event}\`; a required check must run (and report) on every change`);
      }
    }
  }
  return problems;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
