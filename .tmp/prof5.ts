import { collectIncidentFiles } from '../scripts/lib/io/incident-files.ts';
import { parseIncidentFile } from '../scripts/lib/parse/incident-file.ts';
import { reportSource } from '../scripts/lib/render/report/sources.ts';
import { renderReport } from '../scripts/lib/render/report/render-report.ts';
import { fixedContext } from '../scripts/lib/render/report/test-support.ts';
const dir = '/tmp/prof-bench3';
const { files } = await collectIncidentFiles(dir, []);
const parsed = files.map((f) => parseIncidentFile(f.path, f.bytes));
const sources = parsed.map((p, i) => reportSource(p as any, files[i]!.bytes));
const ctx = fixedContext();
let t = performance.now();
let bytes = 0;
for (const a of ['executive', 'regulator', 'insurer', 'internal', 'public'] as const) {
  const t0 = performance.now();
  for (const s of sources) { const r = renderReport(s, a, ctx); if (r) bytes += r.html.length + r.markdown.length; }
  console.log(a, Math.round(performance.now() - t0));
}
console.log('total', Math.round(performance.now() - t), bytes);
