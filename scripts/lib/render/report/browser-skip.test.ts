// Without Chromium the real-browser test skips, and says why where people look: in the default
// reporter's output (which shows a skipped test's count, not its name). Runs that file in a child
// vitest with CHROMIUM_PATH pointing nowhere, so it holds whether or not Chromium is installed.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../io/shipped-schemas.ts';

describe('browser.test.ts without Chromium', () => {
  it('skips with a visible reason and how to install it', async () => {
    const env: Record<string, string | undefined> = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));
    const { stdout, stderr } = await promisify(execFile)(process.execPath,
      [join(PACKAGE_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'scripts/lib/render/report/browser.test.ts', '--reporter=default'],
      { cwd: PACKAGE_ROOT, env: { ...env, CHROMIUM_PATH: join(PACKAGE_ROOT, 'no-such-chromium'), NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' }, timeout: 120_000 });
    const out = stdout + stderr;
    expect(out).toContain('Chromium not found: install it (Debian: apt-get install chromium)');
    expect(out).toMatch(/1 skipped/);
  }, 120_000);
});
