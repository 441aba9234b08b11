/**
 * A worker thread of `incident report` (see lib/io/parallel-report.ts): waits for its share of the
 * incidents, renders and writes their reports, and posts what the dashboards and checksums need.
 */
import { parentPort } from 'node:worker_threads';
import { renderShareMessage, type ReportShareMessage } from '../../lib/io/parallel-report.ts';

const port = parentPort!;
port.once('message', (m: ReportShareMessage) => {
  port.postMessage(renderShareMessage(m));
});
port.postMessage({ ready: true });
