/**
 * Generates TypeScript types from the shipped JSON Schemas, so the schema stays the single source of
 * truth. Run `npm run gen:types` after editing a schema; a test fails when the output is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { PACKAGE_ROOT, readShippedJson } from '../lib/io/shipped-schemas.ts';

export const GENERATED: readonly { schema: string; out: string; name: string }[] = [
  { schema: 'schemas/incident.schema.json', out: 'scripts/lib/model/generated/incident.ts', name: 'Incident' },
  { schema: 'schemas/lifecycle.schema.json', out: 'scripts/lib/model/generated/lifecycle.ts', name: 'Lifecycle' },
];

export async function generate(schemaPath: string, name: string): Promise<string> {
  const schema = readShippedJson(schemaPath) as Record<string, unknown>;
  return compile({ ...schema, title: name }, name, {
    bannerComment: `/* Generated from ${schemaPath} by scripts/tools/gen-types.ts — do not edit; run npm run gen:types. */`,
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: false,
    format: true,
    style: { singleQuote: true, printWidth: 110 },
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  for (const g of GENERATED) writeFileSync(join(PACKAGE_ROOT, g.out), await generate(g.schema, g.name));
}
