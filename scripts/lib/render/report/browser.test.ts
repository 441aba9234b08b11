import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../io/chromium.ts';
import { printPdfs } from '../../io/print-pdf.ts';
import { PACKAGE_ROOT } from '../../io/shipped-schemas.ts';
import { planReports, type PlannedFile } from './compile.ts';
import { fixedContext, loadSources } from './test-support.ts';
import { AUDIENCES } from './tlp.ts';

/**
 * Opens every HTML report and both dashboards in a real headless Chromium (Debian's `chromium`):
 * no console errors, no failed requests, no request other than the file itself, no horizontal
 * overflow; writes screenshots to out/screenshots/ for people to look at; prints the executive
 * briefs to PDF and checks each is one page. Skips, saying why, only when no Chromium is installed.
 */
const chromiumPath = await findChromium(process.env);
const SHOTS = join(PACKAGE_ROOT, 'out', 'screenshots');
const SCREENSHOTS: Record<string, string> = {
  'dashboard.png': 'index.html',
  'public-index.png': 'public/index.html',
  'executive.png': 'INC-20261118-R7WM/executive.html',
  'regulator.png': 'INC-20260920-F1NX/regulator.html',
  'insurer.png': 'INC-20260920-F1NX/insurer.html',
  'internal.png': 'INC-20261002-K3DN/internal.html',
  'public.png': 'public/INC-20260914-W3BS.html',
};

/** Why the test skips, where people look: the default reporter prints a skipped test's count, not its name. */
const NO_CHROMIUM_NOTE = 'Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; the real-browser report test is skipped';

if (!chromiumPath) {
  console.warn(NO_CHROMIUM_NOTE);
  describe('reports in a real browser', () => {
    it.skip(NO_CHROMIUM_NOTE, () => {});
  });
} else {
  describe('reports in a real browser', () => {
    let dir: string;
    let plan: PlannedFile[];
    let browser: Browser;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'reports-browser-'));
      const sources = await loadSources(PACKAGE_ROOT, ['incidents', 'scripts/lib/render/report/testdata/incidents']);
      plan = planReports(sources, fixedContext(), {
        audiences: AUDIENCES, formats: ['md', 'html'], dashboard: true,
        notices: [{ incident: 'INC-20261118-R7WM', regime: 'gdpr-art33', stage: 'initial', due_at: '2026-11-21T06:00:00Z', status: 'overdue' }],
      });
      for (const f of plan) {
        await mkdir(dirname(join(dir, f.path)), { recursive: true });
        await writeFile(join(dir, f.path), f.content);
      }
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
      mkdirSync(SHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('every page loads with no console error, no failed or outside request, and no sideways scrolling', async () => {
      const pages = plan.filter((f) => f.path.endsWith('.html'));
      expect(pages.length).toBeGreaterThan(20);
      const problems: string[] = [];
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      let current = { path: '', url: '' };
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${current.path}: console ${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`${current.path}: page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`${current.path}: request failed: ${r.url()}`));
      page.on('request', (r) => { if (r.url() !== current.url) problems.push(`${current.path}: unexpected request: ${r.url()}`); });
      for (const f of pages) {
        current = { path: f.path, url: pathToFileURL(join(dir, f.path)).href };
        const res = await page.goto(current.url, { waitUntil: 'load' });
        if (!res?.ok()) problems.push(`${f.path}: not loaded`);
        // Evaluated in the page (a string, so this Node-only project needs no DOM typings).
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as number;
        if (overflow > 0) problems.push(`${f.path}: ${overflow}px wider than the window`);
        if (!(await page.title())) problems.push(`${f.path}: no <title>`);
      }
      await context.close();
      expect(problems).toEqual([]);
    });

    it('writes screenshots of each kind of page to out/screenshots/', async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      for (const [name, path] of Object.entries(SCREENSHOTS)) {
        await page.goto(pathToFileURL(join(dir, path)).href, { waitUntil: 'load' });
        await page.screenshot({ path: join(SHOTS, name), fullPage: true });
        expect(statSync(join(SHOTS, name)).size, name).toBeGreaterThan(20_000);
      }
      await page.close();
    });

    it('prints every executive brief on exactly one A4 page, reproducibly', async () => {
      const jobs = plan.filter((f) => f.path.endsWith('/executive.html')).map((f) => ({ html: join(dir, f.path), pdf: join(dir, f.path.replace(/\.html$/, '.pdf')) }));
      expect(jobs.length).toBeGreaterThanOrEqual(6);
      const stamp = new Date('2026-12-01T09:00:00Z');
      await printPdfs(chromiumPath, jobs, stamp);
      for (const j of jobs) {
        const pdf = readFileSync(j.pdf).toString('latin1');
        expect(pdf.startsWith('%PDF-'), j.pdf).toBe(true);
        expect(pdf.match(/\/Type\s*\/Page\b/g)?.length, j.html).toBe(1);
      }
      const first = readFileSync(jobs[0]!.pdf);
      await printPdfs(chromiumPath, [jobs[0]!], stamp);
      expect(readFileSync(jobs[0]!.pdf).equals(first)).toBe(true);
    });
  });
}
