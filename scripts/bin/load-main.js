// How the `incident` bin finds the CLI: the esbuild bundle in scripts/.build/ (built by
// `npm run build`, which `npm ci` runs through `prepare`) when it was built from exactly the
// current sources and is complete, else the TypeScript itself through tsx's loader. Plain JS on
// purpose: this runs before any TypeScript can. INCIDENT_LEDGER_BUNDLE=0 forces tsx.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD = new URL('../.build/', import.meta.url);
export const MANIFEST_VERSION = 2;

const isEntry = (e) => Array.isArray(e) && e.length === 4 && typeof e[0] === 'number' && typeof e[1] === 'number' && typeof e[2] === 'number' && typeof e[3] === 'string';

/**
 * True when the build manifest is well-formed, every output it lists is present with its size, and
 * every input is unchanged: same size, mtime and ctime (ctime cannot be set back by cp -p, rsync
 * or touch), or else the same sha-256.
 */
export function bundleIsFresh(build = BUILD, root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('manifest.json', build), 'utf8'));
  } catch {
    return false;
  }
  if (!manifest || manifest.version !== MANIFEST_VERSION || typeof manifest.inputs !== 'object' || typeof manifest.outputs !== 'object' || !manifest.inputs || !manifest.outputs) return false;
  const inputs = Object.entries(manifest.inputs);
  const outputs = Object.entries(manifest.outputs);
  if (!inputs.length || !outputs.length) return false;
  try {
    for (const [path, size] of outputs) {
      if (statSync(fileURLToPath(new URL(path, build))).size !== size) return false;
    }
    for (const [path, entry] of inputs) {
      if (!isEntry(entry)) return false;
      const [size, mtimeMs, ctimeMs, sha256] = entry;
      const st = statSync(join(root, path));
      if (st.size !== size) return false;
      if (st.mtimeMs === mtimeMs && st.ctimeMs === ctimeMs) continue;
      if (createHash('sha256').update(readFileSync(join(root, path))).digest('hex') !== sha256) return false;
    }
  } catch {
    return false;
  }
  return true;
}

/** The CLI's `main(argv, io?)`, from the bundle when it is fresh, else from the sources. */
export async function loadMain() {
  if (process.env.INCIDENT_LEDGER_BUNDLE !== '0' && bundleIsFresh()) {
    try {
      return (await import(new URL('main.mjs', BUILD).href)).main;
    } catch {
      // A bundle that fails to load (damaged since it was checked) is no reason to fail: use the sources.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../cli/main.ts')).main;
}
