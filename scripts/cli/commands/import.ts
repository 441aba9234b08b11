import { Option } from 'commander';
import { EXIT, UsageError, type CliIo, type RegisterVerb } from '../io.ts';
import { formatOption, type OutputFormat } from '../format-option.ts';

interface ImportOpts { out: string; by?: string; owner?: string; tlp?: string; at?: string; urlBase?: string; dryRun?: boolean; format: OutputFormat }

export const registerImport: RegisterVerb = (program, io, setExit) => {
  const cmd = program.command('import').description('import incidents from VERIS/VCDB JSON or TheHive 5 case exports');
  const common = (c: import('commander').Command) => c
    .option('--out <dir>', 'folder of incident files', 'incidents')
    .option('--by <name>', 'who imports (provenance.imported_by; default $GITHUB_ACTOR or $USER)')
    .option('--owner <handle>', 'incident commander of the imported incidents (default: --by)')
    .addOption(new Option('--tlp <label>', 'TLP of the imported incidents').choices(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']))
    .option('--at <time>', 'import time, RFC 3339 (default: now); fixes provenance.imported_at for reproducible imports')
    .option('--url-base <url>', 'prefix for provenance.url (VCDB default: the VCDB repository folder)')
    .option('--dry-run', 'validate and print what would be written, write nothing')
    .addOption(formatOption());
  common(cmd.command('veris').description('VERIS JSON (schema 1.3.x–1.4) records, e.g. VCDB data/json/validated/').argument('<paths...>', 'files or folders of *.json'))
    .action(async (paths: string[], opts: ImportOpts) => setExit(await runImport(io, 'veris', paths, opts)));
  common(cmd.command('thehive').description('TheHive 5 case exports (case JSON with tasks, task logs and observables)').argument('<files...>', 'case JSON files'))
    .action(async (paths: string[], opts: ImportOpts) => setExit(await runImport(io, 'thehive', paths, opts)));
};

const VCDB_URL = 'https://github.com/vz-risk/VCDB/blob/master/data/json/validated/';

export async function runImport(io: CliIo, kind: 'veris' | 'thehive', paths: readonly string[], opts: ImportOpts): Promise<number> {
  const { resolve, join } = await import('node:path');
  const { readFile } = await import('node:fs/promises');
  const { readJsonSources, loadRepositoryIncidents, writeAtomic, isInside } = await import('../../lib/io/interop-files.ts');
  const { shippedValidator } = await import('../../lib/io/shipped-validator.ts');
  const { shippedLifecycle } = await import('../../lib/io/shipped-lifecycle.ts');
  const { PACKAGE_ROOT } = await import('../../lib/io/shipped-schemas.ts');
  const { frameSources, isRedFile } = await import('../../lib/validate/redaction.ts');
  const { planFiles } = await import('../../lib/interop/plan.ts');
  const { parseIncidentFile } = await import('../../lib/parse/incident-file.ts');
  const { sortDiagnostics, hasErrors } = await import('../../lib/model/diagnostic.ts');
  const { formatHuman } = await import('../../lib/render/diagnostics-human.ts');
  const { formatGithub } = await import('../../lib/render/diagnostics-github.ts');
  const { progressReporter } = await import('../../lib/interop/progress.ts');

  const importedAt = opts.at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(importedAt) || Number.isNaN(Date.parse(importedAt))) {
    throw new UsageError(`--at ${importedAt} is not an RFC 3339 time with offset, e.g. --at 2026-12-03T09:30:00Z`);
  }
  const outAbs = resolve(io.cwd, opts.out);
  if (!isInside(io.cwd, outAbs)) throw new UsageError(`--out ${opts.out} is outside the repository; pass a folder inside it, e.g. --out incidents`);
  const importedBy = opts.by ?? io.env['GITHUB_ACTOR'] ?? io.env['USER'] ?? 'importer';

  const sources = await readJsonSources(io.cwd, paths);
  const repo = await loadRepositoryIncidents(io.cwd);
  const takenIds = new Set(repo.parsed.map((p) => String(p.data?.['id'] ?? '')).filter(Boolean));
  const importedSourceIds = new Map<string, string>();
  for (const p of repo.parsed) {
    const prov = p.data?.['provenance'] as Record<string, unknown> | undefined;
    const matches = kind === 'veris' ? prov?.['source'] === 'veris' || prov?.['source'] === 'vcdb' : prov?.['source'] === 'thehive';
    if (matches && typeof prov?.['original_id'] === 'string') importedSourceIds.set(prov['original_id'], String(p.data?.['id']));
  }
  const templatePath = await readFile(join(io.cwd, 'templates', 'incident.md'), 'utf8').catch(() => readFile(join(PACKAGE_ROOT, 'templates', 'incident.md'), 'utf8'));
  const templateBody = templatePath.replace(/^---\n[\s\S]*?\n---\n/, '');
  const records = sources.filter((s) => !s.problem).map((s) => ({ name: s.name, value: s.value }));
  const common = {
    importedAt, importedBy, takenIds, importedSourceIds, templateBody, lifecycle: shippedLifecycle(),
    ...(opts.owner ? { owner: opts.owner } : {}), ...(opts.tlp ? { tlp: opts.tlp } : {}), ...(opts.urlBase ? { urlBase: opts.urlBase } : {}),
  };
  const result = kind === 'veris'
    ? (await import('../../lib/interop/veris/import.ts')).importVeris(records, { ...common, vcdbUrlBase: VCDB_URL })
    : (await import('../../lib/interop/thehive/import.ts')).importTheHive(records, common);

  const relOut = opts.out.replace(/\\/g, '/');
  const planned = planFiles(result.incidents, relOut);
  const parsed = planned.map((p) => parseIncidentFile(p.path, p.text));
  const knownIds = new Set([...takenIds]);
  const validator = shippedValidator();
  const fileDiags = parsed.flatMap((p) => validator.validateFile(p, { knownIds }));
  const bad = new Set(fileDiags.filter((d) => d.severity === 'error').map((d) => d.file));
  const writeDiags = [];
  const progress = progressReporter(io.interactive && opts.format === 'human', (s) => io.stderr(s), planned.length, `import ${kind}`);
  const written: string[] = [];
  for (const p of planned) {
    progress.tick();
    if (bad.has(p.path) || opts.dryRun) continue;
    try {
      await writeAtomic(resolve(io.cwd, p.path), p.text, { exclusive: true, within: io.cwd });
      written.push(p.path);
    } catch (e) {
      const exists = /already exists/.test((e as Error).message);
      writeDiags.push({ rule: exists ? 'import/file-exists' : 'import/write-failed', severity: 'error' as const, file: p.path, line: 0, column: 0,
        message: exists ? `\`${p.path}\` already exists; the import does not overwrite files` : `\`${p.path}\` could not be written: ${(e as Error).message}`,
        hint: exists ? 'Remove or rename the existing file, or import into another --out folder.' : 'Check that the folder is a real folder inside the repository and writable.' });
    }
  }
  progress.done();
  const diagnostics = sortDiagnostics([...sources.flatMap((s) => (s.problem ? [s.problem] : [])), ...result.diagnostics, ...fileDiags, ...writeDiags]);
  if (opts.format === 'json') {
    io.stdout(JSON.stringify({ imported: planned.map((p) => ({ id: p.id, source: p.source, path: p.path, written: written.includes(p.path) })), diagnostics }, null, 2) + '\n');
  } else {
    const text = opts.format === 'github' ? formatGithub(diagnostics) : formatHuman(diagnostics, frameSources(parsed), new Set(parsed.filter(isRedFile).map((p) => p.file)));
    if (text) io.stdout(text + (text.endsWith('\n') ? '' : '\n'));
    const verb = opts.dryRun ? 'would import' : 'imported';
    const count = opts.dryRun ? planned.length - bad.size : written.length;
    io.stdout(`${verb} ${count} of ${records.length} ${kind === 'veris' ? 'VERIS record' : 'TheHive case'}${records.length === 1 ? '' : 's'} into ${relOut}/${bad.size ? ` (${bad.size} not written: invalid)` : ''}\n`);
    if (opts.dryRun) for (const p of planned) if (!bad.has(p.path)) io.stdout(`  ${p.path}  ← ${p.source}\n`);
  }
  return hasErrors(diagnostics) ? EXIT.findings : EXIT.ok;
}
