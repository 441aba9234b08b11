import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

let counter = 0;
/** Folders already made in this process: a compile writes thousands of files into a few folders. */
const made = new Set<string>();

/**
 * Generated output (reports, dashboards, PDFs): written via a temporary file in the same folder and a
 * rename, so readers never see half a file. Unlike atomic-write.ts (for editing incident records)
 * there is nothing to guard against: the files are rebuilt from the record on every run.
 */
export async function writeOutputFile(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  if (!made.has(dir)) {
    await mkdir(dir, { recursive: true });
    made.add(dir);
  }
  const tmp = `${path}.tmp-${process.pid}-${++counter}`;
  try {
    try {
      await writeFile(tmp, content);
    } catch (err) {
      // The folder went away since it was made (removed by someone else): make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(dir, { recursive: true });
      await writeFile(tmp, content);
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * The same, synchronously: for writing thousands of small files in a row, where the thread-pool
 * round trips of the promise API cost several times the write itself (measured: ~0.06 ms against
 * ~0.23 ms per file).
 */
export function writeOutputFileSync(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const tmp = `${path}.tmp-${process.pid}-${++counter}`;
  try {
    try {
      writeFileSync(tmp, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, content);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
