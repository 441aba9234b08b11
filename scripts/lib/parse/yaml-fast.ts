import jsYaml from 'js-yaml';
import { isBoolSource, isNullSource, isNumberSource, resolvePlainScalar } from './yaml-scalars.ts';

/**
 * The fast reader: js-yaml (≈4x faster than the positional parser) with the same scalar rules as
 * yaml-positional.ts. Used when a file is expected to be clean; any error, anchor or alias sends the
 * file to the positional parser, whose verdict is authoritative.
 */
const schema = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsYaml.Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: isNullSource, construct: () => null }),
    new jsYaml.Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: isBoolSource, construct: resolvePlainScalar }),
    new jsYaml.Type('tag:yaml.org,2002:float', { kind: 'scalar', resolve: isNumberSource, construct: resolvePlainScalar }),
  ],
});

/** Text that may hold anchors, aliases, tags or merge keys: not for the fast path. */
const NEEDS_POSITIONAL = /[&*!]|<</;

export type FastResult = { ok: true; value: unknown } | { ok: false };

export function parseYamlFast(yaml: string): FastResult {
  if (NEEDS_POSITIONAL.test(yaml)) return { ok: false };
  try {
    return { ok: true, value: jsYaml.load(yaml, { schema, json: false }) };
  } catch {
    return { ok: false };
  }
}
