import { collectIncidentFiles } from '../../io/incident-files.ts';
import { shippedLifecycle } from '../../io/shipped-lifecycle.ts';
import { parseIncidentFile } from '../../parse/incident-file.ts';
import type { ReportContext } from './context.ts';
import { reportSource } from './sources.ts';
import type { ReportSource } from './view.ts';

/** Shared by the report tests and the bench: a fixed context and sources read from real files. */
export function fixedContext(overrides: Partial<ReportContext> = {}): ReportContext {
  const lc = shippedLifecycle();
  return {
    commit: '5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed',
    generatedAt: '2026-12-01T09:00:00Z',
    phaseTitles: Object.fromEntries(lc.phases.map((p) => [p.id, p.title])),
    phaseOrder: lc.phases.map((p) => p.id),
    toolVersion: 'test',
    ...overrides,
  };
}

export async function loadSources(root: string, paths: readonly string[]): Promise<ReportSource[]> {
  const { files, problems } = await collectIncidentFiles(root, paths);
  if (problems.length) throw new Error(problems.map((p) => p.message).join('\n'));
  return files.map((f) => {
    const parsed = parseIncidentFile(f.path, f.bytes);
    if (!parsed.data) throw new Error(`${f.path}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
    return reportSource(parsed as typeof parsed & { data: Record<string, unknown> }, f.bytes);
  });
}
