import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError, readSnapshot, writeFileAtomic } from './atomic-write.ts';
import { PACKAGE_ROOT } from './shipped-schemas.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
function tmp(): string { const d = mkdtempSync(join(tmpdir(), 'atomic-')); dirs.push(d); return d; }

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode and leaves no temporary file', async () => {
    const d = tmp();
    const f = join(d, 'x.md');
    writeFileSync(f, 'old');
    chmodSync(f, 0o640);
    await writeFileAtomic(f, new TextEncoder().encode('new'), await readSnapshot(f));
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(d)).toEqual(['x.md']);
  });

  it('refuses to overwrite a file that changed since it was read', async () => {
    const d = tmp();
    const f = join(d, 'x.md');
    writeFileSync(f, 'old');
    const snap = await readSnapshot(f);
    writeFileSync(f, 'someone else');
    await expect(writeFileAtomic(f, new TextEncoder().encode('mine'), snap)).rejects.toBeInstanceOf(ConflictError);
    expect(readFileSync(f, 'utf8')).toBe('someone else');
    expect(readdirSync(d)).toEqual(['x.md']);
  });

  it("creates with 'absent' but never overwrites an existing file", async () => {
    const d = tmp();
    const f = join(d, 'new.md');
    await writeFileAtomic(f, new TextEncoder().encode('first'), 'absent');
    await expect(writeFileAtomic(f, new TextEncoder().encode('second'), 'absent')).rejects.toBeInstanceOf(ConflictError);
    expect(readFileSync(f, 'utf8')).toBe('first');
    expect(readdirSync(d)).toEqual(['new.md']);
  });
});

describe('a process killed in the middle of writes', () => {
  it('leaves every file either old or new, never partial (SIGKILL at random moments)', async () => {
    const root = tmp();
    // Large, distinct contents so a torn write would show: 256 KiB each, differing throughout.
    const A = Buffer.alloc(256 * 1024, 'a');
    const B = Buffer.alloc(200 * 1024, 'b');
    writeFileSync(join(root, 'A'), A);
    writeFileSync(join(root, 'B'), B);
    const dir = join(root, 'files');
    mkdirSync(dir);
    for (let i = 0; i < 8; i++) writeFileSync(join(dir, `f${i}.md`), A);
    const child = join(PACKAGE_ROOT, 'scripts', 'lib', 'io', 'atomic-write.crash-child.ts');
    let flips = 0;
    for (let run = 0; run < 6; run++) {
      const p = spawn(process.execPath, ['--import', 'tsx', child, dir], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((res) => p.stdout.once('data', () => res()));
      await new Promise((r) => setTimeout(r, 40 + Math.floor(Math.random() * 160)));
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await exited;
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
        const bytes = readFileSync(join(dir, f));
        const isA = bytes.equals(A);
        const isB = bytes.equals(B);
        expect(isA || isB, `${f} after kill ${run} is neither old nor new (${bytes.length} bytes)`).toBe(true);
        if (isB) flips++;
      }
    }
    // The writer did run between the kills (otherwise this test would prove nothing).
    expect(flips).toBeGreaterThan(0);
    // A kill can leave a temporary file behind; it is a dotfile, which incident tools ignore.
    expect(readdirSync(dir).filter((n) => !n.endsWith('.md')).every((n) => n.startsWith('.') && n.endsWith('.tmp'))).toBe(true);
  });
});
