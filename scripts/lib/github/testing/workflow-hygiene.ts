import { parse } from 'yaml';

// The project's workflow hygiene rules as a pure check over one file's text (workflows and
// composite actions): least-privilege permissions per job, actions pinned to a full commit SHA with
// a version comment, no persisted credentials, concurrency for PR-triggered workflows, no
// pull_request_target, no PR-head checkout in privileged workflows, and no event, head_ref, input
// or step-output text interpolated into shell (case 21).

type Json = Record<string, unknown>;
type Step = Json & { uses?: string; run?: string; with?: Json };
function stepsOf(doc: Json): Array<{ where: string; step: Step }> {
  const out: Array<{ where: string; step: Step }> = [];
  for (const [name, job] of Object.entries((doc['jobs'] ?? {}) as Record<string, Json>)) {
    ((job['steps'] ?? []) as Step[]).forEach((step, i) => out.push({ where: `jobs.${name}.steps[${i}]`, step }));
  }
  const runs = (doc['runs'] ?? {}) as Json;
  ((runs['steps'] ?? []) as Step[]).forEach((step, i) => out.push({ where: `runs.steps[${i}]`, step }));
  return out;
}

/** `${{ … }}` expressions carrying attacker-controllable or file-derived text. */
const UNTRUSTED_IN_RUN = /\$\{\{[^}]*\b(github\.event|github\.head_ref|\.outputs\.|inputs\.)/;

/** Pure rule check on one file's text; returns problems as "file: where: what". */
export function hygieneProblems(file: string, text: string): string[] {
  const doc = parse(text) as Json;
  const problems: string[] = [];
  const isWorkflow = 'jobs' in doc;
  if (isWorkflow) {
    const on = doc['on'] as Json | string | string[];
    const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {});
    if (triggers.includes('pull_request_target')) problems.push(`${file}: uses pull_request_target (write token next to PR code); use pull_request + workflow_run`);
    if (!('permissions' in doc)) problems.push(`${file}: no top-level permissions (set \`permissions: {}\` and grant per job)`);
    const prTriggered = triggers.some((t) => ['pull_request', 'pull_request_review', 'workflow_run', 'merge_group'].includes(t));
    for (const [name, job] of Object.entries((doc['jobs'] ?? {}) as Record<string, Json>)) {
      if (!('permissions' in job)) problems.push(`${file}: job ${name} declares no permissions`);
      const perms = job['permissions'];
      if (perms === 'write-all' || perms === 'read-all') problems.push(`${file}: job ${name} uses ${perms}; list the scopes it needs`);
      if (prTriggered && !('concurrency' in doc) && !('concurrency' in job)) problems.push(`${file}: job ${name} has no concurrency group (per PR)`);
    }
  }
  const lines = text.split('\n');
  for (const { where, step } of stepsOf(doc)) {
    if (typeof step.uses === 'string' && !step.uses.startsWith('./') && !step.uses.startsWith('docker://')) {
      if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(step.uses)) problems.push(`${file}: ${where}: \`${step.uses}\` is not pinned to a full commit SHA`);
      const line = lines.find((l) => l.includes(`uses: ${step.uses}`)) ?? '';
      if (!/#\s*v\d+\.\d+\.\d+\s*$/.test(line)) problems.push(`${file}: ${where}: \`${step.uses}\` lacks a \`# vX.Y.Z\` version comment`);
      if (step.uses.startsWith('actions/checkout@')) {
        if (step.with?.['persist-credentials'] !== false) problems.push(`${file}: ${where}: actions/checkout without \`persist-credentials: false\``);
        const triggers = isWorkflow ? JSON.stringify(doc['on']) : '';
        if (/workflow_run|pull_request_target/.test(triggers) && step.with?.['ref'] !== undefined) problems.push(`${file}: ${where}: a privileged workflow must not check out another ref (the PR head)`);
      }
    }
    if (typeof step.run === 'string' && UNTRUSTED_IN_RUN.test(step.run)) {
      problems.push(`${file}: ${where}: interpolates event, head_ref, input or step-output text into run:; pass it through env: and quote it`);
    }
  }
  return problems;
}
