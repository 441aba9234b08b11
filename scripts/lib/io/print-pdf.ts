import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS } from './chromium.ts';
import { writeOutputFile } from './output-files.ts';

export interface PdfJob { html: string; pdf: string }

/**
 * Prints HTML files to PDF with a local Chromium through playwright-core (no browser download).
 * Requests other than the page itself are aborted: a report must not reach the network, even
 * when printed. Chromium stamps the wall-clock into /CreationDate and /ModDate; those are set to
 * `stamp` (same length, so the PDF's byte offsets stay valid) for reproducible files.
 */
export async function printPdfs(executablePath: string, jobs: readonly PdfJob[], stamp: Date): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    for (const job of jobs) {
      await page.goto(pathToFileURL(job.html).href, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true });
      await writeOutputFile(job.pdf, fixDates(pdf, stamp));
    }
  } finally {
    await browser.close();
  }
}

function fixDates(pdf: Uint8Array, stamp: Date): Uint8Array {
  const d = stamp.toISOString();
  const value = `D:${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}`;
  const text = Buffer.from(pdf).toString('latin1');
  const fixed = text.replace(/\/(CreationDate|ModDate)( ?)\(D:\d{14}/g, (_m, key: string, sp: string) => `/${key}${sp}(${value}`);
  return Buffer.from(renumberNodeIds(fixed), 'latin1');
}

/**
 * Tagged PDFs name structure elements `(node00000063)` from a counter inside Chromium that differs
 * between runs (measured: 1 print in 6). The ids are replaced by their rank among the document's
 * ids: the same length (offsets stay valid) and the same order (the ID name tree stays sorted).
 */
export function renumberNodeIds(text: string): string {
  const ids = [...new Set(text.match(/\(node\d{8}\)/g) ?? [])].sort();
  if (!ids.length) return text;
  const rank = new Map(ids.map((id, i) => [id, `(node${String(i + 1).padStart(8, '0')})`]));
  return text.replace(/\(node\d{8}\)/g, (id) => rank.get(id)!);
}

