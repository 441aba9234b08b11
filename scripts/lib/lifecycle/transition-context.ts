import type { Data } from '../model/access.ts';
import type { Finding } from '../model/finding.ts';
import type { ParsedFile } from '../parse/incident-file.ts';
import { withheldReason } from '../validate/redaction.ts';
import type { GateContext } from './gate-context.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { PhaseMove } from './phase-move.ts';

/** What every transition rule sees, and what it yields (transitions.ts runs the rules). */
export type ChangeKind = 'added' | 'modified' | 'renamed' | 'deleted';

/** A finding about the head version, or (`side: 'base'`) about the base version of a deleted file. */
export type Located = Finding & { side?: 'base' };

export interface TransitionContext {
  lc: Lifecycle;
  kind: ChangeKind;
  base?: Data;
  head?: Data;
  baseFile?: ParsedFile;
  headFile?: ParsedFile;
  move: PhaseMove;
  gate: GateContext;
  /** The time of the check (ms), when known. */
  now?: number;
}

export type TransitionRule = (c: TransitionContext) => Iterable<Located>;

/** The example time used in hints. */
export const EXAMPLE_TIME = '2026-12-03T09:30:00Z';

/** A value as it may appear in a message: TLP:RED incidents and entries, and secrets, are withheld. */
export function shown(data: Data | undefined, pointer: string, value: unknown): string {
  const why = withheldReason(data, pointer, value);
  return why ? `(withheld: ${why})` : String(value);
}
