import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../check/check-result.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { renderCheckSummary, renderValidateSummary } from './check-summary.ts';

const sha = (c: string) => c.repeat(40);

function result(diagnostics: Diagnostic[]): CheckResult {
  return {
    schema: 'incident-ledger/check-result@1', base: 'origin/main', baseSha: sha('a'), headSha: sha('b'), mergeBase: sha('c'),
    files: ['incidents/2026/INC-20261130-4HQP-x.md'],
    incidents: [{ id: 'INC-20261130-4HQP', file: 'incidents/2026/INC-20261130-4HQP-x.md', previousFile: null, change: 'modified',
      phaseBefore: 'notification', phaseAfter: 'investigation', gatesPassed: ['notification'], approvalsRequired: [{ phase: 'notification', from: ['legal'] }],
      title: 'Title with | pipe', severity: 'sev2', tlp: 'TLP:AMBER', errors: diagnostics.length, warnings: 0 }],
    diagnostics,
    summary: { incidents: 1, errors: diagnostics.length, warnings: 0, notices: 0 },
  };
}

const diag = (n: number): Diagnostic => ({ rule: 'append-only/edited', severity: 'error', file: 'incidents/2026/INC-20261130-4HQP-x.md', line: n, column: 1,
  message: `timeline entry ${n} was edited ${'x'.repeat(200)}`, hint: 'Restore it.' });

describe('renderCheckSummary', () => {
  it('renders the incident table row and the findings', () => {
    const md = renderCheckSummary(result([diag(27)]));
    expect(md).toContain('| INC\\-20261130\\-4HQP | Title with \\| pipe | modified | notification → investigation | notification | legal (leaving notification) | 1 | 0 |');
    expect(md).toContain('- **✖ error** incidents/2026/INC\\-20261130\\-4HQP\\-x\\.md:27:1 — timeline entry 27 was edited');
    expect(md).toContain('✖ 1 error, 0 warnings, 0 notices in 1 changed incident.');
  });

  it('stays within the byte limit and says how much was left out', () => {
    const many = Array.from({ length: 5000 }, (_, i) => diag(i + 1));
    const limit = 64 * 1024;
    const md = renderCheckSummary(result(many), limit);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(limit);
    const left = Number(/_(\d+) more rows not shown/.exec(md)?.[1]);
    const shown = md.split('\n').filter((l) => l.startsWith('- **')).length;
    expect(shown + left).toBe(5000);
    expect(shown).toBeGreaterThan(100);
  });

  it('with a full-size result stays under GitHub\'s 1 MiB', () => {
    const md = renderCheckSummary(result(Array.from({ length: 20_000 }, (_, i) => diag(i + 1))));
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('renderValidateSummary', () => {
  it('stays within the byte limit and says how many findings were left out', () => {
    const many = Array.from({ length: 5000 }, (_, i) => diag(i + 1));
    const md = renderValidateSummary(4000, many, 64 * 1024);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(64 * 1024);
    expect(md).toContain('✖ 5000 errors, 0 warning(s), 0 notice(s) in 4000 incident files.');
    const left = Number(/_(\d+) more finding\(s\) not shown/.exec(md)?.[1]);
    const shown = md.split('\n').filter((l) => l.startsWith('- **')).length;
    expect(shown + left).toBe(5000);
    expect(shown).toBeGreaterThan(100);
  });

  it('without findings is the verdict alone', () => {
    expect(renderValidateSummary(3, [])).toBe('## Incident validate\n\n✔ no errors, 0 warning(s), 0 notice(s) in 3 incident files.\n\n');
  });
});
