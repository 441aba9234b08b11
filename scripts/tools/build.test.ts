/**
 * The bundle the bin runs (npm run build) behaves exactly like the TypeScript sources, and the bin
 * only trusts a bundle built from the current sources.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  mkdirSync(join(dir, 'build', 'chunks'), { recursive: true });
  writeFileSync(join(dir, 'build', 'main.mjs'), 'export {};\n');
  writeFileSync(join(dir, 'build', 'chunks', 'a.mjs'), 'export const a = 1;\n');
  const outputs = { 'main.mjs': 11, 'chunks/a.mjs': 20 };
  const write = (manifest: unknown) => writeFileSync(join(dir, 'build', 'manifest.json'), JSON.stringify(manifest));
  const src = join(dir, 'a.ts');
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const entryFor = (content: string, how: 'same' | 'touched' | 'stale-hash'): [number, number, number, string] => {
    const st = statSync(src);
    if (how === 'same') return [st.size, st.mtimeMs, st.ctimeMs, sha(content)];
    if (how === 'touched') return [st.size, 1, 1, sha(content)];
    return [st.size, st.mtimeMs, 1, sha('export {};')];
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['unchanged file', 'export {};', 'same', true],
    ['same content, times differ (git checkout, touch)', 'export {};', 'touched', true],
    ['edited, same size, mtime put back (cp -p, touch -r): ctime differs, hash decides', 'export {}!', 'stale-hash', false],
  ] as const)('%s → fresh %s', (_name, content, how, fresh) => {
    writeFileSync(src, content);
    write({ version: 2, inputs: { 'a.ts': entryFor(content, how) }, outputs });
    expect(isFresh(build, dir)).toBe(fresh);
  });

  it('edited to another size → not fresh', () => {
    writeFileSync(src, 'export {};');
    const entry = entryFor('export {};', 'same');
    writeFileSync(src, 'export const b = 2;');
    write({ version: 2, inputs: { 'a.ts': entry }, outputs });
    expect(isFresh(build, dir)).toBe(false);
  });

  it.each([
    ['a missing input', { version: 2, inputs: { 'gone.ts': [1, 1, 1, 'x'] }, outputs }],
    ['no inputs', { version: 2, inputs: {}, outputs }],
    ['a missing output', { version: 2, inputs: { 'a.ts': [10, 1, 1, 'x'] }, outputs: { ...outputs, 'chunks/gone.mjs': 5 } }],
    ['an output of another size', { version: 2, inputs: { 'a.ts': [10, 1, 1, 'x'] }, outputs: { 'main.mjs': 12 } }],
    ['an old manifest format', { inputs: { 'a.ts': [10, 1, 'x'] } }],
    ['null', null],
    ['inputs of the wrong shape', { version: 2, inputs: { 'a.ts': 5 }, outputs }],
    ['inputs as a list', { version: 2, inputs: [1, 2], outputs }],
  ])('%s → not fresh, no exception', (_name, manifest) => {
    writeFileSync(src, 'export {};');
    write(manifest);
    expect(isFresh(build, dir)).toBe(false);
  });

  it('an absent manifest → not fresh', () => {
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

  it('writes a manifest the bin accepts as fresh for the sources it was built from', () => {
    expect(isFresh(pathToFileURL(out + '/'), PACKAGE_ROOT)).toBe(true);
  });

  it('records every bundled source in its manifest', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { inputs: Record<string, unknown> };
    expect(Object.keys(manifest.inputs)).toContain('scripts/cli/main.ts');
    expect(Object.keys(manifest.inputs)).toContain('scripts/lib/validate/validator.ts');
    expect(Object.keys(manifest.inputs).every((p) => p.startsWith('scripts/'))).toBe(true);
  });
});
