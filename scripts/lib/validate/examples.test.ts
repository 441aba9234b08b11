import { describe, expect, it } from 'vitest';
import { runValidate } from '../../cli/commands/validate.ts';
import { PACKAGE_ROOT } from '../io/shipped-schemas.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { cwd: PACKAGE_ROOT, env: {}, interactive: false, stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe('shipped example incidents', () => {
  it('validate clean with the human summary', async () => {
    const c = capture();
    expect(await runValidate(c.io, [], 'human')).toBe(0);
    expect(c.out.join('')).toMatch(/^✔ 4 incident files checked: no problems\.\n$/);
  });

  it('report the same files and no diagnostics as JSON', async () => {
    const c = capture();
    expect(await runValidate(c.io, [], 'json')).toBe(0);
    const json = JSON.parse(c.out.join(''));
    expect(json.diagnostics).toEqual([]);
    expect(json.files).toHaveLength(4);
    expect(json.files.every((f: string) => f.startsWith('incidents/2026/INC-'))).toBe(true);
  });
});

describe('validate with paths still sees the whole repository', () => {
  it('reports an id already used by a file outside the given paths (exit 1)', async () => {
    const { cpSync, mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const root = mkdtempSync(join(tmpdir(), 'validate-paths-'));
    try {
      cpSync(join(PACKAGE_ROOT, 'incidents'), join(root, 'incidents'), { recursive: true });
      mkdirSync(join(root, 'incidents/zz'));
      cpSync(join(root, 'incidents/2026/INC-20261130-4HQP-payroll-phishing-report.md'), join(root, 'incidents/zz/INC-20261130-4HQP-copy.md'));
      const c = capture();
      c.io.cwd = root;
      expect(await runValidate(c.io, ['incidents/zz/INC-20261130-4HQP-copy.md'], 'json')).toBe(1);
      const { diagnostics } = JSON.parse(c.out.join(''));
      expect(diagnostics.map((d: { rule: string; file: string; line: number }) => `${d.rule} ${d.file}:${d.line}`)).toEqual(['id/duplicate incidents/zz/INC-20261130-4HQP-copy.md:3']);
      expect(diagnostics[0].message).toContain('incidents/2026/INC-20261130-4HQP-payroll-phishing-report.md');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
