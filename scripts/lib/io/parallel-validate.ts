import { crossFilePlan } from '../validate/validator.ts';
import { ValidateShare, type ShareResult, type ValidatePlanMessage } from '../validate/validate-share.ts';
import { readIncidentFiles, type FoundFile } from './incident-files.ts';
import { shippedValidator } from './shipped-validator.ts';
import { contiguousShares, nextMessage, startWorker } from './workers.ts';

/**
 * Validates `files` in `threads` threads (this one included) with exactly the result of one
 * Validator.validateFiles call: contiguous shares are parsed in parallel, their ids decide the
 * cross-file findings (crossFilePlan, the same function validateFiles uses), then each share
 * validates itself. Diagnostics come back unsorted; the caller sorts.
 */
export async function validateInThreads(files: readonly FoundFile[], threads: number, withSources: boolean): Promise<ShareResult> {
  const shares = contiguousShares(files, threads);
  const workers = shares.slice(1).map((share) => startWorker('validate', { found: share }));
  try {
    const idsFromWorkers = workers.map((w) => handled(nextMessage<{ ids: ReturnType<ValidateShare['ids']> }>(w)));
    const read = readIncidentFiles(shares[0]!);
    const mine = new ValidateShare(read.files, read.problems);
    // Shares are contiguous runs of the sorted list, so concatenating keeps the one-thread order.
    const plan = crossFilePlan([mine.ids(), ...(await Promise.all(idsFromWorkers)).map((m) => m.ids)].flat());
    const message: ValidatePlanMessage = { knownIds: [...plan.knownIds], duplicates: [...plan.duplicates], withSources };
    const results = workers.map((w) => {
      const answer = handled(nextMessage<ShareResult>(w));
      w.postMessage(message);
      return answer;
    });
    const all = [mine.finish(shippedValidator(), plan.knownIds, plan.duplicates, withSources), ...(await Promise.all(results))];
    return { files: all.flatMap((r) => r.files), diagnostics: all.flatMap((r) => r.diagnostics), sources: all.flatMap((r) => r.sources), red: all.flatMap((r) => r.red) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** `p`, marked as handled: if this thread fails first, terminating the workers rejects answers nobody awaits any more. */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}
