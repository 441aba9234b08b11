import { firstParentHistory, readObjects, repoRoot, resolveCommit, type CommitInfo } from '../io/git.ts';
import { INCIDENTS_DIR } from '../io/incident-files.ts';
import { incidentSides, unreadableBaseDiagnostics } from '../io/incident-versions.ts';
import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { checkTransition } from '../lifecycle/transitions.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { parseIncidentFile, type ParsedFile } from '../parse/incident-file.ts';
import { MAX_FILE_BYTES } from '../parse/source-text.ts';
import { dedupeDiagnostics } from './check-result.ts';
import { pairByIdentity, type ChangeSlot } from './pair-changes.ts';

/** A transition that broke the rules, with the commit that made it. */
export interface AuditViolation extends Diagnostic {
  /** Short sha (12 hex). */
  commit: string;
  sha: string;
  author: string;
  date: string;
  subject: string;
}

export interface AuditResult {
  schema: 'incident-ledger/audit-result@1';
  headSha: string;
  since: string | null;
  /** First-parent commits that changed incident files. */
  commits: number;
  /** Incident file versions compared. */
  versions: number;
  violations: AuditViolation[];
}

/** Commits whose blobs are read together (bounds memory on long histories). */
const CHUNK = 400;

/**
 * `incident audit`: replays the first-parent history of `head` commit by commit (each merge
 * against the main line before it, each direct push against its parent) and applies the same
 * transition rules as `incident check` to every incident version. Each version is read and
 * parsed once: it is the head of one commit and the base of the next that touches the file.
 */
export async function runAudit(cwd: string, opts: { since?: string; head?: string }): Promise<AuditResult> {
  const root = await repoRoot(cwd);
  const headSha = await resolveCommit(root, opts.head ?? 'HEAD');
  const sinceSha = opts.since ? await resolveCommit(root, opts.since) : undefined;
  const history = await firstParentHistory(root, headSha, sinceSha, [INCIDENTS_DIR]);
  const lifecycle = shippedLifecycle();
  /** path → spec (`<sha>:<path>`) of its latest version seen in the replay. */
  const current = new Map<string, string>();
  const parsed = new Map<string, ParsedFile | undefined>();
  const violations: AuditViolation[] = [];
  let versions = 0;

  for (let start = 0; start < history.length; start += CHUNK) {
    const plans = history.slice(start, start + CHUNK).map((c) => planCommit(c, current, sinceSha));
    const need = [...new Set(plans.flatMap((p) => p.sides.flatMap((s) => [s.baseSpec, s.headSpec]).filter((x): x is string => Boolean(x) && !parsed.has(x!))))];
    const blobs = await readObjects(root, need, MAX_FILE_BYTES);
    const get = (spec: string | undefined): ParsedFile | undefined => {
      if (!spec) return undefined;
      if (!parsed.has(spec)) {
        const bytes = blobs.get(spec);
        parsed.set(spec, bytes ? parseIncidentFile(spec.slice(spec.indexOf(':') + 1), bytes) : undefined);
      }
      return parsed.get(spec);
    };
    for (const { commit, sides } of plans) {
      const slots: ChangeSlot[] = sides.map((s) => ({ base: get(s.baseSpec), head: get(s.headSpec) }));
      versions += slots.filter((s) => s.head).length;
      const found: Diagnostic[] = slots.flatMap((s) => unreadableBaseDiagnostics(s, `the parent commit`));
      for (const change of pairByIdentity(slots)) {
        found.push(...checkTransition({ lifecycle, kind: change.kind, base: change.base, head: change.head }).diagnostics);
      }
      for (const d of dedupeDiagnostics(found)) {
        if (d.severity === 'notice') continue;
        violations.push({ ...d, commit: commit.sha.slice(0, 12), sha: commit.sha, author: commit.author, date: commit.date, subject: commit.subject });
      }
      // A version used as a base is not needed again; heads stay until the file changes next.
      for (const s of sides) if (s.baseSpec && s.baseSpec !== s.headSpec) parsed.delete(s.baseSpec);
    }
  }
  return { schema: 'incident-ledger/audit-result@1', headSha, since: opts.since ?? null, commits: history.length, versions, violations };
}

interface Plan {
  commit: CommitInfo;
  sides: { baseSpec?: string; headSpec?: string }[];
}

/** Which version is the base of each changed file (its latest version so far) and which the head. */
function planCommit(commit: CommitInfo, current: Map<string, string>, sinceSha: string | undefined): Plan {
  const sides = incidentSides(commit.changes).map((s) => ({
    basePath: s.basePath, headPath: s.headPath,
    baseSpec: s.basePath ? current.get(s.basePath) ?? `${sinceSha ?? commit.parent}:${s.basePath}` : undefined,
    headSpec: s.headPath ? `${commit.sha}:${s.headPath}` : undefined,
  }));
  for (const s of sides) if (s.basePath) current.delete(s.basePath);
  for (const s of sides) if (s.headPath) current.set(s.headPath, s.headSpec!);
  return { commit, sides: sides.map(({ baseSpec, headSpec }) => ({ baseSpec, headSpec })) };
}
