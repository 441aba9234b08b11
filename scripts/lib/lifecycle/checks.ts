import { asArray, asRecord, asString, get, isPresent, timeOf, type Data } from '../model/access.ts';
import type { Finding } from '../model/finding.ts';
import { recordIsRed } from '../validate/redaction.ts';
import type { GateContext } from './gate-context.ts';
import { timestampOrderFinding } from '../model/timestamp-order.ts';
import { didYouMean } from '../validate/describe.ts';

/**
 * Gate checks that a list of fields cannot express. Each yields findings; lifecycle.yaml names them
 * per phase, and checkLifecycle() rejects a name that is not implemented here.
 */
export type Check = (incident: Data, ctx: GateContext) => Iterable<Finding>;

const TS_EXAMPLE = '2026-12-03T09:30:00Z';

export const CHECKS: Record<string, Check> = {
  *'acknowledged-after-detected'(inc) {
    const f = timestampOrderFinding(inc, 'detected_at', 'acknowledged_at', 'it is acknowledged after it is detected');
    if (f) yield f;
  },

  *'regimes-decided-or-owned'(inc) {
    for (const [i, r] of asArray(inc['regimes']).entries()) {
      const reg = asRecord(r);
      if (reg['applicable'] === 'undetermined' && !isPresent(reg['owner'])) {
        yield { rule: 'gate/undetermined-regime-without-owner', pointer: `/regimes/${i}`, which: 'key',
          message: `regime \`${String(reg['id'])}\` is undetermined and has no \`owner\` who will decide it`,
          hint: 'Name who decides, e.g. `owner: legal`, or record the decision: `applicable: "yes"` / `"no"` with rationale, decided_by and decided_at.' };
      }
    }
  },

  *'regime-ids-known'(inc, ctx) {
    if (!ctx.firstStageRegimes || !ctx.noticeRules) return;
    const known = [...ctx.firstStageRegimes, ...ctx.noticeRules.map((r) => r.id)];
    for (const [i, r] of asArray(inc['regimes']).entries()) {
      const id = asString(asRecord(r)['id']);
      if (id === undefined || known.includes(id)) continue;
      const guess = didYouMean(id, known);
      yield { rule: 'gate/unknown-regime', pointer: `/regimes/${i}/id`, which: 'value',
        message: `regime \`${id}\` is not in schemas/regimes.yaml, so no deadline can be computed or enforced for it${guess ? `; did you mean \`${guess}\`?` : ''}`,
        hint: `Use an id from schemas/regimes.yaml (e.g. \`${guess ?? 'gdpr-art33'}\`), or add the regime there with its clock and source.` };
    }
  },

  *'timeline-has-key-entries'(inc) {
    const times = new Set(asArray(inc['timeline']).map((e) => timeOf(asRecord(e)['at'])));
    const wanted: [string, string][] = [['detected_at', 'detection'], ['acknowledged_at', 'acknowledgement'], ['declared_at', 'declaration']];
    for (const [field, what] of wanted) {
      const t = timeOf(get(inc, `timestamps.${field}`));
      if (t !== undefined && !times.has(t)) {
        // A TLP:RED record's times are not echoed (a missing or invalid label counts as red).
        const at = recordIsRed(inc) ? `<timestamps.${field}>` : String(get(inc, `timestamps.${field}`));
        yield { rule: 'gate/timeline-missing-entry', pointer: '/timeline', which: 'key',
          message: `\`timeline\` has no entry for the ${what} (an entry at \`timestamps.${field}\`${at.startsWith('<') ? '' : ` = ${at}`})`,
          hint: `Add an entry, e.g. \`- { at: ${at}, by: a.ng, kind: observation, entry: "Incident ${what === 'declaration' ? 'declared' : what === 'detection' ? 'detected' : 'acknowledged'} ..." }\`, or run: npm run incident -- log <id> "..." --at <time>` };
      }
    }
  },

  *'no-undetermined-regime'(inc) {
    for (const [i, r] of asArray(inc['regimes']).entries()) {
      if (asRecord(r)['applicable'] === 'undetermined') {
        yield { rule: 'gate/undetermined-regime', pointer: `/regimes/${i}/applicable`, which: 'value',
          message: `regime \`${String(asRecord(r)['id'])}\` is still undetermined; every regime must be decided before leaving notification`,
          hint: 'Record the legal decision: `applicable: "yes"` or `"no"`, with rationale, decided_by and decided_at.' };
      }
    }
  },

  *'first-stage-notices-sent'(inc, ctx) {
    const notes = asArray(inc['notifications']).map(asRecord);
    for (const [i, r] of asArray(inc['regimes']).entries()) {
      const reg = asRecord(r);
      const id = asString(reg['id']);
      if (reg['applicable'] !== 'yes' || !id) continue;
      // Later-stage notices are enforced at their own phases. With the catalogue's rules loaded, an id
      // it does not know (a typo, an organisation's own regime) counts as first-stage: safer to ask.
      const laterStage = ctx.noticeRules ? ctx.noticeRules.some((r) => r.id === id) : ctx.firstStageRegimes ? !ctx.firstStageRegimes.has(id) : false;
      if (laterStage) continue;
      const done = notes.some((n) => n['regime_id'] === id && (isPresent(n['sent_at']) || isPresent(n['late_reason']) || isPresent(n['not_required_reason'])));
      if (!done) {
        yield { rule: 'gate/notice-not-sent', pointer: `/regimes/${i}`, which: 'key',
          message: `regime \`${id}\` applies but no notice for it is recorded as sent (or justified late / not required)`,
          hint: `Record it: npm run incident -- notify <id> --regime ${id} --stage <stage> --recipient "<authority>" --sent-at ${TS_EXAMPLE}` };
      }
    }
  },

  ...noticeGateChecks(['investigation', 'final-report', 'feedback']),

  *'internal-parties-notified'(inc) {
    const notes = asArray(inc['notifications']).map(asRecord);
    const wanted = ['legal', 'executive'];
    if (get(inc, 'personal_data.involved') === 'yes') wanted.push('dpo');
    for (const party of wanted) {
      if (!notes.some((n) => n['stakeholder'] === party && isPresent(n['sent_at']))) {
        yield { rule: 'gate/internal-party-not-notified', pointer: '/notifications', which: 'key',
          message: `internal party \`${party}\` has not been notified (no notification with \`stakeholder: ${party}\` and \`sent_at\`)`,
          hint: `Add e.g. \`- { stakeholder: ${party}, stage: internal, recipient: "${party === 'dpo' ? 'Data protection officer' : party === 'legal' ? 'General counsel' : 'Chief executive'}", sent_at: ${TS_EXAMPLE} }\`` };
      }
    }
  },

  *'containment-recorded'(inc) {
    const na = asRecord(inc['timestamps_not_applicable']);
    for (const f of ['contained_at', 'eradicated_at', 'recovered_at']) {
      if (!isPresent(get(inc, `timestamps.${f}`)) && !isPresent(na[f])) {
        yield { rule: 'gate/missing-field', pointer: '/timestamps', which: 'key',
          message: `\`timestamps.${f}\` is missing and no reason is given in \`timestamps_not_applicable.${f}\``,
          hint: `Add \`${f}: ${TS_EXAMPLE}\` under timestamps, or explain: \`timestamps_not_applicable: { ${f}: "no malware was installed" }\`` };
      }
    }
  },

  *'attack-vector-known-or-justified'(inc) {
    if (inc['attack_vector'] === 'unknown' && !isPresent(inc['attack_vector_rationale'])) {
      yield { rule: 'gate/attack-vector-unknown', pointer: '/attack_vector', which: 'value',
        message: '`attack_vector` is still `unknown` at the end of the investigation and no `attack_vector_rationale` explains why',
        hint: 'Set the vector found (e.g. `attack_vector: email-phishing`) or add `attack_vector_rationale: "logs expired before the intrusion was found"`.' };
    }
  },

  *'evidence-has-custody'(inc) {
    for (const [i, e] of asArray(inc['evidence']).entries()) {
      const ev = asRecord(e);
      const missing = ['sha256', 'collected_by', 'collected_at', 'custody'].filter((k) => !isPresent(ev[k]) || (k === 'custody' && asArray(ev[k]).length === 0));
      if (missing.length) {
        yield { rule: 'gate/evidence-incomplete', pointer: `/evidence/${i}`, which: 'key',
          message: `evidence \`${String(ev['id'] ?? i)}\` lacks ${missing.map((m) => `\`${m}\``).join(', ')}; evidence needs a hash, who and when collected it, and its chain of custody`,
          hint: `e.g. sha256: 9f86d0…, collected_by: j.doe, collected_at: ${TS_EXAMPLE}, custody: [{ from: j.doe, to: evidence-locker, at: ${TS_EXAMPLE} }]` };
      }
    }
  },

  *'action-items-tracked'(inc) {
    const items = asArray(inc['action_items']);
    if (items.length === 0) {
      yield { rule: 'gate/no-action-items', pointer: '/action_items', which: 'key',
        message: '`action_items` is empty; the feedback phase ends with tracked improvements',
        hint: 'Add at least one, e.g. `- { id: AI-1, description: "Enforce MFA on VPN", type: prevent, owner: it-ops, due: 2027-01-15, status: open, tracker_url: https://github.com/example-org/incidents/issues/42 }`' };
    }
    for (const [i, it] of items.entries()) {
      const a = asRecord(it);
      if (!isPresent(a['tracker_url'])) {
        yield { rule: 'gate/action-item-untracked', pointer: `/action_items/${i}`, which: 'key',
          message: `action item \`${String(a['id'] ?? i)}\` has no \`tracker_url\`; every improvement must be tracked`,
          hint: 'Add `tracker_url: https://github.com/example-org/incidents/issues/42` (the follow-up workflow opens one on merge).' };
      }
    }
  },
};

/**
 * `<phase>-notices-sent` checks: every notice stage that the regimes catalogue enforces when leaving
 * `<phase>` (ctx.noticeRules) and that applies — decided "yes" for the stage itself, or for the
 * regime it follows — is sent, justified late (`late_reason`) or justified not required.
 */
function noticeGateChecks(phases: readonly string[]): Record<string, Check> {
  const out: Record<string, Check> = {};
  for (const phase of phases) {
    out[`${phase}-notices-sent`] = function* (inc, ctx) {
      const rules = (ctx.noticeRules ?? []).filter((r) => r.gate === phase);
      if (!rules.length) return;
      const decisions = new Map<string, { i: number; applicable: unknown }>();
      for (const [i, r] of asArray(inc['regimes']).entries()) {
        const id = asString(asRecord(r)['id']);
        if (id) decisions.set(id, { i, applicable: asRecord(r)['applicable'] });
      }
      const notes = asArray(inc['notifications']).map(asRecord);
      for (const rule of rules) {
        const d = decisions.get(rule.id) ?? (rule.follows ? decisions.get(rule.follows) : undefined);
        if (!d || d.applicable !== 'yes') continue;
        if (rule.onRequest && !notes.some((n) => n['regime_id'] === rule.id)) continue;
        const done = notes.some((n) => n['regime_id'] === rule.id && (isPresent(n['sent_at']) || isPresent(n['late_reason']) || isPresent(n['not_required_reason'])));
        if (done) continue;
        const via = decisions.has(rule.id) ? '' : ` (it follows \`${rule.follows}\`, decided "yes")`;
        yield { rule: 'gate/notice-not-sent', pointer: `/regimes/${d.i}`, which: 'key',
          message: `leaving phase \`${phase}\` requires the \`${rule.id}\` notice${via} to be sent, justified late or justified not required; none is recorded`,
          hint: `Record it: \`- { regime_id: ${rule.id}, stage: <stage>, recipient: "<authority>", sent_at: ${TS_EXAMPLE} }\`, or add \`late_reason: "<why>"\` / \`not_required_reason: "<why>"\` to such an entry. \`npm run incident -- deadlines\` shows when it is due.` };
      }
    };
  }
  return out;
}

/** Conditions for lifecycle shortcuts (e.g. preliminary-analysis → closed). */
export const SHORTCUT_CONDITIONS: Record<string, (incident: Data) => boolean> = {
  'closing-shortcut': (inc) => {
    const det = inc['determination'];
    const disp = asString(inc['disposition']) ?? '';
    const eligible = det === 'false-positive' || det === 'low-value' || disp.startsWith('not-an-incident:') || disp === 'duplicate:duplicate' || isPresent(inc['duplicate_of']);
    return eligible && isPresent(inc['disposition_rationale']);
  },
};
