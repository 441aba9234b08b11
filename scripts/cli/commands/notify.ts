import { Option } from 'commander';
import { formatOption } from '../format-option.ts';
import { readShippedJson } from '../../lib/io/shipped-schemas.ts';
import { UsageError, type CliIo, type RegisterVerb } from '../io.ts';
import type { EditDeps } from '../edit-session.ts';

/** The schema's own enumerations, so the CLI offers exactly what validates. */
function notificationEnum(prop: 'stage' | 'stakeholder'): string[] {
  const schema = readShippedJson('schemas/incident.schema.json') as { properties: { notifications: { items: { properties: Record<string, { enum?: string[] }> } } } };
  return schema.properties.notifications.items.properties[prop]?.enum ?? [];
}

export interface NotifyOptions {
  format?: string;
  regime?: string; stakeholder?: string; stage: string; recipient?: string; sentAt?: string;
  reference?: string; channel?: string; lateReason?: string; by?: string;
}

export const registerNotify: RegisterVerb = (program, io, setExit) => {
  program
    .command('notify')
    .description('record a notice that was sent (to a regulator under a regime, or to a stakeholder); append-only')
    .argument('<id>', 'incident id, e.g. INC-20261203-7KQF')
    .option('--regime <id>', 'regime the notice is owed under (must be decided in `regimes`), e.g. gdpr-art33')
    .addOption(new Option('--stakeholder <party>', 'party notified (instead of --regime)').choices(notificationEnum('stakeholder')))
    .addOption(new Option('--stage <stage>', 'which notice this is').choices(notificationEnum('stage')).makeOptionMandatory())
    .option('--recipient <name>', 'who received it, e.g. "BSI" or "General counsel"')
    .option('--sent-at <time>', 'when it was sent (RFC 3339 with offset; default: now, UTC)')
    .option('--reference <ref>', 'the recipient\'s case or ticket reference')
    .option('--channel <channel>', 'how it was sent, e.g. portal, email, phone')
    .option('--late-reason <text>', 'why it was sent after its deadline')
    .option('--by <handle>', 'who sent it (default: git config user.name)')
    .addOption(formatOption())
    .action(async (id: string, opts: NotifyOptions) => {
      const { defaultDeps, runCommand } = await import('../edit-session.ts');
      await runCommand(io, setExit, () => runNotify(io, id, opts, defaultDeps), opts.format);
    });
};

export async function runNotify(io: CliIo, id: string, opts: NotifyOptions, deps: EditDeps): Promise<void> {
  const { author, CommandFailure, confirm, loadIncident, refuseClosed, parseTimeOption, saveEdit } = await import('../edit-session.ts');
  const { timelinePosition } = await import('../../lib/edit/timeline-position.ts');
  const { recordedNotices, sentBeforeRecorded } = await import('../../lib/edit/notice-repeat.ts');
  const { expectedData } = await import('../../lib/edit/ops.ts');
  const { lateNotice } = await import('../../lib/deadlines/findings.ts');
  const { loadSettings } = await import('../../lib/io/settings.ts');
  const { shippedRegimes } = await import('../../lib/io/regimes.ts');
  const { asArray, asRecord } = await import('../../lib/model/access.ts');
  if (!opts.regime === !opts.stakeholder) throw new UsageError('name exactly one of --regime <id> (a regulatory notice) or --stakeholder <party> (e.g. legal)');
  if (opts.regime !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(opts.regime)) throw new UsageError(`--regime must be a regime id such as gdpr-art33 (got "${opts.regime}")`);
  const recipient = opts.recipient?.trim();
  if (!recipient) throw new UsageError('--recipient is required: who received the notice, e.g. --recipient "BSI" or --recipient "General counsel"');
  for (const [flag, v] of [['--reference', opts.reference], ['--channel', opts.channel], ['--late-reason', opts.lateReason]] as const) {
    if (v !== undefined && !v.trim()) throw new UsageError(`${flag} is empty`);
  }
  const sentAt = parseTimeOption('--sent-at', opts.sentAt, deps.now());
  const inc = await loadIncident(io, id);
  refuseClosed(inc, id);
  if (opts.regime && !asArray(inc.data['regimes']).some((r) => asRecord(r)['id'] === opts.regime)) {
    throw new CommandFailure(`regime ${opts.regime} has no decision in ${inc.file}; record it first under \`regimes:\` (id, applicable, rationale, decided_by, decided_at)`);
  }
  const by = await author(io, deps, opts.by);
  const notice = {
    ...(opts.regime ? { regime_id: opts.regime } : { stakeholder: opts.stakeholder! }),
    stage: opts.stage, recipient, sent_at: sentAt,
    ...(opts.channel ? { channel: opts.channel.trim() } : {}),
    ...(opts.reference ? { reference: opts.reference.trim() } : {}),
    sent_by: by,
    ...(opts.lateReason ? { late_reason: opts.lateReason.trim() } : {}),
    // Dated before a notice already recorded: the PR check asks a backdated entry to say why.
    ...(sentBeforeRecorded(inc.data['notifications'], sentAt) ? { late_record: 'recorded by incident notify after later notices' } : {}),
  };
  // The notice also goes into the timeline (as the examples do), in time order.
  const { index, late } = timelinePosition(inc.data, sentAt);
  const what = opts.regime ? `${opts.regime} ${opts.stage}` : `${opts.stakeholder} (${opts.stage})`;
  const entry = {
    at: sentAt, by, kind: 'communication',
    entry: `Notice sent: ${what} to ${recipient}${opts.reference ? ` (${opts.reference.trim()})` : ''}.`,
    ...(late ? { late_record: 'recorded with the notice by incident notify, after later timeline entries' } : {}),
  };
  const ops = [
    { op: 'insert', key: 'notifications', item: notice },
    { op: 'insert', key: 'timeline', item: entry, index },
  ] as const;
  const warnings: string[] = [];

  // The same notice twice is a slip (a re-run), never a second notice: refused. Another notice for
  // the same regime or party and stage (an update, a resend) is recorded, with a note.
  const earlier = recordedNotices(inc.data['notifications'], notice);
  const slot = opts.regime ? `${opts.regime}/${opts.stage}` : `${opts.stakeholder}/${opts.stage}`;
  if (earlier.exact !== undefined) {
    throw new CommandFailure(`this notice is already recorded, to the same recipient at the same time (notifications[${earlier.exact}] in ${inc.file}: ${what} to ${recipient}, sent ${sentAt}); nothing was written. `
      + 'A further notice for the same stage needs its own --sent-at (and --reference, if it has one)');
  }
  if (earlier.same.length) {
    warnings.push(`a notice for ${slot} is already recorded (${earlier.same.map((e) => `notifications[${e.index}], sent_at ${e.sent_at ?? 'not set'}`).join('; ')}); this one is recorded as a further notice`);
  }

  // Sent after its deadline without a reason: refused when the PR check would reject the file for it
  // (checks.deadlines.late_without_reason: error, the default for statutory notices), otherwise a warning.
  if (!notice.late_reason) {
    const { settings } = await loadSettings(io.cwd);
    const noticeIndex = asArray(inc.data['notifications']).length;
    const lateness = lateNotice(expectedData(inc.data, ops), noticeIndex, settings, shippedRegimes(), deps.now().getTime());
    if (lateness) {
      const d = lateness.deadline;
      const deadline = `${d.title} (\`${d.regime}\`${d.statutory ? `, ${d.legal_basis}` : ', an internal target'}) was due ${d.due_at}`;
      if (lateness.level === 'error') {
        throw new CommandFailure(`this notice, sent ${sentAt}, is late: ${deadline}, and the PR check rejects a late notice without a reason; nothing was written. `
          + `Run it again with --late-reason "<why it was late>", e.g. --late-reason "forensic scope unclear until 2026-11-21"`);
      }
      warnings.push(`this notice, sent ${sentAt}, is late: ${deadline}, and no reason is recorded; add one before the change is merged: `
        + `\`late_reason: "<why it was late>"\` in notifications[${noticeIndex}] of ${inc.file} (incident notify takes it as --late-reason)`);
    }
  }

  await saveEdit(io, inc, ops);
  for (const w of warnings) io.stderr(`warning: ${w}\n`);
  confirm(io, opts.format, `✔ recorded notice ${what} to ${recipient}, sent ${sentAt}, in ${inc.file}`, { id, file: inc.file, notification: notice });
}
