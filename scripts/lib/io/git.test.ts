import { describe, expect, it } from 'vitest';
import { parseNameStatusZ } from './git.ts';

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
