import { Validator } from '../validate/validator.ts';
import { shippedNoticeGates } from './regimes.ts';
import { shippedLifecycle } from './shipped-lifecycle.ts';
import { readShippedJson } from './shipped-schemas.ts';

let cached: Validator | undefined;

/** The validator configured with the shipped schema, lifecycle and regimes (compiled once per process). */
export function shippedValidator(): Validator {
  if (cached) return cached;
  const gates = shippedNoticeGates();
  return (cached = new Validator({
    schema: readShippedJson('schemas/incident.schema.json') as Record<string, unknown>,
    lifecycle: shippedLifecycle(),
    firstStageRegimes: gates.firstStage,
    noticeRules: gates.rules,
  }));
}
