import { buildCatalog, noticeGates } from '../deadlines/catalog.ts';
import type { RegimeCatalog } from '../deadlines/types.ts';
import { readShippedJson, readShippedYaml } from './shipped-schemas.ts';

let cached: RegimeCatalog | undefined;

/** The regimes shipped in schemas/regimes.yaml; throws (a configuration error) when invalid. */
export function shippedRegimes(): RegimeCatalog {
  if (cached) return cached;
  const { catalog, errors } = buildCatalog(readShippedYaml('schemas/regimes.yaml'), readShippedJson('schemas/regimes.schema.json') as object);
  if (!catalog) throw new Error(`schemas/regimes.yaml is invalid:\n${errors.join('\n')}`);
  return (cached = catalog);
}

/** First-stage regime ids and the regime ids each phase's exit gate enforces, from the shipped catalogue. */
export function shippedNoticeGates(): ReturnType<typeof noticeGates> {
  return noticeGates(shippedRegimes());
}
