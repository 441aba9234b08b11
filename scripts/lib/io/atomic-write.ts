import { createHash, randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What a file held when it was read for editing: the edit is written only if it still holds that. */
export interface FileSnapshot {
  path: string;
  bytes: Uint8Array;
  sha256: string;
  mtimeMs: number;
}

/** The file changed on disk between reading and writing (another editor, a git checkout). */
export class ConflictError extends Error {}

export async function readSnapshot(path: string): Promise<FileSnapshot> {
  const bytes = new Uint8Array(await readFile(path));
  const st = await stat(path);
  return { path, bytes, sha256: sha256(bytes), mtimeMs: st.mtimeMs };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Replaces (or creates) a file so that a crash at any moment leaves either the old or the new
 * content, never a mix: the bytes go to a temporary file in the same folder (same file system, so the
 * rename is atomic), are flushed with fsync, and the temporary file is renamed over the target; the
 * folder is flushed too so the rename itself survives a power cut.
 *
 * `expect` guards against lost updates: a snapshot means "only if the file still has this content"
 * (compared by hash; a touch that changes only the mtime is not a conflict), 'absent' means "only if
 * no file exists there yet" (done with link(), which never overwrites).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, expect: FileSnapshot | 'absent'): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = expect === 'absent' ? 0o644 : ((await stat(path)).mode & 0o777);
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    if (expect === 'absent') {
      try {
        await link(tmp, path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ConflictError(`${path} already exists; not overwritten`);
        throw err;
      }
      await unlink(tmp);
    } else {
      const now = new Uint8Array(await readFile(path));
      if (sha256(now) !== expect.sha256) throw new ConflictError(`${path} changed on disk since it was read; not overwritten (run the command again)`);
      await rename(tmp, path);
    }
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try { await d.sync(); } finally { await d.close(); }
  } catch {
    // Some file systems do not support fsync on a directory; the rename is still atomic there.
  }
}
