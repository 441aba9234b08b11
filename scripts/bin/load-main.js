// How the `incident` bin finds the CLI: the esbuild bundle in scripts/.build/ (built by
// `npm run build`, which `npm ci` runs through `prepare`) when it was built from exactly the
// current sources, else the TypeScript itself through tsx's loader. Plain JS on purpose: this
// runs before any TypeScript can. INCIDENT_LEDGER_BUNDLE=0 forces tsx.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD = new URL('../.build/', import.meta.url);

/** True when every input recorded in the build manifest is unchanged (size+mtime, else sha-256). */
export function bundleIsFresh(build = BUILD, root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('manifest.json', build), 'utf8'));
  } catch {
    return false;
  }
  for (const [path, [size, mtimeMs, sha256]] of Object.entries(manifest.inputs ?? {})) {
    try {
      const st = statSync(join(root, path));
      if (st.size === size && st.mtimeMs === mtimeMs) continue;
      if (st.size !== size || createHash('sha256').update(readFileSync(join(root, path))).digest('hex') !== sha256) return false;
    } catch {
      return false;
    }
  }
  return Object.keys(manifest.inputs ?? {}).length > 0;
}

/** The CLI's `main(argv, io?)`, from the bundle when it is fresh, else from the sources. */
export async function loadMain() {
  if (process.env.INCIDENT_LEDGER_BUNDLE !== '0' && bundleIsFresh()) {
    return (await import(new URL('main.mjs', BUILD).href)).main;
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../cli/main.ts')).main;
}
