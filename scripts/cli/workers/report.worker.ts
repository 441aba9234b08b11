/**
 * A worker thread of `incident report` (see lib/io/parallel-report.ts for the protocol): reads and
 * parses its share, posts its ids; validates with the repository-wide ids and posts the front
 * matter of its valid incidents; then renders and writes the ones the main thread chose.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from '../../lib/io/incident-files.ts';
import { ReportShare, type PlanMessage, type RenderMessage } from '../../lib/io/parallel-report.ts';
import { installSchemaCache } from '../../lib/io/schema-cache.ts';
import { shippedValidator } from '../../lib/io/shipped-validator.ts';
import { workerInput } from '../../lib/io/workers.ts';

const port = parentPort!;
installSchemaCache();
const share = new ReportShare(workerInput<{ found: FoundFile[] }>(workerData).found);
port.once('message', (plan: PlanMessage) => {
  port.postMessage(share.load(plan));
  port.once('message', (m: RenderMessage) => { port.postMessage(share.render(m)); });
});
port.postMessage(share.ids());
shippedValidator(); // warm while the other shares finish parsing
