import { isIncidentPath } from '../io/incident-files.ts';
import { phasesLeft } from '../lifecycle/gates.ts';
import type { Lifecycle } from '../lifecycle/lifecycle.ts';
import { parseIncidentFile } from '../parse/incident-file.ts';
import type { ChangedFile } from './pr-files.ts';

export interface ApprovalRequirement { incident: string; file: string; phase: string; roles: string[] }

/**
 * Recomputes, from the files as they are at the base and head commits, which gates a pull request
 * passes that need approval. The privileged job trusts this, not the artifact's `approvalsRequired`.
 */
export async function requiredApprovals(
  lc: Lifecycle, files: readonly ChangedFile[], read: (sha: string, path: string) => Promise<string | undefined>,
  baseSha: string, headSha: string,
): Promise<ApprovalRequirement[]> {
  const out: ApprovalRequirement[] = [];
  for (const f of files) {
    if (!f.filename.startsWith('incidents/') || !isIncidentPath(f.filename) || f.status === 'removed') continue;
    const afterText = await read(headSha, f.filename);
    if (afterText === undefined) continue;
    const after = parseIncidentFile(f.filename, afterText).data;
    if (!after) continue;
    // A copy is a new incident: it must pass every approval gate itself, not inherit its source's.
    const beforePath = f.status === 'added' || f.status === 'copied' ? undefined : f.status === 'renamed' ? (f.previous_filename ?? f.filename) : f.filename;
    const beforeText = beforePath ? await read(baseSha, beforePath) : undefined;
    const before = beforeText !== undefined ? parseIncidentFile(beforePath!, beforeText).data : undefined;
    const already = new Set((before ? phasesLeft(lc, before) : []).map((p) => p.id));
    for (const p of phasesLeft(lc, after)) {
      if (already.has(p.id) || !p.gate?.approval?.from?.length) continue;
      out.push({ incident: String(after['id'] ?? f.filename), file: f.filename, phase: p.id, roles: [...p.gate.approval.from] });
    }
  }
  return out.sort((a, b) => (a.incident < b.incident ? -1 : a.incident > b.incident ? 1 : 0));
}
