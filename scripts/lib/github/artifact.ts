import { unzipSync } from 'fflate';
import type { RepoRef } from './actions-io.ts';
import type { GithubClient } from './client.ts';

// The PR-check artifact is written by a run a fork controls: it is data to be checked, never trusted.
// It is downloaded and unpacked in memory (nothing is written to disk, so no path can escape), with
// limits on the archive, on each entry and on the number of entries.

export const ARTIFACT_NAME = 'incident-check-result';
/**
 * Files the artifact may hold; anything else is ignored (and reported). The result is
 * `check-result.json` (what `incident check --result-file` writes; `report.json` is accepted as
 * another name for it); `pr.json` ({number, headSha}) is optional and only cross-checked.
 */
export const RESULT_FILES = ['check-result.json', 'report.json'] as const;
export const ARTIFACT_FILES = [...RESULT_FILES, 'pr.json'] as const;

export interface ArtifactLimits { maxZipBytes: number; maxEntryBytes: number; maxEntries: number }
export const DEFAULT_LIMITS: ArtifactLimits = { maxZipBytes: 10 * 1024 * 1024, maxEntryBytes: 32 * 1024 * 1024, maxEntries: 20 };

export class ArtifactError extends Error {}

export interface Extracted { files: Map<string, string>; ignored: string[] }

/** True for a plain relative file name: no `..`, no absolute path, no drive letter or backslash. */
export function isSafeEntryName(name: string): boolean {
  if (!name || name.length > 255 || name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name)) return false;
  if (/[\u0000-\u001f]/.test(name)) return false;
  return name.split('/').every((seg) => seg !== '..' && seg !== '.' && seg !== '');
}

export function extractArtifact(zip: Uint8Array, limits: ArtifactLimits = DEFAULT_LIMITS): Extracted {
  if (zip.byteLength > limits.maxZipBytes) throw new ArtifactError(`artifact is ${zip.byteLength} bytes; the limit is ${limits.maxZipBytes}`);
  const ignored: string[] = [];
  let entries = 0;
  let unsafe: string | undefined;
  let tooBig: string | undefined;
  let unpacked: Record<string, Uint8Array>;
  try {
    unpacked = unzipSync(zip, {
      filter: (f) => {
        entries++;
        if (!isSafeEntryName(f.name)) { unsafe ??= f.name; return false; }
        if (!(ARTIFACT_FILES as readonly string[]).includes(f.name)) { if (!f.name.endsWith('/')) ignored.push(f.name); return false; }
        if (f.originalSize > limits.maxEntryBytes) { tooBig ??= f.name; return false; }
        return true;
      },
    });
  } catch (e) {
    throw new ArtifactError(`artifact is not a readable zip archive: ${(e as Error).message}`);
  }
  if (unsafe !== undefined) throw new ArtifactError(`artifact entry ${JSON.stringify(unsafe.slice(0, 100))} is not a plain relative path (path traversal?); refusing the artifact`);
  if (entries > limits.maxEntries) throw new ArtifactError(`artifact holds ${entries} entries; at most ${limits.maxEntries} are expected`);
  if (tooBig !== undefined) throw new ArtifactError(`artifact entry ${tooBig} unpacks to more than ${limits.maxEntryBytes} bytes`);
  const files = new Map<string, string>();
  for (const [name, bytes] of Object.entries(unpacked)) {
    // The declared size is what the filter saw; the real one is checked too (a lying header).
    if (bytes.byteLength > limits.maxEntryBytes) throw new ArtifactError(`artifact entry ${name} unpacks to more than ${limits.maxEntryBytes} bytes`);
    files.set(name, new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  }
  return { files, ignored: ignored.sort() };
}

/** Downloads the named artifact of a workflow run as zip bytes, refusing oversized or expired ones. */
export async function downloadRunArtifact(gh: GithubClient, repo: RepoRef, runId: number, name: string, limits: ArtifactLimits = DEFAULT_LIMITS): Promise<Uint8Array | undefined> {
  const list = await gh.paginate(gh.rest.actions.listWorkflowRunArtifacts, { ...repo, run_id: runId, name, per_page: 100 });
  const found = list.filter((a) => a.name === name);
  if (!found.length) return undefined;
  const art = found[found.length - 1]!;
  if (art.expired) throw new ArtifactError(`artifact ${name} of run ${runId} has expired`);
  if (art.size_in_bytes > limits.maxZipBytes) throw new ArtifactError(`artifact ${name} is ${art.size_in_bytes} bytes; the limit is ${limits.maxZipBytes}`);
  const res = await gh.rest.actions.downloadArtifact({ ...repo, artifact_id: art.id, archive_format: 'zip' });
  const bytes = new Uint8Array(res.data as ArrayBuffer);
  if (bytes.byteLength > limits.maxZipBytes) throw new ArtifactError(`artifact ${name} is ${bytes.byteLength} bytes; the limit is ${limits.maxZipBytes}`);
  return bytes;
}
