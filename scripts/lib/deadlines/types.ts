import type { HolidayCalendar } from './holidays.ts';
import type { Predicate } from './predicate.ts';
import type { Unit } from './period-arithmetic.ts';

/** A clock start as written in regimes.yaml. */
export type ClockStart =
  | { field: string; anchor?: 'end-of-year' }
  | { notice: string[]; field: 'sent_at' | 'requested_due_at'; pick?: 'earliest' | 'latest' }
  | { policy: 'period_end' };

export interface ClockTerm {
  from: ClockStart[];
  offset?: number;
  unit?: Unit | 'none';
  period_from_policy?: 'fnol' | 'proof_of_loss';
}

/** One notice stage of a regime (schemas/regimes.yaml), with its conditions parsed. */
export interface RegimeDef {
  id: string;
  family: string;
  title: string;
  legal_basis: string;
  source: string;
  status: 'in-force' | 'proposed';
  stage: string;
  first_stage: boolean;
  enforced_at: 'notification' | 'investigation' | 'final-report' | 'feedback' | 'none';
  recipient: string;
  decided_with?: string;
  on_request?: boolean;
  clock: { terms: ClockTerm[]; after_limit?: ClockTerm };
  time_zone: string;
  holidays?: 'org' | HolidayCalendar;
  day_ends_at?: string;
  relief?: { kind: 'noon-next-working-day'; unless?: string };
  org_if?: string;
  applies_if?: string;
  notes?: string;
}

/** The loaded catalogue: definitions in file order plus their parsed conditions. */
export interface RegimeCatalog {
  regimes: readonly RegimeDef[];
  byId: ReadonlyMap<string, RegimeDef>;
  predicates: ReadonlyMap<string, Predicate>;
}

export interface Period { offset: number; unit: Unit; note?: string }

export type Level = 'error' | 'warning' | 'notice' | 'off';

export interface DeadlinePolicy {
  due_soon_hours: number;
  due_soon: Level;
  overdue: Level;
  late_without_reason: Level;
  undecided: Level;
}

/** .incident-ledger.yml (validated by schemas/settings.schema.json). */
export interface Settings {
  version: 1;
  organisation: { name: string; legal_name?: string; time_zone: string; holidays?: HolidayCalendar; sector?: string };
  jurisdictions?: string[];
  entity_types?: Record<string, unknown>;
  privacy?: Record<string, unknown>;
  us?: Record<string, unknown>;
  au?: Record<string, unknown>;
  regimes?: { subject_to?: string[]; enable?: string[]; disable?: string[] };
  recipients?: Record<string, string>;
  internal_targets?: Record<string, Period>;
  insurance?: { policies?: InsurancePolicy[] };
  stakeholders?: { internal_by_severity?: Record<string, { party: string; within: Period; when?: string }[]> };
  checks?: { deadlines?: Partial<DeadlinePolicy> };
  [ext: `x-${string}`]: unknown;
}

export interface InsurancePolicy {
  id: string;
  carrier: string;
  claims_contact?: string;
  policy_period_start?: string;
  policy_period_end?: string;
  fnol: Period;
  proof_of_loss?: Period;
}

/** Settings used when a repository has no .incident-ledger.yml: UTC, no organisation-level regimes. */
export const DEFAULT_SETTINGS: Settings = { version: 1, organisation: { name: 'Unnamed organisation', time_zone: 'UTC' } };

export const DEFAULT_POLICY: DeadlinePolicy = { due_soon_hours: 24, due_soon: 'warning', overdue: 'error', late_without_reason: 'error', undecided: 'warning' };

export type DeadlineStatus = 'upcoming' | 'due-soon' | 'overdue' | 'met' | 'late' | 'not-applicable';

/** How applicability was established: a recorded decision (own or inherited), or nobody decided yet. */
export type Applicability = 'yes' | 'no' | 'undetermined' | 'undecided';

/** One computed notice deadline of one incident. */
export interface Deadline {
  incident: string;
  file?: string;
  /** Regime id = the rule id of this deadline (`internal-<party>` for internal notices). */
  regime: string;
  title: string;
  stage: string;
  recipient: string;
  first_stage: boolean;
  /** false for internal targets standing in for "without undue delay" and for internal notices. */
  statutory: boolean;
  applicable: Applicability;
  /** Where the applicability comes from: `regimes[3]`, `regimes[0] (nis2-early-warning)`, a condition, or settings. */
  decision: string;
  /** The regime's factual condition (`applies_if`) on this incident: true, false or "unknown"; null for internal notices. */
  condition: boolean | 'unknown' | null;
  clock_field: string | null;
  clock_start: string | null;
  due_at: string | null;
  status: DeadlineStatus;
  sent_at: string | null;
  late_reason: string | null;
  not_required_reason: string | null;
  /** Seconds from `now` to due (negative when overdue); null when met, late, not applicable or no clock. */
  seconds_left: number | null;
  /** Why there is no due time yet, or how it was derived (relief, internal target, policy). */
  note: string | null;
  legal_basis: string;
  source: string;
  /** Index in `notifications[]` of the matching notice, for locating findings. */
  notice_index: number | null;
  /** Index in `regimes[]` of the decision, for locating findings. */
  regime_index: number | null;
}
