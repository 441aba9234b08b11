import { chromium } from '/work/wt-5/node_modules/playwright-core/index.mjs';
import { pathToFileURL } from 'node:url';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await b.newPage({ viewport: { width: 1100, height: 900 } });
for (const [f, out] of process.argv.slice(2).map((a) => a.split('='))) {
  await page.goto(pathToFileURL(f!).href);
  await page.screenshot({ path: out!, fullPage: true });
}
await b.close();
