import type { CliIo, RegisterVerb } from '../io.ts';
import { EXIT } from '../io.ts';
import { formatOption } from '../format-option.ts';

export const registerFmt: RegisterVerb = (program, io, setExit) => {
  program
    .command('fmt')
    .description('lay out incident files canonically (schema key order, ambiguous strings quoted); never changes data')
    .argument('[paths...]', 'files or folders (default: incidents/)')
    .option('--check', 'change nothing; exit 1 listing the files that would change')
    .addOption(formatOption())
    .action(async (paths: string[], opts: { check?: boolean; format?: string }) => {
      const { runCommand } = await import('../edit-session.ts');
      await runCommand(io, setExit, async () => setExit(await runFmt(io, paths, Boolean(opts.check), opts.format)));
    });
};

export async function runFmt(io: CliIo, paths: readonly string[], check: boolean, format = 'human'): Promise<number> {
  const json = format === 'json';
  const listed: { file: string; changed: boolean; written: boolean }[] = [];
  const { isDeepStrictEqual } = await import('node:util');
  const { join } = await import('node:path');
  const { collectIncidentFiles } = await import('../../lib/io/incident-files.ts');
  const { parseIncidentFile } = await import('../../lib/parse/incident-file.ts');
  const { formatIncidentText } = await import('../../lib/edit/plan-fmt.ts');
  const { readShippedJson } = await import('../../lib/io/shipped-schemas.ts');
  const { shippedValidator } = await import('../../lib/io/shipped-validator.ts');
  const { readSnapshot, writeFileAtomic } = await import('../../lib/io/atomic-write.ts');
  const { hasErrors } = await import('../../lib/model/diagnostic.ts');
  const order = Object.keys((readShippedJson('schemas/incident.schema.json') as { properties: object }).properties);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const { files, problems } = await collectIncidentFiles(io.cwd, paths);
  for (const p of problems) io.stderr(`error: ${p.file}: ${p.message}\n`);
  let code: number = problems.length ? EXIT.findings : EXIT.ok;
  let changed = 0;
  for (const f of files) {
    // The bounded read decides first, so an oversized file is reported, never read whole.
    const bounded = parseIncidentFile(f.path, f.bytes);
    const snapshot = bounded.data ? await readSnapshot(join(io.cwd, f.path)) : undefined;
    const before = snapshot ? parseIncidentFile(f.path, snapshot.bytes) : bounded;
    if (!before.data || !snapshot) {
      io.stderr(`error: ${f.path}: cannot be formatted: ${before.diagnostics[0]?.message ?? 'no front matter'}\n`);
      code = EXIT.findings;
      continue;
    }
    const raw = decoder.decode(snapshot.bytes);
    const result = formatIncidentText(raw, order);
    if (!result.ok) { io.stderr(`error: ${f.path}: cannot be formatted: ${result.error}\n`); code = EXIT.findings; continue; }
    if (result.text === raw) { listed.push({ file: f.path, changed: false, written: false }); continue; }
    const bytes = new TextEncoder().encode(result.text);
    const after = parseIncidentFile(f.path, bytes);
    // fmt changes layout, never data: anything else is a bug, and the file is left alone.
    if (!isDeepStrictEqual(after.data, before.data) || after.diagnostics.length) {
      io.stderr(`error: ${f.path}: formatting would change the data; the file was left as it is (please report this)\n`);
      code = EXIT.findings;
      continue;
    }
    changed++;
    if (check) {
      listed.push({ file: f.path, changed: true, written: false });
      if (!json) io.stdout(`would reformat ${f.path}\n`);
      code = EXIT.findings;
      continue;
    }
    if (hasErrors(shippedValidator().validateFile(before))) {
      io.stderr(`error: ${f.path} does not validate, so it is not edited; fix it first (run: npm run incident -- validate ${f.path})\n`);
      code = EXIT.findings;
      continue;
    }
    await writeFileAtomic(snapshot.path, bytes, snapshot);
    listed.push({ file: f.path, changed: true, written: true });
    if (!json) io.stdout(`✔ formatted ${f.path}\n`);
  }
  const n = files.length;
  if (json) {
    io.stdout(`${JSON.stringify({ check, files: listed })}\n`);
    return code;
  }
  if (check) io.stdout(changed ? `${changed} of ${n} file${n === 1 ? '' : 's'} would be reformatted (run: npm run incident -- fmt)\n` : `✔ ${n} file${n === 1 ? '' : 's'} already formatted\n`);
  else if (!changed) io.stdout(`✔ ${n} file${n === 1 ? '' : 's'} already formatted\n`);
  return code;
}
