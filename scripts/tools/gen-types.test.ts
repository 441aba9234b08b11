import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../lib/io/shipped-schemas.ts';
import { generate, GENERATED } from './gen-types.ts';

describe('generated types', () => {
  it.each(GENERATED)('$out is up to date with $schema (run npm run gen:types)', async ({ schema, out, name }) => {
    expect(readFileSync(join(PACKAGE_ROOT, out), 'utf8')).toBe(await generate(schema, name));
  });
});
