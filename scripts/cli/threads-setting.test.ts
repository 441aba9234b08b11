// INCIDENT_LEDGER_THREADS through the real CLI (validate and report over a temp copy of the examples).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { capture, tempRepo } from './test-support.ts';

const repo = tempRepo();
afterAll(() => repo.cleanup());

async function run(argv: string[], value: string | undefined): Promise<{ code: number; out: string; err: string }> {
  const c = capture(repo.root);
  c.io.env = { ...c.io.env, INCIDENT_LEDGER_THREADS: value };
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('INCIDENT_LEDGER_THREADS', () => {
  const bad = ['abc', '0', '-1', '100', '65', '1.5', '2x', '0x10', '1e1', '99999999999999999999'];
  describe.each([
    ['validate', ['validate']],
    ['validate <path>', ['validate', 'incidents/2026']],
    ['report', ['report', '--out', 'out/threads']],
  ])('%s', (_name, argv) => {
    it.each(bad)('refuses %j: usage error (exit 2) naming the variable, the value, what is expected and an example', async (value) => {
      const r = await run(argv, value);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`error: INCIDENT_LEDGER_THREADS=${JSON.stringify(value)} is not a whole number from 1 to 64: it sets how many worker threads validate and report use (1 = no threads); `
        + 'e.g. INCIDENT_LEDGER_THREADS=2, or unset it for the default (one per core, at most 4)\n');
      expect(existsSync(join(repo.root, 'out'))).toBe(false);
    });
  });

  it.each([['1'], ['2'], ['64'], [' 3 '], [''], [undefined]])('accepts %j (validate runs, exit 0)', async (value) => {
    const r = await run(['validate'], value);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('✔ 4 incident files checked: no problems.\n');
  }, 60_000);
});
