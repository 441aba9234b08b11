/**
 * A worker thread of `incident validate` (see lib/io/parallel-validate.ts for the protocol): read and
 * parse the share, post its ids, then validate with the repository-wide ids and post the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readIncidentFiles, type FoundFile } from '../../lib/io/incident-files.ts';
import { installSchemaCache } from '../../lib/io/schema-cache.ts';
import { shippedValidator } from '../../lib/io/shipped-validator.ts';
import { workerInput } from '../../lib/io/workers.ts';
import { ValidateShare, type ValidatePlanMessage } from '../../lib/validate/validate-share.ts';

const port = parentPort!;
installSchemaCache();
const read = readIncidentFiles(workerInput<{ found: FoundFile[] }>(workerData).found);
const share = new ValidateShare(read.files, read.problems);
port.once('message', (m: ValidatePlanMessage) => {
  port.postMessage(share.finish(shippedValidator(), new Set(m.knownIds), new Map(m.duplicates), m.withSources));
});
port.postMessage({ ids: share.ids() });
shippedValidator(); // warm while the other shares finish parsing
