import { recordIsRed } from '../validate/redaction.ts';
import { isTlp } from '../render/report/tlp.ts';
import { asString } from '../model/access.ts';
import { idFromFileName } from '../model/incident-id.ts';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.ts';
import type { ApprovalRequired, ChangeKind, Transition } from '../lifecycle/transitions.ts';
import type { IncidentChange } from './pair-changes.ts';

/** The JSON `incident check --format json` prints (contract: incident-ledger/check-result@1). */
export interface CheckResult {
  schema: 'incident-ledger/check-result@1';
  base: string;
  baseSha: string;
  headSha: string;
  mergeBase: string;
  files: string[];
  incidents: CheckedIncident[];
  diagnostics: Diagnostic[];
  summary: { incidents: number; errors: number; warnings: number; notices: number };
}

export interface CheckedIncident {
  id: string;
  file: string;
  previousFile: string | null;
  change: ChangeKind;
  phaseBefore: string | null;
  phaseAfter: string | null;
  gatesPassed: string[];
  approvalsRequired: ApprovalRequired[];
  title: string;
  severity: string | null;
  tlp: string | null;
  errors: number;
  warnings: number;
}

export const WITHHELD_TITLE = '(title withheld: TLP:RED)';

export interface CheckedChange {
  change: IncidentChange;
  transition: Transition;
}

/** Assembles the result: incidents sorted by id, diagnostics deduplicated and sorted, counts. */
export function buildCheckResult(refs: { base: string; baseSha: string; headSha: string; mergeBase: string }, checked: readonly CheckedChange[], diagnostics: readonly Diagnostic[], knownPhases?: ReadonlySet<string>): CheckResult {
  const diags = dedupeDiagnostics(diagnostics);
  const count = (files: string[], sev: Diagnostic['severity']) => diags.filter((d) => files.includes(d.file) && d.severity === sev).length;
  const incidents = checked.map(({ change, transition }): CheckedIncident => {
    const version = change.head ?? change.base!;
    const data = version.data ?? {};
    const file = version.file;
    const previousFile = change.kind === 'renamed' ? change.base!.file : null;
    // A record without a valid label is withheld as TLP:RED (as the reports do): none of its free
    // values is echoed — the title is withheld, phase and severity only when they are well-formed.
    const red = recordIsRed(data);
    const rawTlp = data['tlp'];
    const tlp = rawTlp === undefined || rawTlp === null ? null : isTlp(rawTlp) ? rawTlp : '(invalid)';
    return {
      id: asString(data['id']) ?? asString(change.base?.data?.['id']) ?? idFromFileName(file) ?? file,
      file, previousFile, change: change.kind,
      // A TLP:RED record's phase is shown only when it is one of the lifecycle's (a typo may hold anything).
      phaseBefore: shownPhase(transition.phaseBefore, red, knownPhases), phaseAfter: shownPhase(transition.phaseAfter, red, knownPhases),
      gatesPassed: transition.gatesPassed, approvalsRequired: transition.approvalsRequired,
      title: red ? WITHHELD_TITLE : asString(data['title']) ?? '',
      severity: shownSeverity(asString(data['severity']) ?? null, red), tlp,
      errors: count([file], 'error'), warnings: count([file], 'warning'),
    };
  }).sort((a, b) => cmp(a.id, b.id) || cmp(a.file, b.file));
  const files = [...new Set(incidents.map((i) => i.file))].sort(cmp);
  const sev = (s: Diagnostic['severity']) => diags.filter((d) => d.severity === s).length;
  return {
    schema: 'incident-ledger/check-result@1', ...refs, files, incidents, diagnostics: diags,
    summary: { incidents: incidents.length, errors: sev('error'), warnings: sev('warning'), notices: sev('notice') },
  };
}

/** The validator and the transition rules both evaluate gates: keep one copy of each finding. */
export function dedupeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return sortDiagnostics(list).filter((d) => {
    const k = `${d.file}\0${d.line}\0${d.column}\0${d.rule}\0${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function shownPhase(phase: string | null, red: boolean, known: ReadonlySet<string> | undefined): string | null {
  if (phase === null || !red) return phase;
  return known?.has(phase) ? phase : '(withheld)';
}

function shownSeverity(severity: string | null, red: boolean): string | null {
  if (severity === null || !red) return severity;
  return /^sev[1-9]$/.test(severity) ? severity : '(withheld)';
}
