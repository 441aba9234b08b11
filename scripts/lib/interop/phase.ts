import { gateFindings } from '../lifecycle/gates.ts';
import type { GateContext } from '../lifecycle/gate-context.ts';
import type { Lifecycle } from '../lifecycle/lifecycle.ts';
import type { Data } from '../model/access.ts';

/**
 * The phase an imported incident starts in: the furthest phase along the main path (`next[0]`,
 * never a shortcut) such that the gates of every phase before it hold for the imported data. The
 * lifecycle gates decide, so an organisation that tightens a gate also tightens imports.
 */
export function supportedPhase(lc: Lifecycle, incident: Data, ctx: GateContext): string {
  let phase = lc.phases[0]!;
  for (;;) {
    const nextId = phase.next[0];
    const next = nextId ? lc.phases.find((p) => p.id === nextId) : undefined;
    if (!next) return phase.id;
    const open = [...gateFindings({ ...incident, phase: next.id }, phase, ctx)];
    if (open.length) return phase.id;
    phase = next;
  }
}
