import type { ValidateFunction } from 'ajv/dist/2020.js';
import { readShippedJson } from '../io/shipped-schemas.ts';
import { createAjv } from '../validate/ajv.ts';

/** The JSON `incident check --format json` prints (see the check-result contract). */
export interface CheckResult {
  schema: 'incident-ledger/check-result@1';
  base?: string;
  baseSha?: string;
  headSha: string;
  mergeBase?: string;
  files: string[];
  incidents: CheckedIncident[];
  diagnostics: ResultDiagnostic[];
  summary: { incidents: number; errors: number; warnings: number; notices?: number };
}

export interface ApprovalNeed { phase: string; from: string[] }

export interface CheckedIncident {
  id: string;
  file: string;
  previousFile?: string | null;
  change: 'added' | 'modified' | 'renamed' | 'deleted';
  phaseBefore: string | null;
  phaseAfter: string | null;
  gatesPassed?: string[];
  approvalsRequired?: ApprovalNeed[];
  title?: string | null;
  severity?: string | null;
  tlp?: string | null;
  errors?: number;
  warnings?: number;
}

export interface ResultDiagnostic {
  rule: string; severity: 'error' | 'warning' | 'notice'; file: string;
  line?: number; column?: number; message: string; hint?: string; path?: string;
}

/** pr.json of the artifact: only ever cross-checked against trusted event data. */
export interface ArtifactPullRequest { number?: number; headSha?: string }

let validators: { result: ValidateFunction; pr: ValidateFunction } | undefined;
function compiled() {
  if (!validators) {
    const ajv = createAjv();
    const schema = readShippedJson('schemas/check-result.schema.json') as { $id: string };
    ajv.addSchema(schema);
    validators = { result: ajv.getSchema(schema.$id)!, pr: ajv.compile({ $ref: `${schema.$id}#/$defs/pullRequest` }) };
  }
  return validators;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function check<T>(v: ValidateFunction, data: unknown, what: string): Parsed<T> {
  if (v(data)) return { ok: true, value: data as T };
  return { ok: false, errors: (v.errors ?? []).slice(0, 10).map((e) => `${what}${e.instancePath || ''}: ${e.message ?? 'invalid'}`) };
}

/** Validates parsed JSON against schemas/check-result.schema.json. */
export function validateCheckResult(data: unknown): Parsed<CheckResult> {
  return check<CheckResult>(compiled().result, data, 'report.json');
}

export function validateArtifactPr(data: unknown): Parsed<ArtifactPullRequest> {
  return check<ArtifactPullRequest>(compiled().pr, data, 'pr.json');
}

/** Parses JSON text without letting `__proto__` keys reach object prototypes. */
export function parseJsonSafely(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
}
