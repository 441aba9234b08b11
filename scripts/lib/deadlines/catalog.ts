import { compileShipped } from '../validate/ajv.ts';
import { parsePredicate, PredicateSyntaxError, type Predicate } from './predicate.ts';
import type { NoticeRule } from '../lifecycle/gate-context.ts';
import type { RegimeCatalog, RegimeDef } from './types.ts';
import { isKnownTimeZone } from './zoned-time.ts';

/**
 * Checks regimes.yaml data against its schema and what a schema cannot say (conditions parse,
 * references resolve, time zones exist; holiday calendars are checked by the catalogue's test, so
 * that loading the catalogue for the gates does not load the holiday library) and returns the catalogue, or the
 * problems as configuration errors (one line each).
 */
export function buildCatalog(raw: unknown, schema: object): { catalog?: RegimeCatalog; errors: string[] } {
  const validate = compileShipped(schema);
  if (!validate(raw)) {
    return { errors: (validate.errors ?? []).map((e) => `regimes.yaml${e.instancePath || '/'}: ${e.message ?? e.keyword}`) };
  }
  const regimes = (raw as { regimes: RegimeDef[] }).regimes;
  const errors: string[] = [];
  const byId = new Map<string, RegimeDef>();
  const predicates = new Map<string, Predicate>();
  for (const [i, r] of regimes.entries()) {
    const at = `regimes.yaml/regimes/${i} (${r.id})`;
    if (byId.has(r.id)) errors.push(`${at}: duplicate id \`${r.id}\``);
    byId.set(r.id, r);
    for (const [key, src] of [['org_if', r.org_if], ['applies_if', r.applies_if], ['relief', r.relief?.unless]] as const) {
      if (src === undefined) continue;
      try {
        predicates.set(`${r.id}#${key}`, parsePredicate(src));
      } catch (e) {
        errors.push(`${at}: ${key}: ${e instanceof PredicateSyntaxError ? e.message : String(e)}`);
      }
    }
    if (r.time_zone !== 'org' && !isKnownTimeZone(r.time_zone)) errors.push(`${at}: unknown time zone \`${r.time_zone}\` (use an IANA name such as America/New_York, or org)`);
  }
  for (const r of regimes) {
    const refs = [r.decided_with, ...[...r.clock.terms, ...(r.clock.after_limit ? [r.clock.after_limit] : [])].flatMap((t) => t.from.flatMap((s) => ('notice' in s ? s.notice : [])))];
    for (const ref of refs) if (ref !== undefined && !byId.has(ref)) errors.push(`regimes.yaml (${r.id}): refers to unknown regime \`${ref}\``);
  }
  if (errors.length) return { errors };
  return { catalog: { regimes, byId, predicates }, errors: [] };
}

/**
 * What the lifecycle gates need from the catalogue: the first-stage regime ids (enforced when leaving
 * notification) and a rule per later stage (enforced when leaving its `enforced_at` phase). A later
 * stage with no condition of its own follows its `decided_with` regime's decision; one with a
 * condition (HIPAA HHS >= 500 / < 500) needs its own recorded decision, because a gate cannot
 * weigh facts the way the deadline list does. A rule with gate `none` is known but enforced by no gate.
 */
export function noticeGates(catalog: RegimeCatalog): { firstStage: ReadonlySet<string>; rules: readonly NoticeRule[] } {
  const firstStage = new Set<string>();
  const rules: NoticeRule[] = [];
  for (const r of catalog.regimes) {
    if (r.first_stage) firstStage.add(r.id);
    else rules.push({ id: r.id, gate: r.enforced_at, ...(r.decided_with && !r.applies_if ? { follows: r.decided_with } : {}), ...(r.on_request ? { onRequest: true } : {}) });
  }
  return { firstStage, rules };
}
