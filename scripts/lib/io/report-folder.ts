/**
 * The output folder of `incident report`: whether it is safe to write (and prune), what an earlier
 * run left in it, and which of its files belong to which incidents. File-system reads only; the
 * writing itself is output-files.ts.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { access, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseSums } from '../render/report/compile.ts';

/** An output folder as the user would recognise it: relative inside the working folder, absolute outside. */
export function shownOutDir(cwd: string, outDir: string): string {
  const rel = relative(cwd, outDir);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? outDir : rel;
}

/**
 * A full run deletes files it did not produce from its output folder, so the folder must be one the
 * report owns: never the repository (or a folder holding it), never inside incidents/, and never a
 * non-empty folder without the report's marker file (someone else's files would be removed).
 */
export async function unsafeOutDirProblem(cwd: string, outDir: string, owned: boolean): Promise<string | undefined> {
  const shownDir = shownOutDir(cwd, outDir);
  const inside = (parent: string, child: string) => {
    const rel = relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
  };
  // Where a path really leads: symbolic links in its existing part resolved (a link to the
  // repository must not smuggle --out into incidents/ or .git/).
  const real = (p: string): string => {
    let head = p;
    const tail: string[] = [];
    while (!existsSync(head) && dirname(head) !== head) { tail.unshift(basename(head)); head = dirname(head); }
    try { return join(realpathSync(head), ...tail); } catch { return p; }
  };
  const here = resolve(cwd);
  for (const [repo, out] of [[here, outDir], [real(here), real(outDir)]] as const) {
    if (inside(out, repo)) {
      return `--out ${shownDir} is the repository or a folder containing it; reports need a folder of their own, e.g. --out out/reports`;
    }
    for (const d of ['incidents', 'schemas', 'scripts', 'templates', '.github', '.git']) {
      if (inside(resolve(repo, d), out)) return `--out must not be inside ${d}/ (here: ${shownDir}); use a folder of its own, e.g. --out out/reports`;
    }
  }
  const kind = (() => { try { return statSync(outDir).isDirectory() ? 'dir' : 'other'; } catch { return 'none'; } })();
  if (kind === 'other') return `--out ${shownDir} is a file, not a folder; reports need a folder of their own, e.g. --out out/reports`;
  const entries = await readdir(outDir).catch(() => [] as string[]);
  if (entries.includes('.git')) return `--out ${shownDir} holds a git repository; reports need a folder of their own, e.g. --out out/reports`;
  if (!owned && entries.length > 0) {
    return `--out ${shownDir} is not empty and was not written by incident report (no .incident-ledger-reports marker); a full run removes files it did not produce, so choose an empty or new folder, e.g. --out out/reports`;
  }
  return undefined;
}

/** The file that marks a folder as written by `incident report` (a full run may then prune it). */
export const MARKER = '.incident-ledger-reports';

/**
 * What an earlier run left in an output folder the report owns: every file (relative,
 * `/`-separated; the ones this run may have to remove), and a problem when the folder holds a
 * symbolic link — a run would write through it, outside the folder.
 */
export async function earlierRun(cwd: string, outDir: string): Promise<{ files: string[]; problem?: string }> {
  const { files, links } = await listOutputTree(outDir);
  if (!links.length) return { files };
  return { files, problem: `--out ${shownOutDir(cwd, outDir)} holds a symbolic link (${links.slice(0, 3).join(', ')}${links.length > 3 ? ', …' : ''}); reports are never written through links, which could lead outside the folder: remove the link, or choose a new folder, e.g. --out out/reports-new` };
}

/** Every file under an output folder (relative, `/`-separated) and every symbolic link in it. */
async function listOutputTree(outDir: string): Promise<{ files: string[]; links: string[] }> {
  const files: string[] = [];
  const links: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      const rel = relative(outDir, abs).split(sep).join('/');
      if (e.isSymbolicLink()) links.push(rel);
      else if (e.isDirectory()) { if (e.name !== '.git') await walk(abs); }
      else files.push(rel);
    }
  };
  await walk(outDir);
  return { files, links };
}

/** Whether an output path is one of these incidents' reports: `<id>/…` or `public/<id>.<ext>`. */
export function ofIncidents(rel: string, ids: readonly string[]): boolean {
  const first = rel.slice(0, rel.indexOf('/'));
  if (ids.includes(first)) return true;
  const m = /^public\/([^/]+)\.[a-z]+$/.exec(rel);
  return m !== null && ids.includes(m[1]!);
}

/** A folder written by a full run: ours (marker) and holding the dashboard, which only a full run writes. */
export async function holdsFullCompile(outDir: string): Promise<boolean> {
  const exists = (f: string) => access(join(outDir, f)).then(() => true, () => false);
  return (await exists(MARKER)) && (await exists('index.json'));
}

/** Checksum lines of an earlier run's files this run did not rewrite (and that are still there). */
export async function carriedSums(outDir: string, written: ReadonlySet<string>) {
  const text = await readFile(join(outDir, 'SHA256SUMS'), 'utf8').catch(() => '');
  const kept = parseSums(text).filter((s) => !written.has(s.path) && s.path !== 'public/SHA256SUMS');
  const present = await Promise.all(kept.map((s) => access(join(outDir, s.path)).then(() => true, () => false)));
  return kept.filter((_, i) => present[i]);
}
