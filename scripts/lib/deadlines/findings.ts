import { asArray, asRecord, asString, type Data } from '../model/access.ts';
import type { Severity } from '../model/diagnostic.ts';
import type { Finding } from '../model/finding.ts';
import { computeDeadlines, policyFrom } from './engine.ts';
import type { Deadline, DeadlinePolicy, Level, RegimeCatalog, Settings } from './types.ts';
import { formatDuration } from './time-left.ts';

/**
 * PR-check findings for one incident's notice deadlines at `now` (pure; the caller passes the
 * clock): a notice due within `due_soon_hours` warns, an overdue one without `late_reason` fails,
 * one sent late without `late_reason` fails. Levels come from settings `checks.deadlines`, then
 * `policy` overrides; `off` silences a kind. Non-statutory targets never fail a check (at most warn);
 * a regime nobody decided counts only when its condition holds, at the `undecided` level.
 */
export function deadlineFindings(incident: Data, settings: Settings, regimes: RegimeCatalog, now: number, policy?: Partial<DeadlinePolicy>): Finding[] {
  const p = policyFrom(settings, policy);
  const out: Finding[] = [];
  // Past preliminary analysis, a regime whose condition holds should carry a recorded decision.
  const decisionsDue = !['detection', 'preliminary-analysis', 'closed'].includes(String(incident['phase']));
  for (const d of computeDeadlines(incident, settings, regimes, now)) {
    const f = findingFor(d, p);
    if (f) out.push(f);
    else if (decisionsDue && d.applicable === 'undecided' && d.condition === true && p.undecided !== 'off') out.push(undecidedFinding(d, p.undecided));
  }
  return out;
}

function undecidedFinding(d: Deadline, level: Exclude<Level, 'off'>): Finding {
  return {
    rule: 'deadline/undecided-regime', severity: level, pointer: '/regimes', which: 'key',
    message: `the organisation is subject to ${d.title} (\`${d.regime}\`, ${d.legal_basis}) and this incident meets its condition, but no decision is recorded in \`regimes\`${d.due_at ? `; if it applies, the notice is due ${d.due_at}` : ''}`,
    hint: `Record the legal decision: \`- { id: ${d.regime}, applicable: "yes", rationale: "...", decided_by: legal, decided_at: 2026-12-03T09:30:00Z }\` (or "no" with the reason).`,
  };
}

function findingFor(d: Deadline, p: DeadlinePolicy): Finding | undefined {
  const decided = d.applicable === 'yes';
  const what = `${d.title} (\`${d.regime}\`, ${d.legal_basis}) to ${d.recipient}`;
  const record = `- { regime_id: ${d.regime}, stage: ${d.stage}, recipient: "${d.recipient}", sent_at: 2026-12-03T09:30:00Z }`;
  const undecidedNote = decided ? '' : ` Applicability is ${d.applicable === 'undetermined' ? 'still undetermined' : 'not decided yet'}; the clock runs regardless.`;
  let kind: keyof Pick<DeadlinePolicy, 'due_soon' | 'overdue' | 'late_without_reason'> | undefined;
  let message = '';
  let hint = '';
  if (d.status === 'overdue' && !d.late_reason) {
    kind = 'overdue';
    message = `${what} was due ${d.due_at} and is ${formatDuration(-(d.seconds_left ?? 0))} overdue; no notice is recorded as sent.${undecidedNote}`;
    hint = `Record the notice once sent: \`${record}\` (or \`npm run incident -- notify <id> --regime ${d.regime} --stage ${d.stage}\`); if it will be late, add \`late_reason: "<why>"\` to a notification entry for ${d.regime}.`;
  } else if (d.status === 'due-soon') {
    kind = 'due_soon';
    message = `${what} is due ${d.due_at}, in ${formatDuration(d.seconds_left ?? 0)}.${undecidedNote}`;
    hint = `Send it and record it: \`${record}\`.`;
  } else if (d.status === 'late' && !d.late_reason && decided) {
    kind = 'late_without_reason';
    message = `${what} was sent ${d.sent_at}, after its due time ${d.due_at}, and no \`late_reason\` is recorded`;
    hint = 'A late notice must give reasons for the delay (e.g. GDPR Art 33(1)): add `late_reason: "forensic scope unclear until ..."` to that notification entry.';
  }
  if (!kind) return undefined;
  // Nobody decided and the facts do not point to it yet: the deadline list shows it, the check stays quiet.
  if (d.applicable === 'undecided' && d.condition !== true) return undefined;
  let level: Level = decided || kind === 'due_soon' ? p[kind] : p.undecided;
  if (!d.statutory && level === 'error') level = 'warning';
  if (level === 'off') return undefined;
  const pointer = d.notice_index !== null ? `/notifications/${d.notice_index}` : d.regime_index !== null ? `/regimes/${d.regime_index}` : d.clock_field?.startsWith('timestamps.') ? `/${d.clock_field.replace('.', '/')}` : '';
  return { rule: `deadline/${kind.replace(/_/g, '-')}`, severity: level as Severity, pointer, which: 'key', message, hint };
}

/**
 * Whether notice `index` of `incident` makes its deadline late without a `late_reason` (the engine's
 * `late`: sent after the due time; the notice decides the row as the first one sent for it), and the
 * level the PR check gives that (`error` fails the check; `off` when it stays silent). Undefined when
 * the notice is on time, justified, has no deadline, or an earlier notice already decided the row.
 * The deadline is the regime's row (`regime_id`), or `internal-<party>` for a stakeholder notice.
 */
export function lateNotice(incident: Data, index: number, settings: Settings, regimes: RegimeCatalog, now: number): { deadline: Deadline; level: Level } | undefined {
  const notice = asRecord(asArray(incident['notifications'])[index]);
  const regime = asString(notice['regime_id']);
  const stakeholder = asString(notice['stakeholder']);
  const rowId = regime ?? (stakeholder !== undefined ? `internal-${stakeholder}` : undefined);
  if (rowId === undefined) return undefined;
  const deadline = computeDeadlines(incident, settings, regimes, now).find((d) => d.regime === rowId);
  if (!deadline || deadline.status !== 'late' || deadline.late_reason !== null || deadline.notice_index !== index) return undefined;
  // The finding the PR check makes of this one row (deadlineFindings would compute every row again).
  const finding = findingFor(deadline, policyFrom(settings));
  return { deadline, level: finding?.rule === 'deadline/late-without-reason' ? finding.severity ?? 'off' : 'off' };
}
