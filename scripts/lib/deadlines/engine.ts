import { asArray, asRecord, asString, get, isPresent, timeOf, type Data } from '../model/access.ts';
import { dueOf, describePeriod, policyOf } from './clock.ts';
import { addPeriod, noonNextWorkingDay, type CountingFrame } from './period-arithmetic.ts';
import { parsePredicate, type Predicate, type Truth } from './predicate.ts';
import type { Applicability, Deadline, DeadlinePolicy, DeadlineStatus, RegimeCatalog, RegimeDef, Settings } from './types.ts';
import { DEFAULT_POLICY } from './types.ts';
import { isoUtc } from './zoned-time.ts';

interface Decision { index: number; applicable: string; override?: number }

/**
 * Every notice deadline of one incident at instant `now` — pure: the same incident, settings,
 * catalogue and `now` give the same rows. Which regimes apply is read from the incident's recorded
 * decisions (`regimes[]`); conditions only surface regimes nobody has decided yet ("undecided").
 */
export function computeDeadlines(incident: Data, settings: Settings, catalog: RegimeCatalog, now: number, file?: string): Deadline[] {
  const decisions = new Map<string, Decision>();
  for (const [index, r] of asArray(incident['regimes']).entries()) {
    const reg = asRecord(r);
    const id = asString(reg['id']);
    // Append-only: a later entry for the same regime is the current decision.
    if (id) decisions.set(id, { index, applicable: String(reg['applicable']), override: timeOf(reg['clock_start_override_at']) });
  }
  const policy = policyFrom(settings);
  const scope = { incident, org: settings };
  const rows: Deadline[] = [];
  for (const regime of catalog.regimes) {
    const facts = factsOf(regime, catalog, scope);
    const resolved = resolveApplicability(regime, decisions, facts, incident['phase'] === 'closed', () => orgSubject(regime, settings, catalog, scope),
      () => orgMayHave(regime, settings, catalog, scope));
    if (!resolved) continue;
    const notices = asArray(incident['notifications']).map((n, i) => ({ n: asRecord(n), i })).filter(({ n }) => n['regime_id'] === regime.id);
    if (regime.on_request && !notices.length) continue;
    const frame = frameOf(regime, settings);
    const clock = resolved.applicable === 'no' ? undefined : dueOf({ incident, settings, regime, frame, override: resolved.override });
    // An undecided regime with nothing pointing to it yet (condition unknown, clock not started) is noise.
    if (resolved.applicable === 'undecided' && facts !== true && (clock?.due ?? null) === null) continue;
    let due = clock?.due ?? null;
    let note = clock?.note || null;
    // Relief unless its exclusion holds (an unknown exclusion gives no relief: the earlier deadline is the safe one).
    const excluded = regime.relief?.unless !== undefined && conditionOf(catalog.predicates.get(`${regime.id}#relief`), scope) !== false;
    if (due !== null && regime.relief && !excluded) {
      const relieved = noonNextWorkingDay(due, frame);
      if (relieved !== due) note = `falls on a non-working day: 12:00 noon of the next working day applies (${isoUtc(due)} → ${isoUtc(relieved)})`;
      due = relieved;
    }
    rows.push(row(incident, file, {
      regime: regime.id, title: regime.title, stage: regime.stage, recipient: recipientOf(regime, incident, settings), first_stage: regime.first_stage,
      statutory: clock?.statutory ?? true, applicable: resolved.applicable, decision: resolved.decision, condition: facts,
      clock_field: clock?.field ?? null, clock_start: clock?.start != null ? isoUtc(clock.start) : null,
      due, note, legal_basis: regime.legal_basis, source: regime.source, regime_index: resolved.index,
    }, notices, now, policy));
  }
  rows.push(...internalDeadlines(incident, settings, now, policy, file));
  return rows.sort(compareDeadlines);
}

/** The organisation's named recipient, the policy's carrier for contractual notices, else the catalogue's. */
function recipientOf(regime: RegimeDef, incident: Data, settings: Settings): string {
  const named = settings.recipients && Object.hasOwn(settings.recipients, regime.id) ? settings.recipients[regime.id] : undefined;
  if (named) return named;
  const contractual = regime.clock.terms.some((t) => t.period_from_policy);
  return (contractual && policyOf(incident, settings)?.carrier) || regime.recipient;
}

/** Due time first (no due time last), then regime id: the order people read a to-do list in. */
export function compareDeadlines(a: Deadline, b: Deadline): number {
  if (a.due_at !== b.due_at) return a.due_at === null ? 1 : b.due_at === null ? -1 : a.due_at < b.due_at ? -1 : 1;
  if (a.incident !== b.incident) return a.incident < b.incident ? -1 : 1;
  return a.regime < b.regime ? -1 : a.regime > b.regime ? 1 : 0;
}

/**
 * `rows` without repeats: a row equal to an earlier one but for its `file` (the same incident in two
 * files, e.g. a copy sharing its id) is left out; rows that differ in anything else stay.
 */
export function distinctDeadlines(rows: readonly Deadline[]): Deadline[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const { file: _file, ...rest } = r;
    const key = JSON.stringify(rest);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function policyFrom(settings: Settings, override?: Partial<DeadlinePolicy>): DeadlinePolicy {
  return { ...DEFAULT_POLICY, ...settings.checks?.deadlines, ...override };
}

/**
 * Own decision first. Otherwise a stage that follows another stage's decision (NIS2 final follows
 * the early warning's) inherits it — unless the organisation is known not to have that stage (a
 * non-trust-service provider has no 24 h NIS2 notification) or the decision was "no" (the decided
 * stage's row already says so). Otherwise, an undecided regime is listed when the organisation is
 * subject to it, its condition does not rule it out and the incident is not closed (a closed
 * incident passed every gate: what nobody decided then was not owed).
 */
function resolveApplicability(regime: RegimeDef, decisions: ReadonlyMap<string, Decision>, facts: Truth, closed: boolean, orgSubject: () => boolean, orgMayHave: () => boolean):
  { applicable: Applicability; decision: string; index: number | null; override?: number } | undefined {
  const own = decisions.get(regime.id);
  if (own) return { applicable: tri(own.applicable), decision: `regimes[${own.index}]`, index: own.index, override: own.override };
  const via = regime.decided_with;
  const d = via ? decisions.get(via) : undefined;
  if (via && d) {
    const applicable = tri(d.applicable);
    if (applicable === 'no' || !orgMayHave()) return undefined;
    if (applicable === 'yes' && facts === false) return { applicable: 'no', decision: `regimes[${d.index}] (${via}); this stage's condition does not hold`, index: d.index };
    return { applicable, decision: `regimes[${d.index}] (${via})`, index: d.index };
  }
  if (facts === false || closed || !orgSubject()) return undefined;
  return { applicable: 'undecided', decision: facts === true ? 'not decided yet; its condition holds' : 'not decided yet; its condition cannot be evaluated yet', index: null };
}

function tri(v: string): Applicability {
  return v === 'yes' || v === 'no' || v === 'undetermined' ? v : 'undetermined';
}

/** The organisation is subject to the regime: family selected, not disabled, in force (or enabled), org condition holds. */
export function orgSubject(regime: RegimeDef, settings: Settings, catalog: RegimeCatalog, scope: { incident: unknown; org: unknown }): boolean {
  const sel = settings.regimes ?? {};
  if (sel.disable?.includes(regime.id)) return false;
  if (regime.status !== 'in-force' && !sel.enable?.includes(regime.id)) return false;
  if (!(sel.subject_to?.includes(regime.family) || sel.subject_to?.includes(regime.id) || sel.enable?.includes(regime.id))) return false;
  const orgIf = catalog.predicates.get(`${regime.id}#org_if`);
  return !orgIf || orgIf.evaluate(scope) === true;
}

/** The regime's factual condition; a stage without one takes the condition of the stage it follows. */
function factsOf(regime: RegimeDef, catalog: RegimeCatalog, scope: { incident: unknown; org: unknown }): Truth {
  let r: RegimeDef | undefined = regime;
  for (let depth = 0; r && depth < 8; depth++) {
    const p = catalog.predicates.get(`${r.id}#applies_if`);
    if (p) return p.evaluate(scope);
    r = r.decided_with ? catalog.byId.get(r.decided_with) : undefined;
  }
  return true;
}

/**
 * Whether an inherited stage exists for this organisation. An organisation that declared the regimes
 * it is subject to has described itself, so a fact it left out counts as "no" (no trust-service flag:
 * not a trust service provider); without any declaration nothing is known and the stage stays listed.
 */
function orgMayHave(regime: RegimeDef, settings: Settings, catalog: RegimeCatalog, scope: { incident: unknown; org: unknown }): boolean {
  const t = conditionOf(catalog.predicates.get(`${regime.id}#org_if`), scope);
  return t === true || (t === 'unknown' && settings.regimes?.subject_to === undefined);
}

function conditionOf(p: Predicate | undefined, scope: { incident: unknown; org: unknown }): Truth {
  return p ? p.evaluate(scope) : true;
}

export function frameOf(regime: RegimeDef, settings: Settings): CountingFrame {
  const timeZone = regime.time_zone === 'org' ? settings.organisation.time_zone : regime.time_zone;
  const holidays = regime.holidays === 'org' ? settings.organisation.holidays : regime.holidays;
  return { timeZone, ...(holidays ? { holidays } : {}), ...(regime.day_ends_at ? { dayEndsAt: regime.day_ends_at } : {}) };
}

interface RowSpec {
  regime: string; title: string; stage: string; recipient: string; first_stage: boolean; statutory: boolean;
  applicable: Applicability; decision: string; condition: Truth | null; clock_field: string | null; clock_start: string | null;
  due: number | null; note: string | null; legal_basis: string; source: string; regime_index: number | null;
}

function row(incident: Data, file: string | undefined, spec: RowSpec, notices: { n: Data; i: number }[], now: number, policy: DeadlinePolicy): Deadline {
  // As of `now`: a notice sent later is not sent yet (deadlines --at a past instant shows that instant).
  const sent = notices.filter(({ n }) => { const t = timeOf(n['sent_at']); return t !== undefined && t <= now; }).sort((a, b) => timeOf(a.n['sent_at'])! - timeOf(b.n['sent_at'])!)[0];
  const lateReason = notices.map(({ n }) => n['late_reason']).find(isPresent);
  const notRequired = notices.map(({ n }) => n['not_required_reason']).find(isPresent);
  const sentAt = sent ? timeOf(sent.n['sent_at'])! : undefined;
  const status = statusOf(spec.applicable, spec.due, sentAt, notRequired !== undefined, now, policy);
  const open = status === 'upcoming' || status === 'due-soon' || status === 'overdue';
  const { due, ...rest } = spec;
  return {
    incident: String(incident['id'] ?? ''),
    ...(file !== undefined ? { file } : {}),
    regime: rest.regime, title: rest.title, stage: rest.stage, recipient: rest.recipient, first_stage: rest.first_stage,
    statutory: rest.statutory, applicable: rest.applicable, decision: rest.decision, condition: rest.condition,
    clock_field: rest.clock_field, clock_start: rest.clock_start,
    due_at: due === null ? null : isoUtc(due),
    status,
    sent_at: sentAt === undefined ? null : isoUtc(sentAt),
    late_reason: lateReason === undefined ? null : String(lateReason),
    not_required_reason: notRequired === undefined ? null : String(notRequired),
    seconds_left: open && due !== null ? Math.round((due - now) / 1000) : null,
    note: rest.note,
    legal_basis: rest.legal_basis, source: rest.source,
    notice_index: sent?.i ?? notices[0]?.i ?? null,
    regime_index: rest.regime_index,
  };
}

/** upcoming | due-soon | overdue while open; met | late once sent; not-applicable when decided no or not required. */
export function statusOf(applicable: Applicability, due: number | null, sentAt: number | undefined, notRequired: boolean, now: number, policy: DeadlinePolicy): DeadlineStatus {
  if (applicable === 'no') return 'not-applicable';
  if (sentAt !== undefined) return due !== null && sentAt > due ? 'late' : 'met';
  if (notRequired) return 'not-applicable';
  if (due === null) return 'upcoming';
  if (now > due) return 'overdue';
  return due - now <= policy.due_soon_hours * 3_600_000 ? 'due-soon' : 'upcoming';
}

const predicateCache = new Map<string, Predicate | null>();

/** Internal parties to notify per severity (settings.stakeholders.internal_by_severity), from declared_at. */
function internalDeadlines(incident: Data, settings: Settings, now: number, policy: DeadlinePolicy, file: string | undefined): Deadline[] {
  const severity = asString(incident['severity']);
  const bySeverity = settings.stakeholders?.internal_by_severity ?? {};
  // Own keys only: the front matter is not validated here, and `severity: __proto__` must not reach Object.prototype.
  const duties = severity && Object.hasOwn(bySeverity, severity) && Array.isArray(bySeverity[severity]) ? bySeverity[severity]! : [];
  const out: Deadline[] = [];
  const frame: CountingFrame = { timeZone: settings.organisation.time_zone, ...(settings.organisation.holidays ? { holidays: settings.organisation.holidays } : {}) };
  for (const duty of duties) {
    if (duty.when) {
      let p = predicateCache.get(duty.when);
      if (p === undefined) { try { p = parsePredicate(duty.when); } catch { p = null; } predicateCache.set(duty.when, p); }
      if (!p || p.evaluate({ incident, org: settings }) === false) continue;
    }
    const start = timeOf(get(incident, 'timestamps.declared_at'));
    const due = start === undefined ? null : addPeriod(start, duty.within.offset, duty.within.unit, frame);
    const notices = asArray(incident['notifications']).map((n, i) => ({ n: asRecord(n), i })).filter(({ n }) => n['stakeholder'] === duty.party);
    out.push(row(incident, file, {
      regime: `internal-${duty.party}`, title: `Internal notice: ${duty.party}`, stage: 'internal', recipient: duty.party, first_stage: false,
      statutory: false, applicable: 'yes', decision: `settings: stakeholders.internal_by_severity.${severity}`, condition: null,
      clock_field: start === undefined ? null : 'timestamps.declared_at', clock_start: start === undefined ? null : isoUtc(start), due,
      note: start === undefined ? 'clock not started: timestamps.declared_at not recorded yet' : `organisation target: within ${describePeriod(duty.within)} of declaration`,
      legal_basis: 'Organisation policy (.incident-ledger.yml stakeholders.internal_by_severity)', source: '.incident-ledger.yml', regime_index: null,
    }, notices, now, policy));
  }
  return out;
}
