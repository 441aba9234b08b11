import type { Lifecycle } from '../model/generated/lifecycle.ts';
import { compileShipped } from '../validate/ajv.ts';
import { CHECKS, SHORTCUT_CONDITIONS } from './checks.ts';

export type { Lifecycle };
export type PhaseDef = Lifecycle['phases'][number];
export type Gate = NonNullable<PhaseDef['gate']>;

/**
 * Validates lifecycle data (schemas/lifecycle.yaml or an organisation's copy) against its schema and
 * against the code: every phase referenced exists, every named check is implemented. Returns the
 * problems as text; an invalid lifecycle is a configuration error (exit 2), not a user finding.
 */
export function checkLifecycle(raw: unknown, schema: object): { lifecycle?: Lifecycle; errors: string[] } {
  const validate = compileShipped<Lifecycle>(schema);
  if (!validate(raw)) {
    return { errors: (validate.errors ?? []).map((e) => `lifecycle${e.instancePath.replace(/\//g, '.')}: ${e.message}`) };
  }
  const lc = raw;
  const ids = new Set(lc.phases.map((p) => p.id));
  const errors: string[] = [];
  for (const p of lc.phases) {
    for (const n of p.next) if (!ids.has(n)) errors.push(`lifecycle: phase ${p.id} lists unknown next phase ${n}`);
    for (const s of p.shortcuts ?? []) {
      if (!ids.has(s.to)) errors.push(`lifecycle: phase ${p.id} has a shortcut to unknown phase ${s.to}`);
      if (!(s.when in SHORTCUT_CONDITIONS)) errors.push(`lifecycle: shortcut condition ${s.when} is not implemented`);
    }
    for (const c of p.gate?.checks ?? []) if (!(c in CHECKS)) errors.push(`lifecycle: phase ${p.id} names check ${c}, which is not implemented (known: ${Object.keys(CHECKS).join(', ')})`);
  }
  for (const r of [...lc.reopen.from, ...lc.reopen.to]) if (!ids.has(r)) errors.push(`lifecycle: reopen names unknown phase ${r}`);
  return errors.length ? { errors } : { lifecycle: lc, errors };
}

export function phaseIndex(lc: Lifecycle, phase: string): number {
  return lc.phases.findIndex((p) => p.id === phase);
}

export function phaseDef(lc: Lifecycle, phase: string): PhaseDef | undefined {
  return lc.phases.find((p) => p.id === phase);
}
