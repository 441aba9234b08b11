import type { CliIo, RegisterVerb } from '../io.ts';
import { formatOption } from '../format-option.ts';
import { UsageError } from '../io.ts';
import type { EditDeps } from '../edit-session.ts';
import type { Prompter } from '../prompts.ts';

export interface NewOptions {
  title?: string; detectedAt?: string; reportedAt?: string; method?: string;
  reporter?: string; owner?: string; tlp?: string; yes?: boolean; format?: string;
}

export const registerNew: RegisterVerb = (program, io, setExit) => {
  program
    .command('new')
    .description('create a new incident file from the template (asks on a terminal; flags for scripts)')
    .option('--title <text>', 'one line, 5-120 characters')
    .option('--detected-at <time>', 'first alert or report seen (RFC 3339 with offset; default: now)')
    .option('--reported-at <time>', 'first internal report received (default: --detected-at)')
    .option('--method <method>', 'how it came to light, e.g. user-reporting, automated-tool')
    .option('--reporter <name>', 'who reported it (default: the owner)')
    .option('--owner <handle>', 'incident commander (default: git config user.name)')
    .option('--tlp <label>', 'TLP label of the record (default: TLP:AMBER)')
    .option('--yes', 'do not ask anything; use the flags and defaults')
    .addOption(formatOption())
    .action(async (opts: NewOptions) => {
      const { defaultDeps, runCommand } = await import('../edit-session.ts');
      const { clackPrompter } = await import('../prompts.ts');
      await runCommand(io, setExit, () => runNew(io, opts, defaultDeps, io.interactive && !opts.yes && opts.format !== 'json' ? clackPrompter() : undefined), opts.format);
    });
};

interface Answers { title: string; detected_at: string; reported_at: string; method: string; reporter: string; owner: string; tlp: string }

export async function runNew(io: CliIo, opts: NewOptions, deps: EditDeps, prompter?: Prompter): Promise<void> {
  const { readFile, mkdir } = await import('node:fs/promises');
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const es = await import('../edit-session.ts');
  const { fillTemplate, incidentId, slugify } = await import('../../lib/edit/new-incident.ts');
  const { readShippedJson, PACKAGE_ROOT } = await import('../../lib/io/shipped-schemas.ts');
  const { collectIncidentFiles } = await import('../../lib/io/incident-files.ts');
  const { parseIncidentFile } = await import('../../lib/parse/incident-file.ts');
  const { writeFileAtomic } = await import('../../lib/io/atomic-write.ts');
  const schema = readShippedJson('schemas/incident.schema.json') as { properties: Record<string, { enum?: string[] }> };
  const methods = schema.properties['detection_method']?.enum ?? [];
  const tlps = schema.properties['tlp']?.enum ?? [];
  const now = deps.now();
  const nowText = es.isoSeconds(now);

  const check = {
    title: (v: string) => (v.trim().length < 5 || v.trim().length > 120 ? 'the title is one line of 5 to 120 characters, e.g. "Phishing email impersonating payroll"' : /[\r\n]/.test(v) ? 'the title is one line' : undefined),
    time: (name: string) => (v: string) => { try { es.parseTimeOption(name, v.trim(), now); return Date.parse(v) > now.getTime() ? `${name} is in the future` : undefined; } catch (e) { return (e as Error).message; } },
    method: (v: string) => (methods.includes(v) ? undefined : `--method must be one of ${methods.join(', ')}`),
    tlp: (v: string) => (tlps.includes(v) ? undefined : `--tlp must be one of ${tlps.join(', ')}`),
    name: (flag: string) => (v: string) => (v.trim() ? undefined : `${flag} is empty`),
  };
  // Flags first: a wrong flag is a usage error even on a terminal.
  const given: [string | undefined, (v: string) => string | undefined][] = [
    [opts.title, check.title], [opts.detectedAt, check.time('--detected-at')], [opts.reportedAt, check.time('--reported-at')],
    [opts.method, check.method], [opts.tlp, check.tlp], [opts.reporter, check.name('--reporter')], [opts.owner, check.name('--owner')],
  ];
  for (const [v, c] of given) { const p = v !== undefined ? c(v) : undefined; if (p) throw new UsageError(p); }
  const notBefore = (detected: string) => (v: string) => check.time('reported at')(v) ?? (Date.parse(v) < Date.parse(detected) ? `reported at must not be before detected at (${detected})` : undefined);

  const identity = opts.owner ?? (await deps.identity(io.cwd, io.env));
  let a: Answers;
  if (prompter) {
    await prompter.note('Answer what you know now; later phases add the rest. Ctrl-C cancels without writing.', 'New incident');
    const title = opts.title ?? await prompter.text('Title (one line)', { placeholder: 'Phishing email impersonating payroll', validate: check.title });
    const method = opts.method ?? await prompter.select('How did it come to light?', methods, 'user-reporting');
    const detected = opts.detectedAt ?? await prompter.text('Detected at (first alert or report seen)', { initial: nowText, validate: check.time('detected at') });
    const reported = opts.reportedAt ?? await prompter.text('Reported at (first internal report received)', { initial: detected.trim(), validate: notBefore(detected.trim()) });
    const owner = identity ?? await prompter.text('Incident commander (owner)', { placeholder: 'a.ng', validate: check.name('owner') });
    const reporter = opts.reporter ?? await prompter.text('Reporter (who reported it)', { initial: owner, validate: check.name('reporter') });
    const tlp = opts.tlp ?? await prompter.select('TLP label of the record', tlps, 'TLP:AMBER');
    a = { title: title.trim(), method, detected_at: detected.trim(), reported_at: reported.trim(), owner: owner.trim(), reporter: reporter.trim(), tlp };
  } else {
    const missing = [opts.title === undefined ? '--title' : '', opts.method === undefined ? '--method' : '', identity === undefined ? '--owner (or git config user.name)' : ''].filter(Boolean);
    if (missing.length) throw new UsageError(`not on a terminal, so nothing can be asked: give ${missing.join(', ')} (e.g. incident new --title "Phishing email impersonating payroll" --method user-reporting --owner a.ng --yes)`);
    const detected = opts.detectedAt ?? nowText;
    a = { title: opts.title!.trim(), method: opts.method!, detected_at: detected, reported_at: opts.reportedAt ?? detected, owner: identity!.trim(), reporter: (opts.reporter ?? identity!).trim(), tlp: opts.tlp ?? 'TLP:AMBER' };
  }

  if (Date.parse(a.reported_at) < Date.parse(a.detected_at)) {
    // Without --detected-at the detection time defaults to now, which a past --reported-at precedes.
    const fix = opts.detectedAt === undefined ? 'give --detected-at too' : 'correct --detected-at or --reported-at';
    throw new UsageError(`reported at (${a.reported_at}) is before detected at (${a.detected_at}); a report is received at or after the detection — ${fix}`);
  }

  const { files } = await collectIncidentFiles(io.cwd, []);
  const taken = new Set(files.map((f) => parseIncidentFile(f.path, f.bytes).data?.['id']).filter(Boolean) as string[]);
  for (const f of files) taken.add(/(INC-[0-9]+-[0-9A-Z]+)/.exec(f.path)?.[1] ?? '');
  let id = '';
  for (let i = 0; i < 32 && (!id || taken.has(id)); i++) id = incidentId(now, deps.randomBytes(3));
  if (taken.has(id)) throw new es.CommandFailure('could not find a free incident id (32 random tries collided); try again');

  const repoTemplate = join(io.cwd, 'templates', 'incident.md');
  const template = await readFile(existsSync(repoTemplate) ? repoTemplate : join(PACKAGE_ROOT, 'templates', 'incident.md'), 'utf8');
  const filled = fillTemplate(template, { id, now: nowText, ...a });
  const { unknown } = filled;
  // A new file starts in the canonical layout, so `incident fmt --check` passes on it.
  const { formatIncidentText } = await import('../../lib/edit/plan-fmt.ts');
  const canonical = formatIncidentText(filled.text, Object.keys(schema.properties));
  const text = canonical.ok ? canonical.text : filled.text;
  if (unknown.length) throw new UsageError(`templates/incident.md uses placeholders this version does not fill: ${unknown.map((u) => `{{${u}}}`).join(', ')}`);

  const rel = `incidents/${id.slice(4, 8)}/${id}-${slugify(a.title)}.md`;
  const bytes = new TextEncoder().encode(text);
  const parsed = parseIncidentFile(rel, bytes);
  const diags = (await import('../../lib/io/shipped-validator.ts')).shippedValidator().validateFile(parsed, { knownIds: new Set([...taken, id]) }).filter((d) => d.severity === 'error');
  if (diags.length) {
    es.printDiagnostics(io, parsed, diags);
    throw new es.CommandFailure(`the new incident would not validate (see above); nothing was written`);
  }
  if (prompter && !(await prompter.confirm(`Create ${rel}?`))) throw new UsageError('cancelled; nothing was written');
  await mkdir(join(io.cwd, 'incidents', id.slice(4, 8)), { recursive: true });
  // Never write through a symbolic link planted in the repository (incidents/ or its year folder).
  const { lstat } = await import('node:fs/promises');
  for (const dir of [join(io.cwd, 'incidents'), join(io.cwd, 'incidents', id.slice(4, 8))]) {
    if (!(await lstat(dir)).isDirectory()) throw new es.CommandFailure(`${dir} is not a plain folder (a symbolic link?); incidents are written only inside the repository`);
  }
  await writeFileAtomic(join(io.cwd, rel), bytes, 'absent');
  if (opts.format === 'json') { io.stdout(`${JSON.stringify({ id, file: rel, branch: `incident/${id}` })}\n`); return; }
  io.stdout(`✔ created ${id} in ${rel}\n`);
  io.stdout([
    'Next steps:',
    `  1. Write the ## Summary in ${rel}`,
    `  2. git switch -c incident/${id}`,
    `  3. git add ${rel} && git commit -m "${id}: open incident"`,
    `  4. git push -u origin incident/${id}, then open a pull request (e.g. gh pr create --fill);`,
    '     the first pull request opens the incident in `detection` — merge it before advancing',
    `  5. Record what happens: npm run incident -- log ${id} "..."`,
    `  6. Later pull requests move it on, one reviewed step at a time: npm run incident -- advance ${id}`,
    '',
  ].join('\n'));
}
