import { Option } from 'commander';
import { EXIT, UsageError, type CliIo, type RegisterVerb } from '../io.ts';

type Format = 'stix' | 'veris' | 'csv';
interface ExportOpts { all?: boolean; out?: string; producer?: string; maxTlp: string }

const TLPS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

export const registerExport: RegisterVerb = (program, io, setExit) => {
  const cmd = program.command('export').description('export incidents as a STIX 2.1 bundle, VERIS JSON or CSV');
  const add = (format: Format, description: string, defaultMax: string) => {
    const c = cmd.command(format).description(description)
      .argument('[ids...]', 'incident ids (INC-20261203-7KQF); or --all')
      .option('--all', 'every incident under incidents/')
      .option('--out <path>', format === 'veris' ? 'file (one incident) or folder (one <id>.json per incident); default: stdout' : 'file to write; default: stdout')
      .addOption(new Option('--max-tlp <label>', 'leave out incidents (and indicators) marked stricter than this').choices(TLPS).default(defaultMax));
    if (format === 'stix') c.option('--producer <name>', 'name of the producing organisation (the bundle identity)', 'incident-ledger');
    c.action(async (ids: string[], opts: ExportOpts) => setExit(await runExport(io, format, ids, opts)));
  };
  add('stix', 'STIX 2.1 bundle: incident (incident-core extension), indicators and observables, identity, relationships, TLP 2.0 markings', 'TLP:AMBER+STRICT');
  add('veris', 'VERIS 1.4 JSON (the inverse of `import veris`); VERIS has no TLP field, so the default leaves out TLP:RED material', 'TLP:AMBER+STRICT');
  add('csv', 'CSV, one row per incident (RFC 4180, formula-injection safe)', 'TLP:RED');
};

export async function runExport(io: CliIo, format: Format, ids: readonly string[], opts: ExportOpts): Promise<number> {
  if (!opts.all && ids.length === 0) throw new UsageError(`name the incidents to export (e.g. incident export ${format} INC-20261203-7KQF) or pass --all`);
  if (opts.all && ids.length) throw new UsageError('pass either incident ids or --all, not both');
  const { resolve, join } = await import('node:path');
  const { loadRepositoryIncidents, writeAtomic } = await import('../../lib/io/interop-files.ts');
  const { tlpRank } = await import('../../lib/interop/stix/tlp.ts');
  const { progressReporter } = await import('../../lib/interop/progress.ts');

  const { parsed, problems } = await loadRepositoryIncidents(io.cwd);
  for (const p of problems) io.stderr(`${p.file}: ${p.message}\n`);
  const byId = new Map(parsed.filter((p) => p.data).map((p) => [String(p.data!['id']), p]));
  for (const p of parsed.filter((x) => !x.data)) io.stderr(`warning: ${p.file} cannot be read (${p.diagnostics[0]?.message ?? 'no front matter'}); run \`incident validate\`\n`);
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) {
    io.stderr(`error: no incident with id ${missing.join(', ')} under incidents/ (ids look like INC-20261203-7KQF; ls incidents/ lists them)\n`);
    return EXIT.findings;
  }
  const selected = (opts.all ? [...byId.values()] : ids.map((id) => byId.get(id)!)).sort((a, b) => a.file.localeCompare(b.file));
  const max = tlpRank(opts.maxTlp);
  const allowed = selected.filter((p) => tlpRank(p.data!['tlp']) <= max);
  const left = selected.length - allowed.length;
  if (left) io.stderr(`note: ${left} incident${left === 1 ? '' : 's'} marked stricter than ${opts.maxTlp} left out (raise --max-tlp to include them)\n`);
  const progress = progressReporter(io.interactive, (s) => io.stderr(s), allowed.length, `export ${format}`);

  let output: string | { name: string; text: string }[];
  if (format === 'stix') {
    const { incidentsToStix } = await import('../../lib/interop/stix/export.ts');
    const inputs = allowed.map((p) => { progress.tick(); return { data: p.data!, sections: p.sections }; });
    const { bundle, skipped } = incidentsToStix(inputs, { producer: opts.producer ?? 'incident-ledger', maxTlp: opts.maxTlp });
    for (const s of skipped) io.stderr(`note: ${s.id} left out: ${s.reason}\n`);
    output = JSON.stringify(bundle, null, 2) + '\n';
  } else if (format === 'veris') {
    const { incidentToVeris } = await import('../../lib/interop/veris/export.ts');
    const records = allowed.map((p) => { progress.tick(); return { id: String(p.data!['id']), record: incidentToVeris(p.data!, p.sections, opts.maxTlp) }; });
    const outIsDir = opts.out !== undefined && (records.length !== 1 || opts.out.endsWith('/'));
    output = outIsDir
      ? records.map((r) => ({ name: `${r.id}.json`, text: JSON.stringify(r.record, null, 2) + '\n' }))
      : JSON.stringify(records.length === 1 && !opts.all ? records[0]!.record : records.map((r) => r.record), null, 2) + '\n';
  } else {
    const { incidentsToCsv } = await import('../../lib/interop/csv.ts');
    output = incidentsToCsv(allowed.map((p) => { progress.tick(); return p.data!; }), opts.maxTlp);
  }
  progress.done();

  if (opts.out === undefined) {
    io.stdout(typeof output === 'string' ? output : output.map((o) => o.text).join(''));
    return EXIT.ok;
  }
  // --out is the user's own choice of destination (unlike import, which writes incident records).
  const outAbs = resolve(io.cwd, opts.out);
  if (typeof output === 'string') await writeAtomic(outAbs, output);
  else for (const o of output) await writeAtomic(join(outAbs, o.name), o.text);
  io.stderr(`wrote ${typeof output === 'string' ? opts.out : `${output.length} files to ${opts.out}`} (${allowed.length} incident${allowed.length === 1 ? '' : 's'})\n`);
  return EXIT.ok;
}
