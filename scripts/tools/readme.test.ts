// The README states what CI runs and the size limits of an incident file: checked against .ci/run
// and the limits in the code, so neither drifts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../lib/io/shipped-schemas.ts';
import { MAX_FILE_BYTES } from '../lib/parse/source-text.ts';
import { MAX_FRONT_MATTER_CHARS } from '../lib/parse/front-matter.ts';

const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
const ciRun = readFileSync(join(PACKAGE_ROOT, '.ci/run'), 'utf8');
const section = (title: string) => readme.slice(readme.indexOf(`## ${title}\n`), readme.indexOf('\n## ', readme.indexOf(`## ${title}\n`) + 1));

describe('README', () => {
  const testLine = readme.split('\n').find((l) => l.startsWith('npm ci && npm test'))!;
  it.each(['npm run typecheck', 'npm test', 'npm run test:conformance'])('the test command line names %s, which .ci/run runs', (command) => {
    expect(ciRun.split('\n').some((l) => l === command || l.startsWith(`${command} `))).toBe(true);
    expect(testLine).toContain(command);
    expect(testLine).not.toMatch(/\(what CI runs/);
  });

  it.each([
    ['an incident file', `at most ${MAX_FILE_BYTES / 2 ** 20} MiB (${MAX_FILE_BYTES.toLocaleString('en')} bytes)`],
    ['its front matter', `at most ${MAX_FRONT_MATTER_CHARS / 2 ** 10} KiB (${MAX_FRONT_MATTER_CHARS.toLocaleString('en')}\ncharacters)`],
  ])('the incident-record section gives the size limit of %s as in the code', (_what, text) => {
    expect(section('The incident record')).toContain(text);
  });
});
