import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActionsEnvError, appendSummary, readEvent, repoFromEnv, setOutputs, SUMMARY_LIMIT_BYTES, workflowCommand } from './actions-io.ts';
import { parseOutputs } from './testing/actions-run.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'il-io-'));

describe('Actions file interface', () => {
  it('writes multi-line outputs that cannot inject further outputs', () => {
    const file = join(dir(), 'out');
    writeFileSync(file, '');
    setOutputs({ GITHUB_OUTPUT: file }, { body: 'line 1\nEOF\nevil=1', count: 3 });
    expect(parseOutputs(readFileSync(file, 'utf8'))).toEqual({ body: 'line 1\nEOF\nevil=1', count: '3' });
  });

  it('keeps the job summary under 1 MiB per step and says it cut', () => {
    const file = join(dir(), 'summary.md');
    writeFileSync(file, '');
    appendSummary({ GITHUB_STEP_SUMMARY: file }, 'x'.repeat(600_000));
    appendSummary({ GITHUB_STEP_SUMMARY: file }, 'é'.repeat(600_000));
    expect(statSync(file).size).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(readFileSync(file, 'utf8')).toMatch(/summary truncated: GitHub keeps at most 1 MiB per step/);
  });

  it('escapes workflow commands so text cannot start another one', () => {
    expect(workflowCommand('warning', 'a\n::error::pwned', 'x: y, z')).toBe('::warning title=x%3A y%2C z::a%0A::error::pwned\n');
  });

  it('explains a missing or malformed environment', () => {
    expect(() => repoFromEnv({})).toThrow(/GITHUB_REPOSITORY must be "<owner>\/<repo>"/);
    expect(() => readEvent({})).toThrow(ActionsEnvError);
    const bad = join(dir(), 'event.json');
    writeFileSync(bad, '[1]');
    expect(() => readEvent({ GITHUB_EVENT_PATH: bad })).toThrow(/does not hold a JSON object/);
  });
});
