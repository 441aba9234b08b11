import { Validator } from '../validate/validator.ts';
import { shippedLifecycle } from './shipped-lifecycle.ts';
import { readShippedJson } from './shipped-schemas.ts';

let cached: Validator | undefined;

/** The validator configured with the shipped schema and lifecycle (compiled once per process). */
export function shippedValidator(): Validator {
  return (cached ??= new Validator({
    schema: readShippedJson('schemas/incident.schema.json') as Record<string, unknown>,
    lifecycle: shippedLifecycle(),
  }));
}
