// One measurement of the validate bench, in its own process so that its peak memory (RSS
// high-water mark) belongs to it alone. Plain JS, run by plain node: both modes are timed from
// process start (performance.now()), module loading included, as a user would see them.
// Usage: node validate-worker.mjs <real|floor> <repo root>. Prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [mode, root] = process.argv.slice(2);
const result = mode === 'real' ? await real(root) : await floor(root);
const wallMs = performance.now();
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMiB: usage.maxRSS / 1024, ...result }) + '\n');

/** Exactly what `incident validate --format json` does: the bin's loader (bundle, or tsx when stale). */
async function real(cwd) {
  const { loadMain, bundleIsFresh } = await import('../bin/load-main.js');
  const main = await loadMain();
  let out = '';
  const code = await main(['validate', '--format', 'json'], { cwd, env: process.env, interactive: false, stdout: (t) => { out += t; }, stderr: () => {} });
  const json = JSON.parse(out);
  if (code !== 0) process.stderr.write(`validate exited ${code}: ${JSON.stringify(json.diagnostics.slice(0, 3))}\n`);
  return { files: json.files.length, diagnostics: json.diagnostics.length, runs: bundleIsFresh() ? 'bundle' : 'tsx' };
}

/** The floor: read every file, split at the fences, js-yaml parse, ajv — no positions, no rules. */
async function floor(cwd) {
  const require = createRequire(import.meta.url);
  const jsYaml = require('js-yaml');
  const { Ajv2020 } = require('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, code: { optimize: false } });
  require('ajv-formats')(ajv, { mode: 'full' });
  const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/incident.schema.json', import.meta.url), 'utf8')));
  // Sync reads: the fastest way to read many small files here (the promise API is ~6x slower).
  const paths = readdirSync(join(cwd, 'incidents'), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.md')).sort();
  let diagnostics = 0;
  for (const p of paths) {
    const text = readFileSync(join(cwd, 'incidents', p), 'utf8');
    const end = text.indexOf('\n---\n', 4);
    const data = jsYaml.load(text.slice(4, end), { schema: jsYaml.CORE_SCHEMA });
    if (!validate(data)) diagnostics += validate.errors?.length ?? 0;
  }
  return { files: paths.length, diagnostics };
}
