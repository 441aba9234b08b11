import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestRepo } from '../check/test-repo.ts';
import { parseNameStatusZ, readObjects } from './git.ts';

describe('parseNameStatusZ', () => {
  it.each([
    ['plain statuses', 'M\0incidents/a.md\0A\0incidents/b.md\0D\0incidents/c.md\0', [
      { status: 'M', path: 'incidents/a.md' }, { status: 'A', path: 'incidents/b.md' }, { status: 'D', path: 'incidents/c.md' }]],
    ['renames and copies carry both paths', 'R087\0incidents/old.md\0incidents/new.md\0C100\0x.md\0y.md\0', [
      { status: 'R', oldPath: 'incidents/old.md', path: 'incidents/new.md' }, { status: 'C', oldPath: 'x.md', path: 'y.md' }]],
    ['paths with spaces, tabs, newlines, quotes and non-ASCII are taken verbatim', 'M\0incidents/a b\tc\nd "é".md\0', [
      { status: 'M', path: 'incidents/a b\tc\nd "é".md' }]],
    ['a type change counts as a modification', 'T\0incidents/a.md\0', [{ status: 'M', path: 'incidents/a.md' }]],
    ['git log -z: NUL + newline before the list', '\0\nA\0incidents/a.md\0', [{ status: 'A', path: 'incidents/a.md' }]],
    ['empty output', '', []],
  ])('%s', (_name, input, expected) => {
    expect(parseNameStatusZ(input)).toEqual(expected);
  });
});

describe('readObjects (one git cat-file --batch)', () => {
  it('reads many objects, reports missing ones, and caps oversized ones without holding them', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'read-objects-'));
    try {
      const repo = TestRepo.init(parent);
      const big = 'x'.repeat(3_000_000) + '\n';
      repo.write('a.md', 'alpha\n');
      repo.write('big.md', big);
      repo.write('sp ace.md', '\uFEFFcrlf\r\n');
      repo.commit('files');
      const specs = ['HEAD:a.md', 'HEAD:big.md', 'HEAD:nope.md', 'HEAD:sp ace.md', 'HEAD:a.md'];
      const got = await readObjects(repo.dir, specs, 1000);
      expect([...got.keys()]).toEqual(['HEAD:a.md', 'HEAD:big.md', 'HEAD:nope.md', 'HEAD:sp ace.md']);
      expect(new TextDecoder().decode(got.get('HEAD:a.md'))).toBe('alpha\n');
      expect(got.get('HEAD:big.md')!.length).toBe(1001);
      expect(got.get('HEAD:nope.md')).toBeUndefined();
      expect([...got.get('HEAD:sp ace.md')!]).toEqual([...new TextEncoder().encode('\uFEFFcrlf\r\n')]);
      const all = await readObjects(repo.dir, ['HEAD:big.md']);
      expect(all.get('HEAD:big.md')!.length).toBe(big.length);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
