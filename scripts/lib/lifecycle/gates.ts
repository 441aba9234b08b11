import { asArray, asRecord, get, isPresent, pointerFromDotted, type Data } from '../model/access.ts';
import type { Finding } from '../model/finding.ts';
import { findSection, isPlaceholder } from '../parse/sections.ts';
import { CHECKS, SHORTCUT_CONDITIONS } from './checks.ts';
import type { GateContext } from './gate-context.ts';
import { phaseDef, phaseIndex, type Lifecycle, type PhaseDef } from './lifecycle.ts';

/** Everything that must hold before `phase` may be left, as findings (empty when the gate holds). */
export function* gateFindings(incident: Data, phase: PhaseDef, ctx: GateContext): Generator<Finding> {
  const gate = phase.gate;
  if (!gate) return;
  const fields = [...(gate.fields ?? [])];
  for (const cond of gate.fields_when ?? []) {
    if (get(incident, cond.if.field) === cond.if.equals) fields.push(...cond.fields);
  }
  for (const field of fields) {
    if (isPresent(get(incident, field))) continue;
    const parent = field.includes('.') ? field.slice(0, field.lastIndexOf('.')) : '';
    const parentPresent = parent && get(incident, parent) !== undefined;
    const name = field.slice(field.lastIndexOf('.') + 1);
    const example = ctx.exampleOf?.(field) ?? '...';
    yield {
      rule: 'gate/missing-field', pointer: parentPresent ? pointerFromDotted(parent) : '/phase', which: 'key', field,
      message: `leaving phase \`${phase.id}\` requires \`${field}\`, which is missing`,
      hint: parent
        ? `Add it under \`${parent}:\`, e.g. \`${name}: ${example}\` (schemas/incident.schema.json describes the field).`
        : `Add it to the front matter, e.g. \`${field}: ${example}\` (schemas/incident.schema.json describes the field).`,
    };
  }
  for (const title of gate.sections ?? []) {
    const s = findSection(ctx.sections, title);
    if (!s) {
      yield { rule: 'gate/missing-section', pointer: '/phase', which: 'value',
        message: `leaving phase \`${phase.id}\` requires the body section \`## ${title}\`, which is missing`,
        hint: `Add a heading \`## ${title}\` to the markdown body with its content (see templates/incident.md).` };
    } else if (isPlaceholder(s.content)) {
      yield { rule: 'gate/placeholder-section', line: s.line,
        message: `section \`## ${title}\` still holds only the template placeholder; leaving phase \`${phase.id}\` requires its content`,
        hint: `Replace the TODO / comment under \`## ${title}\` with what is known now; a sentence is enough.` };
    }
  }
  for (const name of gate.checks ?? []) {
    const check = CHECKS[name];
    if (check) yield* check(incident, ctx);
  }
}

/**
 * The phases an incident has left, whose gates must therefore hold: every phase before the current
 * one; for a closed incident that took the closing shortcut, only detection and preliminary analysis.
 */
export function phasesLeft(lc: Lifecycle, incident: Data): PhaseDef[] {
  const current = String(incident['phase'] ?? '');
  const idx = phaseIndex(lc, current);
  if (idx < 0) return [];
  const before = lc.phases.slice(0, idx);
  const from = shortcutOrigin(lc, incident, current);
  if (from) return lc.phases.slice(0, phaseIndex(lc, from) + 1);
  return before;
}

/** The phase a shortcut into `current` was taken from, if the incident took one. */
function shortcutOrigin(lc: Lifecycle, incident: Data, current: string): string | undefined {
  const candidates = lc.phases.filter((p) => (p.shortcuts ?? []).some((s) => s.to === current && SHORTCUT_CONDITIONS[s.when]?.(incident)));
  if (!candidates.length) return undefined;
  const history = asArray(incident['phase_history']).map((h) => String(asRecord(h)['phase']));
  const prev = history.length >= 2 ? history[history.length - 2] : undefined;
  if (prev !== undefined) return candidates.some((c) => c.id === prev) ? prev : undefined;
  return candidates[0]!.id;
}

export { phaseDef };
