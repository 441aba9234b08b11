/**
 * A worker thread of `incident report` (see lib/io/parallel-report.ts for the protocol): parses its
 * share of the files as soon as it gets them, then renders and writes the ones the main thread
 * chose, and posts what the dashboards and checksums need.
 */
import { parentPort } from 'node:worker_threads';
import { renderShareMessage, shareSources, type ReportFilesMessage, type ReportRenderMessage } from '../../lib/io/parallel-report.ts';

const port = parentPort!;
port.once('message', (files: ReportFilesMessage) => {
  const sources = shareSources(files);
  port.once('message', (m: ReportRenderMessage) => {
    port.postMessage(renderShareMessage(sources, m));
  });
  port.postMessage({ ready: true });
});
