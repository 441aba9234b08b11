import { asArray, asRecord, get, timeOf, type Data } from '../model/access.ts';
import { addPeriod, endOfLocalDay, type CountingFrame, type Unit } from './period-arithmetic.ts';
import type { ClockStart, ClockTerm, InsurancePolicy, Period, RegimeDef, Settings } from './types.ts';
import { fromLocal, toLocal } from './zoned-time.ts';

/** A term's result: a due time, or why there is none yet. */
export type TermResult =
  | { due: number; start: number; field: string; statutory: boolean; note?: string }
  | { due: null; start: number | null; field: string | null; statutory: boolean; note: string };

export interface ClockInput {
  incident: Data;
  settings: Settings;
  regime: RegimeDef;
  frame: CountingFrame;
  /** Legal counsel's recorded clock start (regimes[].clock_start_override_at). */
  override?: number;
}

/** The due time of a regime's clock: earliest term, or `after_limit` when it starts after that. */
export function dueOf(input: ClockInput): TermResult {
  const { regime } = input;
  const results = regime.clock.terms.map((t) => evaluateTerm(t, input));
  const timed = results.filter((r): r is Extract<TermResult, { due: number }> => r.due !== null);
  if (!timed.length) return results[0]!;
  let best = timed.reduce((a, b) => (b.due < a.due ? b : a));
  if (regime.clock.after_limit) {
    const late = evaluateTerm(regime.clock.after_limit, input);
    if (late.due !== null && late.start > best.due) best = { ...late, note: `${late.field} came after the earliest limit (${best.field}) had passed, so the later clock applies` };
  }
  return best;
}

function evaluateTerm(term: ClockTerm, input: ClockInput): TermResult {
  const start = input.override !== undefined ? { at: input.override, field: 'regimes[].clock_start_override_at' } : startOf(term.from, input);
  const period = periodOf(term, input);
  if (!start) {
    return { due: null, start: null, field: null, statutory: period.statutory, note: `clock not started: ${term.from.map(describeStart).join(' or ')} not recorded yet` };
  }
  if (!period.period) return { due: null, start: start.at, field: start.field, statutory: period.statutory, note: period.note };
  const due = addPeriod(start.at, period.period.offset, period.period.unit, input.frame);
  return { due, start: start.at, field: start.field, statutory: period.statutory, ...(period.note ? { note: period.note } : {}) };
}

function periodOf(term: ClockTerm, { settings, regime, incident }: ClockInput): { period?: { offset: number; unit: Unit }; statutory: boolean; note: string } {
  if (term.unit === 'none') {
    const target = settings.internal_targets?.[regime.id] ?? settings.internal_targets?.['default'];
    const which = settings.internal_targets?.[regime.id] ? regime.id : 'default';
    if (!target) return { statutory: false, note: `no statutory deadline ("without undue delay"); set internal_targets.${regime.id} in .incident-ledger.yml for a target` };
    return { period: target, statutory: false, note: `non-statutory internal target internal_targets.${which} (${describePeriod(target)}); the law says "without undue delay"` };
  }
  if (term.period_from_policy) {
    const policy = policyOf(incident, settings);
    const p = policy?.[term.period_from_policy];
    if (!policy) return { statutory: true, note: `insurance policy \`${String(get(incident, 'insurance.policy_id') ?? '')}\` is not listed in .incident-ledger.yml insurance.policies` };
    if (!p) return { statutory: true, note: `policy ${policy.id} has no \`${term.period_from_policy}\` period in .incident-ledger.yml` };
    return { period: p, statutory: true, note: `contractual: policy ${policy.id} (${policy.carrier}), ${describePeriod(p)}` };
  }
  return { period: { offset: term.offset ?? 0, unit: term.unit as Unit }, statutory: true, note: '' };
}

function startOf(from: readonly ClockStart[], input: ClockInput): { at: number; field: string } | undefined {
  for (const s of from) {
    const at = startTime(s, input);
    if (at !== undefined) return { at, field: describeStart(s) };
  }
  return undefined;
}

function startTime(s: ClockStart, { incident, settings, frame }: ClockInput): number | undefined {
  if ('policy' in s) {
    const end = policyOf(incident, settings)?.policy_period_end;
    const m = end ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(end) : null;
    return m ? endOfLocalDay({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, { timeZone: frame.timeZone }) : undefined;
  }
  if ('notice' in s) {
    const times = asArray(incident['notifications']).map(asRecord)
      .filter((n) => s.notice.includes(String(n['regime_id'])))
      .map((n) => timeOf(n[s.field])).filter((t): t is number => t !== undefined);
    if (!times.length) return undefined;
    return s.pick === 'latest' ? Math.max(...times) : Math.min(...times);
  }
  const t = timeOf(get(incident, s.field));
  if (t === undefined || s.anchor !== 'end-of-year') return t;
  // HIPAA 164.408(c): counted from the end of the calendar year of discovery (31 Dec, 23:59:59 local).
  const year = toLocal(t, frame.timeZone).year;
  return fromLocal({ year, month: 12, day: 31, hour: 23, minute: 59, second: 59, ms: 0 }, frame.timeZone);
}

export function policyOf(incident: Data, settings: Settings): InsurancePolicy | undefined {
  const id = get(incident, 'insurance.policy_id');
  return settings.insurance?.policies?.find((p) => p.id === id);
}

export function describeStart(s: ClockStart): string {
  if ('policy' in s) return 'insurance policy period end';
  if ('notice' in s) return `${s.pick === 'latest' ? 'latest ' : ''}${s.notice.join('/')} notice ${s.field}`;
  return s.anchor === 'end-of-year' ? `end of the calendar year of ${s.field}` : s.field;
}


export function describePeriod(p: Period): string {
  const unit = { 'calendar-hours': 'h', 'calendar-days': 'calendar days', 'calendar-months': 'months', 'business-days': 'business days' }[p.unit];
  return p.unit === 'calendar-hours' ? `${p.offset} h` : `${p.offset} ${p.offset === 1 ? unit.replace(/s$/, '') : unit}`;
}
