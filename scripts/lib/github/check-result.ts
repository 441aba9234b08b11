import type { ValidateFunction } from 'ajv/dist/2020.js';
import { readShippedJson } from '../io/shipped-schemas.ts';
import { createAjv } from '../validate/ajv.ts';

export type { CheckResult, CheckedIncident } from '../check/check-result.ts';
import type { CheckResult } from '../check/check-result.ts';
export type ResultDiagnostic = CheckResult['diagnostics'][number];

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
  return check<CheckResult>(compiled().result, data, 'check-result.json');
}

export function validateArtifactPr(data: unknown): Parsed<ArtifactPullRequest> {
  return check<ArtifactPullRequest>(compiled().pr, data, 'pr.json');
}

/** Parses JSON text without letting `__proto__` keys reach object prototypes. */
export function parseJsonSafely(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
}
