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
