import { describe, expect, it } from 'vitest';
import { parseIncidentFile } from '../parse/incident-file.ts';
import { AUDIENCES } from '../render/report/tlp.ts';
import { reportSource } from '../render/report/sources.ts';
import { fixedContext } from '../render/report/test-support.ts';
import { renderSources } from './parallel-report.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './shipped-schemas.ts';

/**
 * One incident whose rendering throws must not take the others down, nor leave half its files.
 * The thrower is real: a body quoted 20,000 levels deep overflows the renderers' stack (validate
 * refuses it as body/too-deep, so only input no rule foresaw would reach this path in a compile).
 */
describe('renderSources', () => {
  const example = (name: string) => {
    const file = `incidents/2026/${name}`;
    const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
    return { file, text };
  };
  const source = (file: string, text: string) => {
    const parsed = parseIncidentFile(file, text);
    return reportSource(parsed as typeof parsed & { data: Record<string, unknown> }, text);
  };

  it('skips an incident whose rendering throws, writes none of its files, and renders the rest', () => {
    const good = example('INC-20261130-4HQP-payroll-phishing-report.md');
    const bad = example('INC-20261002-K3DN-credential-stuffing-customer-portal.md');
    const deep = bad.text.replace('## Summary\n', `## Summary\n\n${'>'.repeat(20_000)} deep\n\n`);
    const written: string[] = [];
    const out = renderSources([source(bad.file, deep), source(good.file, good.text)], fixedContext(), { audiences: AUDIENCES, formats: ['md', 'html'], dashboard: true }, (rel) => written.push(rel));
    expect(out.failed).toEqual([{ file: bad.file, message: 'RangeError' }]);
    expect(out.files).toEqual([bad.file, good.file]);
    expect(out.incidents[0]).toEqual({ reports: {}, statements: [] });
    expect(written.some((p) => p.startsWith('INC-20261002-K3DN/'))).toBe(false);
    expect(written.filter((p) => p.startsWith('INC-20261130-4HQP/')).length).toBeGreaterThanOrEqual(8);
    expect(out.sums.map((s) => s.path).sort()).toEqual([...written].sort());
  });
});
