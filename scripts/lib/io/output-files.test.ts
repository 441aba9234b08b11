import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputFolderWriter } from './output-files.ts';

let root: string;
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'output-files-')); });
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('outputFolderWriter', () => {
  it('fills a new folder out of sight and makes it appear whole on commit', () => {
    const out = join(root, 'out', 'reports');
    const w = outputFolderWriter(out);
    w.write('a/b.html', 'one');
    w.write('c.md', new TextEncoder().encode('two'));
    expect(existsSync(out)).toBe(false);
    w.commit();
    expect(readFileSync(join(out, 'a/b.html'), 'utf8')).toBe('one');
    expect(readFileSync(join(out, 'c.md'), 'utf8')).toBe('two');
    // Nothing else is left beside it: the staging folder became the output folder.
    expect(readdirSync(join(root, 'out'))).toEqual(['reports']);
  });

  it('on abort leaves neither the folder nor its staging folder', () => {
    const out = join(root, 'reports');
    const w = outputFolderWriter(out);
    w.write('x.md', 'partial');
    w.abort();
    expect(readdirSync(root)).toEqual([]);
  });

  it('replaces files one by one in an existing folder, keeping the others', () => {
    const out = join(root, 'reports');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'kept');
    writeFileSync(join(out, 'x.md'), 'old');
    const w = outputFolderWriter(out);
    w.write('x.md', 'new');
    w.write('sub/y.md', 'y');
    expect(readFileSync(join(out, 'x.md'), 'utf8')).toBe('new');
    w.commit();
    expect(readdirSync(out).sort()).toEqual(['keep.txt', 'sub', 'x.md']);
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('kept');
  });

  it('with replace, builds the new folder beside the old one: untouched until commit, then exactly the new files', () => {
    const out = join(root, 'reports');
    mkdirSync(join(out, 'public'), { recursive: true });
    writeFileSync(join(out, 'public', 'withdrawn.html'), 'old statement');
    writeFileSync(join(out, 'x.md'), 'old');
    const w = outputFolderWriter(out, { replace: true });
    expect(w.replaces).toBe(true);
    w.write('x.md', 'new');
    w.write('sub/y.md', 'y');
    // Interrupted here, the earlier compile is whole: nothing of the new run is in it yet.
    expect(readFileSync(join(out, 'x.md'), 'utf8')).toBe('old');
    w.commit();
    expect(readdirSync(out).sort()).toEqual(['sub', 'x.md']);
    expect(readFileSync(join(out, 'x.md'), 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['reports']);
  });

  it('with replace, abort leaves the old folder exactly as it was', () => {
    const out = join(root, 'reports');
    mkdirSync(out);
    writeFileSync(join(out, 'x.md'), 'old');
    const w = outputFolderWriter(out, { replace: true });
    w.write('x.md', 'new');
    w.abort();
    expect(readdirSync(root)).toEqual(['reports']);
    expect(readFileSync(join(out, 'x.md'), 'utf8')).toBe('old');
  });

  it('refuses to move its files over a folder that appeared meanwhile, and leaves that folder alone', () => {
    const out = join(root, 'reports');
    const w = outputFolderWriter(out);
    w.write('x.md', 'ours');
    mkdirSync(out);
    writeFileSync(join(out, 'theirs.txt'), 'theirs');
    expect(() => w.commit()).toThrow(/appeared while the reports were compiled/);
    expect(readdirSync(root)).toEqual(['reports']);
    expect(readdirSync(out)).toEqual(['theirs.txt']);
  });
});

describe('outputFolderWriter, leftovers of killed runs', () => {
  it('removes staging folders of dead processes for the same output folder, and nothing else', () => {
    const deadPid = spawnSync('true').pid!;
    const alivePid = process.ppid;
    mkdirSync(join(root, `.reports.staging-${deadPid}-0123abcd`, 'INC-1'), { recursive: true });
    writeFileSync(join(root, `.reports.staging-${deadPid}-0123abcd`, 'INC-1', 'internal.md'), 'TLP:RED leftovers');
    mkdirSync(join(root, `.reports.staging-${alivePid}-0123abcd`));
    mkdirSync(join(root, `.other.staging-${deadPid}-0123abcd`));
    mkdirSync(join(root, `.reports.staging-${deadPid}-notahex1`));
    const w = outputFolderWriter(join(root, 'reports'));
    w.write('index.html', 'x');
    w.commit();
    expect(readdirSync(root).sort()).toEqual([`.other.staging-${deadPid}-0123abcd`, `.reports.staging-${alivePid}-0123abcd`, `.reports.staging-${deadPid}-notahex1`, 'reports'].sort());
  });

  it('removes its staging folder when interrupted (SIGINT), exiting 130', () => {
    const script = `
      const { outputFolderWriter } = await import(${JSON.stringify(new URL('./output-files.ts', import.meta.url).href)});
      const w = outputFolderWriter(${JSON.stringify(join(root, 'reports'))});
      w.write('a.md', 'TLP:RED half-written');
      process.kill(process.pid, 'SIGINT');
      setTimeout(() => {}, 5000);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(130);
    expect(readdirSync(root)).toEqual([]);
  });
});
