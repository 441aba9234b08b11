import { checkLifecycle, type Lifecycle } from '../lifecycle/lifecycle.ts';
import { readShippedJson, readShippedYaml } from './shipped-schemas.ts';

let cached: Lifecycle | undefined;

/** The lifecycle shipped in schemas/lifecycle.yaml; throws (a configuration error) when invalid. */
export function shippedLifecycle(): Lifecycle {
  if (cached) return cached;
  const { lifecycle, errors } = checkLifecycle(readShippedYaml('schemas/lifecycle.yaml'), readShippedJson('schemas/lifecycle.schema.json') as object);
  if (!lifecycle) throw new Error(`schemas/lifecycle.yaml is invalid:\n${errors.join('\n')}`);
  return (cached = lifecycle);
}
