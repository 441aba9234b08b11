import type { Finding } from '../model/finding.ts';
import { crossFilePlan } from '../validate/validator.ts';
import { ValidateShare, type ShareResult, type ValidatePlanMessage } from '../validate/validate-share.ts';
import type { RepoFile } from './incident-files.ts';
import { shippedValidator } from './shipped-validator.ts';
import { nextMessage, startWorker } from './workers.ts';

/**
 * Validates `files` in `threads` threads (this one included) with exactly the result of one
 * Validator.validateFiles call: contiguous shares are parsed in parallel, their ids decide the
 * cross-file findings (crossFilePlan, the same function validateFiles uses), then each share
 * validates itself. Diagnostics come back unsorted; the caller sorts.
 */
export async function validateInThreads(files: readonly RepoFile[], threads: number, withSources: boolean): Promise<ShareResult> {
  const size = Math.ceil(files.length / threads);
  const shares = Array.from({ length: threads }, (_, k) => files.slice(k * size, (k + 1) * size));
  const workers = shares.slice(1).map((share) => startWorker('validate', { files: share }));
  try {
    const idsFromWorkers = workers.map((w) => nextMessage<{ ids: (string | undefined)[] }>(w));
    const mine = new ValidateShare(shares[0]!);
    const ids = [mine.ids(), ...(await Promise.all(idsFromWorkers)).map((m) => m.ids)].flat();
    const plan = crossFilePlan(files.map((f, i) => ({ file: f.path, id: ids[i] })));
    const local = (k: number): [number, Finding][] => [...plan.duplicates].filter(([i]) => i >= k * size && i < (k + 1) * size).map(([i, f]) => [i - k * size, f]);
    const knownIds = [...plan.knownIds];
    const results = workers.map((w, k) => {
      const answer = nextMessage<ShareResult>(w);
      w.postMessage({ knownIds, duplicates: local(k + 1), withSources } satisfies ValidatePlanMessage);
      return answer;
    });
    const all = [mine.finish(shippedValidator(), plan.knownIds, new Map(local(0)), withSources), ...(await Promise.all(results))];
    return { diagnostics: all.flatMap((r) => r.diagnostics), sources: all.flatMap((r) => r.sources), red: all.flatMap((r) => r.red) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
