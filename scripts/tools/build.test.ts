/**
 * The bundle the bin runs (npm run build) behaves exactly like the TypeScript sources, and the bin
 * only trusts a bundle built from the current sources.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types (the bin's loader)
import { bundleIsFresh } from '../bin/load-main.js';
import { PACKAGE_ROOT } from '../lib/io/shipped-schemas.ts';
import { buildBundle } from './build.ts';

const isFresh = bundleIsFresh as (build: URL, root: string) => boolean;

describe('bundle freshness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-fresh-'));
  const build = pathToFileURL(join(dir, 'build') + '/');
  const write = (inputs: Record<string, [number, number, string]>) => {
    execFileSync('mkdir', ['-p', join(dir, 'build')]);
    writeFileSync(join(dir, 'build', 'manifest.json'), JSON.stringify({ inputs }));
  };
  const src = join(dir, 'a.ts');
  const sha = (s: string) => execFileSync('sha256sum', { input: s }).toString().split(' ')[0]!;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['unchanged file', 'export {};', (st: { size: number; mtimeMs: number }) => [st.size, st.mtimeMs, sha('export {};')], true],
    ['same content, touched (mtime differs)', 'export {};', (st: { size: number }) => [st.size, 1, sha('export {};')], true],
    ['edited, same size', 'export {}!', (st: { size: number }) => [st.size, 1, sha('export {};')], false],
    ['edited, other size', 'export const a = 1;', () => [10, 1, sha('export {};')], false],
  ] as const)('%s → fresh %s', (_name, content, entry, fresh) => {
    writeFileSync(src, content);
    utimesSync(src, 1000, 1000);
    const st = { size: Buffer.byteLength(content), mtimeMs: 1_000_000 };
    write({ 'a.ts': entry(st) as [number, number, string] });
    expect(isFresh(build, dir)).toBe(fresh);
  });

  it('a missing input, an empty or absent manifest → not fresh', () => {
    write({ 'gone.ts': [1, 1, 'x'] });
    expect(isFresh(build, dir)).toBe(false);
    write({});
    expect(isFresh(build, dir)).toBe(false);
    expect(isFresh(pathToFileURL(join(dir, 'nowhere') + '/'), dir)).toBe(false);
  });
});

describe('bundled CLI', () => {
  const out = join(PACKAGE_ROOT, 'scripts', `.build-test-${process.pid}`);
  beforeAll(async () => { await buildBundle(out); }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const run = (bundle: boolean, args: string[]) => {
    const script = bundle
      ? `const { main } = await import(${JSON.stringify(pathToFileURL(join(out, 'main.mjs')).href)}); process.exitCode = await main(process.argv.slice(1));`
      : `import { register } from 'tsx/esm/api'; register(); const { main } = await import('./scripts/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));`;
    try {
      return { code: 0, stdout: execFileSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }) };
    } catch (e) {
      const err = e as { status: number; stdout: string };
      return { code: err.status, stdout: err.stdout };
    }
  };

  it.each([
    [['validate', '--format', 'json']],
    [['deadlines', '--at', '2026-12-01T00:00:00Z', '--format', 'json']],
    [['export', 'stix', 'INC-20261118-R7WM']],
  ])('%j: same exit code and output as the TypeScript sources', (args) => {
    const viaBundle = run(true, args);
    expect(viaBundle.stdout.length).toBeGreaterThan(100);
    expect(viaBundle).toEqual(run(false, args));
  }, 60_000);

  it('records every bundled source in its manifest', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { inputs: Record<string, unknown> };
    expect(Object.keys(manifest.inputs)).toContain('scripts/cli/main.ts');
    expect(Object.keys(manifest.inputs)).toContain('scripts/lib/validate/validator.ts');
    expect(Object.keys(manifest.inputs).every((p) => p.startsWith('scripts/'))).toBe(true);
  });
});
