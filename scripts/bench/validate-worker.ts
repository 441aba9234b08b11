/**
 * One measurement of the validate bench, run in its own process so that its peak memory (RSS
 * high-water mark) belongs to it alone. Usage: tsx validate-worker.ts <real|floor> <repo root>.
 * Prints one JSON line: { wallMs, maxRssMiB, files, diagnostics }.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [mode, root] = process.argv.slice(2) as ['real' | 'floor', string];
const t0 = performance.now();
const startupCpuMs = (process.cpuUsage().user + process.cpuUsage().system) / 1000;
const result = mode === 'real' ? await real(root) : await floor(root);
const wallMs = performance.now() - t0;
const usage = process.resourceUsage();
const maxRssMiB = usage.maxRSS / 1024;
// CPU time too: on a shared machine wall time also measures the neighbours.
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000 - startupCpuMs;
process.stdout.write(JSON.stringify({ wallMs, cpuMs, maxRssMiB, ...result }) + '\n');

/** Exactly what `incident validate --format json` does, start-up (module loading) included. */
async function real(cwd: string): Promise<{ files: number; diagnostics: number }> {
  const { main } = await import('../cli/main.ts');
  let out = '';
  const code = await main(['validate', '--format', 'json'], { cwd, env: {}, interactive: false, stdout: (t) => { out += t; }, stderr: () => {} });
  const json = JSON.parse(out) as { files: string[]; diagnostics: unknown[] };
  if (code !== 0) process.stderr.write(`validate exited ${code}: ${JSON.stringify(json.diagnostics.slice(0, 3))}\n`);
  return { files: json.files.length, diagnostics: json.diagnostics.length };
}

/** The floor: read every file, split at the fences, js-yaml parse, ajv — no positions, no rules. */
async function floor(cwd: string): Promise<{ files: number; diagnostics: number }> {
  const [{ default: jsYaml }, { createAjv }, { readShippedJson }] = await Promise.all([
    import('js-yaml'), import('../lib/validate/ajv.ts'), import('../lib/io/shipped-schemas.ts'),
  ]);
  const validate = createAjv().compile(readShippedJson('schemas/incident.schema.json') as object);
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
