import type { Data } from '../model/access.ts';
import { SHORTCUT_CONDITIONS } from './checks.ts';
import { phaseIndex, type Lifecycle } from './lifecycle.ts';

/** One step of a move: leaving `from` for `to`, along a `next` edge or a shortcut. */
export interface Step {
  from: string;
  to: string;
  /** The shortcut condition name when the step is a shortcut (e.g. `closing-shortcut`). */
  shortcut?: string;
}

export type PhaseMove =
  | { kind: 'same' }
  | { kind: 'forward'; steps: Step[] }
  | { kind: 'back' }
  | { kind: 'unknown' };

/**
 * How the phase changed from `before` to `after` for the incident as it is at head: forward along
 * the lifecycle, backwards, or not comparable (an unknown phase: the schema reports that).
 * Forward takes the shortest legal path (`next` edges and shortcuts whose condition holds). When
 * a shortcut that does not hold would be shorter, that is what the change meant (e.g.
 * preliminary-analysis → closed in one step), unless every gate of the long way holds:
 * the shortcut is then reported as such rather than as five failed gates.
 */
export function classifyMove(lc: Lifecycle, before: string, after: string, head: Data, gateHolds: (phase: string) => boolean = () => false): PhaseMove {
  if (phaseIndex(lc, before) < 0 || phaseIndex(lc, after) < 0) return { kind: 'unknown' };
  if (before === after) return { kind: 'same' };
  const legal = shortestPath(lc, before, after, (s) => shortcutHolds(s, head));
  const any = shortestPath(lc, before, after, () => true);
  if (legal && (!any || any.length >= legal.length || legal.every((s) => gateHolds(s.from)))) return { kind: 'forward', steps: legal };
  if (any) return { kind: 'forward', steps: any };
  return { kind: 'back' };
}

/** Whether the shortcut condition of a step holds for the incident at head. */
export function shortcutHolds(step: Step, incident: Data): boolean {
  return !step.shortcut || Boolean(SHORTCUT_CONDITIONS[step.shortcut]?.(incident));
}

function shortestPath(lc: Lifecycle, from: string, to: string, usable: (s: Step) => boolean): Step[] | undefined {
  const edges = (id: string): Step[] => {
    const def = lc.phases.find((p) => p.id === id);
    if (!def) return [];
    const shortcuts = (def.shortcuts ?? []).map((s) => ({ from: id, to: s.to, shortcut: s.when })).filter(usable);
    return [...def.next.map((n) => ({ from: id, to: n })), ...shortcuts];
  };
  const via = new Map<string, Step>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length) {
    const cur = queue.shift()!;
    for (const e of edges(cur)) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      via.set(e.to, e);
      if (e.to === to) {
        const path: Step[] = [];
        for (let s: Step | undefined = e; s; s = s.from === from ? undefined : via.get(s.from)) path.unshift(s);
        return path;
      }
      queue.push(e.to);
    }
  }
  return undefined;
}
