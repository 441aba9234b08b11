import { Option } from 'commander';
import { formatOption } from '../format-option.ts';
import type { RegisterVerb, CliIo } from '../io.ts';
import { UsageError } from '../io.ts';
import type { EditDeps } from '../edit-session.ts';

export const TIMELINE_KINDS = ['observation', 'action', 'decision', 'communication', 'evidence'] as const;
const TLPS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

export interface LogOptions { format?: string; kind: string; at?: string; by?: string; lateReason?: string; tlp?: string }

export const registerLog: RegisterVerb = (program, io, setExit) => {
  program
    .command('log')
    .description('append an entry to an incident\'s timeline (author from git config, time now in UTC)')
    .argument('<id>', 'incident id, e.g. INC-20261203-7KQF')
    .argument('<entry>', 'what happened, one sentence')
    .addOption(new Option('--kind <kind>', 'kind of entry').choices(TIMELINE_KINDS).default('observation'))
    .option('--at <time>', 'when it happened (RFC 3339 with offset; default: now, UTC)')
    .option('--by <handle>', 'who recorded it (default: git config user.name)')
    .option('--late-reason <text>', 'why an entry earlier than the last one is recorded only now (stored as late_record)')
    .addOption(new Option('--tlp <label>', 'stricter TLP label for this entry only').choices(TLPS))
    .addOption(formatOption())
    .action(async (id: string, entry: string, opts: LogOptions) => {
      const { defaultDeps, runCommand } = await import('../edit-session.ts');
      await runCommand(io, setExit, () => runLog(io, id, entry, opts, defaultDeps), opts.format);
    });
};

export async function runLog(io: CliIo, id: string, entry: string, opts: LogOptions, deps: EditDeps): Promise<void> {
  const { author, confirm, loadIncident, refuseClosed, parseTimeOption, saveEdit } = await import('../edit-session.ts');
  const { timelinePosition } = await import('../../lib/edit/timeline-position.ts');
  const { isPlaceholder } = await import('../../lib/parse/sections.ts');
  const text = entry.trim();
  if (!text) throw new UsageError('the entry text is empty; say what happened, e.g. incident log INC-20261203-7KQF "Mailbox rule removed"');
  const at = parseTimeOption('--at', opts.at, deps.now());
  const inc = await loadIncident(io, id);
  refuseClosed(inc, id);
  const by = await author(io, deps, opts.by);
  const { index, late } = timelinePosition(inc.data, at);
  if (opts.lateReason !== undefined && isPlaceholder(opts.lateReason)) {
    throw new UsageError(`--late-reason "${opts.lateReason.trim()}" says nothing yet; the PR check wants a reason, e.g. --late-reason "done by phone during the outage; written up after the call"`);
  }
  if (late && !opts.lateReason?.trim()) {
    throw new UsageError(`--at ${at} is earlier than the last timeline entry of ${id}; the entry will be placed in time order, so say why it is recorded only now with --late-reason "<why>"`);
  }
  const item = {
    at, by, kind: opts.kind, entry: text,
    ...(opts.tlp ? { tlp: opts.tlp } : {}),
    ...(opts.lateReason?.trim() ? { late_record: opts.lateReason.trim() } : {}),
  };
  await saveEdit(io, inc, [{ op: 'insert', key: 'timeline', item, index }]);
  confirm(io, opts.format, `✔ logged ${opts.kind} at ${at} by ${by} (timeline entry ${index + 1}) in ${inc.file}`, { id, file: inc.file, timeline_index: index, entry: item });
}
