import type { Section } from '../parse/sections.ts';

/** What gate checks may look at besides the incident itself. */
export interface GateContext {
  /** The incident's body sections. */
  sections: readonly Section[];
  /** Ids of every incident in the repository (references must resolve). */
  knownIds?: ReadonlySet<string>;
  /** Regime ids that are first-stage notices (from schemas/regimes.yaml, when loaded). */
  firstStageRegimes?: ReadonlySet<string>;
  /** Which later-stage notices each phase's exit gate enforces (from schemas/regimes.yaml, when loaded). */
  noticeRules?: readonly NoticeRule[];
  /** An example value for a front-matter field (from the schema), for hints. */
  exampleOf?: (dottedField: string) => string | undefined;
}

/** A notice stage enforced when leaving phase `gate` (`none`: no gate); `follows`: applies whenever that regime was decided "yes". */
export interface NoticeRule {
  id: string;
  gate: string;
  follows?: string;
  /** Owed only once the authority asked: enforced when a notification entry for it exists. */
  onRequest?: boolean;
}
