/**
 * CI guard run by .github/workflows/incident-publish.yml before the Pages upload:
 *   npx tsx scripts/tools/check-public-subset.ts <out-dir>
 * Exit 0 when <out-dir>/public/ holds only publishable statements, 1 (with reasons) otherwise.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publicSubsetProblems, type PublicFile } from '../lib/render/report/public-guard.ts';

const outDir = process.argv[2] ?? 'out/reports';
const publicDir = join(outDir, 'public');
let index: { incidents?: { id?: unknown; tlp?: unknown }[] };
try {
  index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8'));
} catch {
  console.error(`error: ${join(outDir, 'index.json')} is missing or not JSON: run \`incident report\` (without ids) first`);
  process.exit(2);
}
const files: PublicFile[] = [];
const walk = (d: string): void => {
  for (const e of readdirSync(d)) {
    const abs = join(d, e);
    if (statSync(abs).isDirectory()) walk(abs);
    else files.push({ path: relative(publicDir, abs).split('\\').join('/'), text: readFileSync(abs, 'latin1') });
  }
};
walk(publicDir);
const problems = publicSubsetProblems(index, files);
for (const p of problems) console.error(`error: ${p}`);
console.log(problems.length ? `✖ ${problems.length} problem(s): the public subset must not be published` : `✔ public subset: ${files.length} files, all publishable`);
process.exit(problems.length ? 1 : 0);
