import type { ValidateFunction } from 'ajv';
import { asArray, asString } from '../model/access.ts';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostic.ts';
import { toDiagnostic, type Finding } from '../model/finding.ts';
import { gateFindings, phasesLeft } from '../lifecycle/gates.ts';
import type { Lifecycle } from '../lifecycle/lifecycle.ts';
import type { GateContext, NoticeRule } from '../lifecycle/gate-context.ts';
import type { Section } from '../parse/sections.ts';
import type { ParsedFile } from '../parse/incident-file.ts';
import { compileShipped } from './ajv.ts';
import { FILE_RULES } from './rules/file-rules.ts';
import { exampleAt, schemaDiagnostics } from './schema-diagnostics.ts';

export interface ValidatorConfig {
  schema: Record<string, unknown>;
  lifecycle: Lifecycle;
  /** Regime ids whose notices are first-stage (from regimes.yaml); all applicable regimes when absent. */
  firstStageRegimes?: ReadonlySet<string>;
  /** Later-stage notices enforced per phase exit (from regimes.yaml); later gates enforce none when absent. */
  noticeRules?: readonly NoticeRule[];
}

export interface FileContext {
  knownIds?: ReadonlySet<string>;
}

/**
 * The one validator every command uses (validate, check, advance, report, import). The schema is
 * compiled once; each file gets schema diagnostics, the file rules and the gates of every phase it
 * has already left. Pure: data in, diagnostics out.
 */
export class Validator {
  readonly #validate: ValidateFunction;
  readonly #phaseIds: readonly string[];
  readonly #exampleOf: (field: string) => string | undefined;
  constructor(readonly config: ValidatorConfig) {
    this.#validate = compileShipped(config.schema);
    this.#phaseIds = config.lifecycle.phases.map((p) => p.id);
    this.#exampleOf = (field) => exampleAt(config.schema, field);
  }

  validateFile(parsed: ParsedFile, ctx: FileContext = {}): Diagnostic[] {
    const out = [...parsed.diagnostics];
    const data = parsed.data;
    if (!data) return out;
    if (!this.#validate(data)) out.push(...schemaDiagnostics(parsed, this.#validate.errors ?? [], this.config.schema));
    const findings: Finding[] = [];
    const input = { data, file: parsed.file, body: parsed.body, bodyStartLine: parsed.bodyStartLine, text: parsed.text, sections: parsed.sections, phases: this.#phaseIds };
    for (const rule of FILE_RULES) findings.push(...rule(input));
    const gateCtx = this.gateContext(parsed.sections, ctx.knownIds);
    for (const phase of phasesLeft(this.config.lifecycle, data)) findings.push(...gateFindings(data, phase, gateCtx));
    if (ctx.knownIds) findings.push(...referenceFindings(data, ctx.knownIds));
    out.push(...dedupe(findings).map((f) => toDiagnostic(parsed, f)));
    return sortDiagnostics(out);
  }

  /**
   * What the gates see besides the incident: every command that evaluates gates (validate, check,
   * advance) takes it from here, so they all enforce the same notices at the same phases.
   */
  gateContext(sections: readonly Section[], knownIds?: ReadonlySet<string>): GateContext {
    return { sections, knownIds, firstStageRegimes: this.config.firstStageRegimes, noticeRules: this.config.noticeRules, exampleOf: this.#exampleOf };
  }

  /** Validates a set of files together: adds repository rules (unique ids, references resolve). */
  validateFiles(files: readonly ParsedFile[], extraKnownIds: Iterable<string> = []): Diagnostic[] {
    const { knownIds, duplicates } = crossFilePlan(files.map((f) => ({ file: f.file, id: fileId(f) })), extraKnownIds);
    const out: Diagnostic[] = [];
    for (const f of files) {
      out.push(...this.validateFile(f, { knownIds }));
      const dup = duplicates.get(f.file);
      if (dup) out.push(toDiagnostic(f, dup));
    }
    return sortDiagnostics(out);
  }
}

/** The `id` of a parsed file, when it has a string one. */
export function fileId(f: ParsedFile): string | undefined {
  return asString(f.data?.['id']);
}

/**
 * What validating files together adds to validating each alone, decided from their ids only (so a
 * parallel run can decide it before any file is validated): the ids references may name, and a
 * duplicate-id finding for each file (by path) whose id another file of the set also carries.
 */
export function crossFilePlan(files: readonly { file: string; id?: string | undefined }[], extraKnownIds: Iterable<string> = []): { knownIds: Set<string>; duplicates: Map<string, Finding> } {
  const byId = new Map<string, string[]>();
  for (const f of files) if (f.id) byId.set(f.id, [...(byId.get(f.id) ?? []), f.file]);
  const duplicates = new Map<string, Finding>();
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    for (const file of group) duplicates.set(file, duplicateIdFinding(id, group.filter((g) => g !== file)));
  }
  return { knownIds: new Set([...byId.keys(), ...extraKnownIds]), duplicates };
}

function* referenceFindings(data: Record<string, unknown>, known: ReadonlySet<string>): Generator<Finding> {
  const dup = data['duplicate_of'];
  if (typeof dup === 'string' && dup !== data['id'] && !known.has(dup)) {
    yield { rule: 'references/unresolved', pointer: '/duplicate_of', which: 'value',
      message: `\`duplicate_of\` names \`${dup}\`, which is not an incident in this repository`,
      hint: 'Use the id of an existing incident (ls incidents/ shows them), e.g. `duplicate_of: INC-20261201-AB12`.' };
  }
  for (const [i, r] of asArray(data['related_incidents']).entries()) {
    if (typeof r === 'string' && r !== data['id'] && !known.has(r)) {
      yield { rule: 'references/unresolved', pointer: `/related_incidents/${i}`, which: 'value',
        message: `\`related_incidents[${i}]\` names \`${r}\`, which is not an incident in this repository`,
        hint: 'Use the id of an existing incident, or remove the entry.' };
    }
  }
  for (const [i, r] of asArray(data['recurring_with']).entries()) {
    if (typeof r === 'string' && !known.has(r)) {
      yield { rule: 'references/unresolved', pointer: `/recurring_with/${i}`, which: 'value',
        message: `\`recurring_with[${i}]\` names \`${r}\`, which is not an incident in this repository`, hint: 'Use the id of an existing incident.' };
    }
  }

}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.rule}|${f.pointer}|${f.line}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Duplicate ids against incidents outside the validated set (`validateFiles` sees only the files it
 * is given): `idIndex` maps every id in the repository to the files that carry it.
 */
export function duplicateIdDiagnostics(files: readonly ParsedFile[], idIndex: ReadonlyMap<string, readonly string[]>): Diagnostic[] {
  const validated = new Set(files.map((f) => f.file));
  const out: Diagnostic[] = [];
  for (const f of files) {
    const id = f.data?.['id'];
    if (typeof id !== 'string') continue;
    const others = (idIndex.get(id) ?? []).filter((p) => !validated.has(p));
    if (others.length) out.push(toDiagnostic(f, duplicateIdFinding(id, others)));
  }
  return out;
}

function duplicateIdFinding(id: string, others: readonly string[]): Finding {
  return { rule: 'id/duplicate', pointer: '/id', which: 'value',
    message: `id \`${id}\` is also used by ${others.join(', ')}; ids are unique across the repository`,
    hint: 'Keep the id on the incident that was merged first and give the other a new one (npm run incident -- new prints a collision-free id).' };
}
