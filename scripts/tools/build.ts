/**
 * `npm run build` (run by `npm ci` through `prepare`): bundles the CLI and its worker entry points
 * with esbuild into scripts/.build/ and warms the schema compile cache, so `incident` starts in
 * plain Node instead of transpiling ~150 TypeScript modules through tsx on every run (issues 2 and
 * 3: ~0.3 s of a 0.5 s budget). scripts/bin/incident.js uses the bundle only while
 * scripts/.build/manifest.json matches the sources (sha-256 of every input); otherwise it falls back
 * to tsx, so an edited checkout never runs stale code.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { installSchemaCache } from '../lib/io/schema-cache.ts';
import { shippedValidator } from '../lib/io/shipped-validator.ts';
import { PACKAGE_ROOT, readShippedJson } from '../lib/io/shipped-schemas.ts';
import { compileShipped } from '../lib/validate/ajv.ts';

export const BUILD_DIR = join(PACKAGE_ROOT, 'scripts', '.build');
const WORKERS_DIR = join(PACKAGE_ROOT, 'scripts', 'cli', 'workers');

export interface Manifest {
  version: 2;
  /** Repository-relative input path → [size, mtimeMs, ctimeMs, sha-256]. */
  inputs: Record<string, [number, number, number, string]>;
  /** Output path relative to the build folder → size in bytes (all must be present to be used). */
  outputs: Record<string, number>;
}

/** Builds into `outDir` (default scripts/.build; it must sit under scripts/ so PACKAGE_ROOT is found). */
export async function buildBundle(outDir: string = BUILD_DIR): Promise<{ inputs: number; outDir: string }> {
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const workers = readdirSync(WORKERS_DIR).filter((f) => f.endsWith('.worker.ts')).sort().map((f) => join(WORKERS_DIR, f));
  const result = await build({
    entryPoints: [join(PACKAGE_ROOT, 'scripts/cli/main.ts'), ...workers],
    bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
    packages: 'external', outdir: tmp, outExtension: { '.js': '.mjs' }, entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]',
    metafile: true, logLevel: 'warning', legalComments: 'none',
  });
  const inputs: Manifest['inputs'] = {};
  for (const input of Object.keys(result.metafile.inputs).sort()) {
    const abs = join(process.cwd(), input);
    const st = statSync(abs);
    inputs[relative(PACKAGE_ROOT, abs).split('\\').join('/')] = [st.size, st.mtimeMs, st.ctimeMs, createHash('sha256').update(readFileSync(abs)).digest('hex')];
  }
  const outputs: Manifest['outputs'] = {};
  for (const out of Object.keys(result.metafile.outputs).sort()) {
    outputs[relative(tmp, join(process.cwd(), out)).split('\\').join('/')] = statSync(join(process.cwd(), out)).size;
  }
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify({ version: 2, inputs, outputs } satisfies Manifest) + '\n');
  // Swap in the finished build: readers see the old one, the new one or none (the bin then uses
  // tsx), never half of either.
  const old = `${outDir}.old-${process.pid}`;
  try { renameSync(outDir, old); } catch { /* no previous build */ }
  renameSync(tmp, outDir);
  rmSync(old, { recursive: true, force: true });
  return { inputs: Object.keys(inputs).length, outDir };
}

/** Compiles the shipped schemas once into the on-disk cache (see io/schema-cache.ts). */
export function warmSchemaCache(): void {
  installSchemaCache();
  shippedValidator();
  compileShipped(readShippedJson('schemas/settings.schema.json') as object);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { inputs, outDir } = await buildBundle();
  warmSchemaCache();
  console.log(`incident-ledger: bundled ${inputs} modules into ${relative(PACKAGE_ROOT, outDir)}/`);
}
