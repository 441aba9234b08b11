import type { CliIo, RegisterVerb } from '../io.ts';
import { formatOption } from '../format-option.ts';
import { UsageError } from '../io.ts';
import type { EditDeps } from '../edit-session.ts';
import type { Prompter } from '../prompts.ts';

export interface AdvanceOptions { format?: string; to?: string; reason?: string; at?: string; by?: string }

export const registerAdvance: RegisterVerb = (program, io, setExit) => {
  program
    .command('advance')
    .description('move an incident to its next phase (or --to a phase) after checking the gate locally, as the PR check does')
    .argument('<id>', 'incident id, e.g. INC-20261203-7KQF')
    .option('--to <phase>', 'target phase (default: the next one); a phase before the current one reopens the incident')
    .option('--reason <text>', 'why (required to reopen)')
    .option('--at <time>', 'when the phase was entered (RFC 3339 with offset; default: now, UTC)')
    .option('--by <handle>', 'who moves it (default: git config user.name)')
    .addOption(formatOption())
    .action(async (id: string, opts: AdvanceOptions) => {
      const { defaultDeps, runCommand } = await import('../edit-session.ts');
      const { clackPrompter } = await import('../prompts.ts');
      await runCommand(io, setExit, () => runAdvance(io, id, opts, defaultDeps, io.interactive && opts.format !== 'json' ? clackPrompter() : undefined), opts.format);
    });
};

export async function runAdvance(io: CliIo, id: string, opts: AdvanceOptions, deps: EditDeps, prompter?: Prompter): Promise<void> {
  const es = await import('../edit-session.ts');
  const { planAdvance } = await import('../../lib/edit/plan-advance.ts');
  const { shippedLifecycle } = await import('../../lib/io/shipped-lifecycle.ts');
  const { timelinePosition } = await import('../../lib/edit/timeline-position.ts');
  const { toDiagnostic } = await import('../../lib/model/finding.ts');
  const { timeOf, asArray, asRecord } = await import('../../lib/model/access.ts');
  const lc = shippedLifecycle();
  const at = es.parseTimeOption('--at', opts.at, deps.now());
  let inc = await es.loadIncident(io, id);
  const by = await es.author(io, deps, opts.by);
  // The validator's gate context (catalogue notice rules included), so advance asks what the PR check asks.
  const { shippedValidator } = await import('../../lib/io/shipped-validator.ts');
  const ctx = () => shippedValidator().gateContext(inc.parsed.sections, inc.knownIds);
  if (opts.to !== undefined && !lc.phases.some((p) => p.id === opts.to)) {
    throw new UsageError(`--to ${opts.to} is not a phase; phases are ${lc.phases.map((p) => p.id).join(', ')}`);
  }
  let plan = planAdvance(lc, inc.data, ctx(), opts.to);
  if (!plan.ok) throw new es.CommandFailure(`${id}: ${plan.message}`);

  if (plan.findings.length && prompter) {
    const filled = await offerToFill(io, inc, plan.findings.map((f) => f.field).filter((f): f is string => !!f), prompter, deps.now());
    if (filled) {
      inc = await es.loadIncident(io, id);
      plan = planAdvance(lc, inc.data, ctx(), opts.to);
      if (!plan.ok) throw new es.CommandFailure(`${id}: ${plan.message}`);
    }
  }
  if (plan.findings.length) {
    if (opts.format === 'json') io.stdout(`${JSON.stringify({ ok: false, id, file: inc.file, from: plan.from, to: plan.to, moved: false, missing: plan.findings.map((f) => toDiagnostic(inc.parsed, f)) })}\n`);
    io.stderr(`${inc.file}: cannot move from \`${plan.from}\` to \`${plan.to}\` yet; ${plan.findings.length} thing${plan.findings.length === 1 ? ' is' : 's are'} missing:\n`);
    es.printDiagnostics(io, inc.parsed, plan.findings.map((f) => toDiagnostic(inc.parsed, f)));
    const fields = plan.findings.filter((f) => f.field).map((f) => f.field);
    const sections = plan.findings.filter((f) => f.rule.startsWith('gate/') && f.rule.includes('section')).map((f) => /`## ([^`]+)`/.exec(f.message)?.[1]).filter(Boolean);
    const summary = [fields.length ? `fields: ${fields.join(', ')}` : '', sections.length ? `sections: ${sections.join(', ')}` : ''].filter(Boolean).join('; ');
    throw new es.CommandFailure(`${id} stays in \`${plan.from}\`${summary ? ` (missing ${summary})` : ''}`, opts.format === 'json');
  }
  if (plan.kind === 'reopen' && !opts.reason?.trim()) throw new UsageError(`moving ${id} back from \`${plan.from}\` to \`${plan.to}\` reopens it: say why with --reason "<why>"`);
  const history = asArray(inc.data['phase_history']).map(asRecord);
  const lastEntered = timeOf(history[history.length - 1]?.['entered_at']);
  const t = timeOf(at)!;
  if (lastEntered !== undefined && t < lastEntered) throw new UsageError(`--at ${at} is before ${id} entered \`${plan.from}\`; phases are entered in time order`);
  const { index, late } = timelinePosition(inc.data, at);
  if (late) throw new UsageError(`--at ${at} is earlier than the last timeline entry of ${id}; a phase change is recorded when it happens (use a later --at, or omit it for now)`);
  const reason = opts.reason?.trim();
  const entry = plan.kind === 'reopen'
    ? `Reopened: moved back from ${plan.from} to ${plan.to}. Reason: ${reason}`
    : `Phase ${plan.from} → ${plan.to}${plan.kind === 'shortcut' ? ' (closing shortcut)' : ''}${reason ? `. ${reason}` : ''}`;
  await es.saveEdit(io, inc, [
    { op: 'set', path: ['phase'], value: plan.to },
    { op: 'insert', key: 'phase_history', item: { phase: plan.to, entered_at: at, by, ...(reason ? { reason } : {}) } },
    { op: 'insert', key: 'timeline', item: { at, by, kind: 'decision', entry }, index },
  ]);
  es.confirm(io, opts.format, `✔ ${plan.kind === 'reopen' ? 'reopened' : 'advanced'} ${id} from ${plan.from} to ${plan.to} in ${inc.file}`,
    { id, file: inc.file, from: plan.from, to: plan.to, moved: true, kind: plan.kind, approvals_needed: plan.approvals });
  if (opts.format !== 'json') for (const a of plan.approvals) io.stdout(`  note: leaving \`${a.phase}\` needs approval from ${a.from.join(', ')} in the pull request review${a.description ? ` (${a.description})` : ''}\n`);
}

/** Asks for each missing simple field (a choice, a time, a line of text); saves the answers as one edit. */
async function offerToFill(io: CliIo, inc: import('../edit-session.ts').LoadedIncident, fields: readonly string[], prompter: Prompter, now: Date): Promise<boolean> {
  const { fieldShape } = await import('../../lib/edit/field-shape.ts');
  const { readShippedJson } = await import('../../lib/io/shipped-schemas.ts');
  const es = await import('../edit-session.ts');
  const schema = readShippedJson('schemas/incident.schema.json') as Record<string, unknown>;
  const simple = fields.map((f) => ({ field: f, shape: fieldShape(schema, f) })).filter((x) => x.shape.kind !== 'other');
  if (!simple.length) return false;
  if (!(await prompter.confirm(`${simple.length} missing field${simple.length === 1 ? '' : 's'} can be filled here (${simple.map((s) => s.field).join(', ')}). Fill them now?`))) return false;
  const ops: import('../../lib/edit/ops.ts').EditOp[] = [];
  for (const { field, shape } of simple) {
    let value: string | number;
    if (shape.kind === 'enum') value = await prompter.select(field, shape.values);
    else if (shape.kind === 'time') value = await prompter.text(`${field} (RFC 3339 with offset)`, { initial: es.isoSeconds(now), validate: (v) => { try { es.parseTimeOption(field, v, now); return undefined; } catch (e) { return (e as Error).message; } } });
    else if (shape.kind === 'integer') value = Number(await prompter.text(field, { validate: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'a whole number, e.g. 120') }));
    else if (shape.kind === 'text') {
      const re = shape.pattern ? new RegExp(shape.pattern) : undefined;
      value = (await prompter.text(field, { validate: (v) => (!v.trim() ? 'required' : re && !re.test(v.trim()) ? `must match ${shape.pattern}` : undefined) })).trim();
    } else continue;
    ops.push({ op: 'set', path: field.split('.'), value });
  }
  await es.saveEdit(io, inc, ops);
  io.stdout(`✔ filled ${ops.length} field${ops.length === 1 ? '' : 's'} in ${inc.file}\n`);
  return true;
}
