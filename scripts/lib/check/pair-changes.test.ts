import { describe, expect, it } from 'vitest';
import { parseIncidentFile } from '../parse/incident-file.ts';
import { pairByIdentity, type ChangeSlot } from './pair-changes.ts';

const v = (file: string, id: string | null) => parseIncidentFile(file, id === null ? '---\nid: [\n---\n' : `---\nid: ${id}\ntitle: t\n---\n`);

/** [name, slots as git reports them, expected "kind base→head" per incident] */
const CASES: [string, ChangeSlot[], string[]][] = [
  ['modified in place', [{ base: v('a.md', 'INC-1'), head: v('a.md', 'INC-1') }], ['modified a.md→a.md']],
  ['git rename keeping the id', [{ base: v('a.md', 'INC-1'), head: v('b.md', 'INC-1') }], ['renamed a.md→b.md']],
  ['delete + add with the same id is a rename (git missed it)', [{ base: v('a.md', 'INC-1') }, { head: v('b.md', 'INC-1') }], ['renamed a.md→b.md']],
  ['id changed in place stays paired by path', [{ base: v('a.md', 'INC-1'), head: v('a.md', 'INC-2') }], ['modified a.md→a.md']],
  ['plain add and delete', [{ base: v('a.md', 'INC-1') }, { head: v('b.md', 'INC-2') }], ['added -→b.md', 'deleted a.md→-']],
  ['ids swapped between two files', [{ base: v('a.md', 'INC-1'), head: v('a.md', 'INC-2') }, { base: v('b.md', 'INC-2'), head: v('b.md', 'INC-1') }], ['renamed b.md→a.md', 'renamed a.md→b.md']],
  ['unreadable base stays paired by path', [{ base: v('a.md', null), head: v('a.md', 'INC-1') }], ['modified a.md→a.md']],
  ['unreadable deleted file is still a deletion', [{ base: v('a.md', null) }], ['deleted a.md→-']],
];

describe('pairByIdentity: an incident is its id, not its path', () => {
  it.each(CASES)('%s', (_name, slots, expected) => {
    expect(pairByIdentity(slots).map((c) => `${c.kind} ${c.base?.file ?? '-'}→${c.head?.file ?? '-'}`)).toEqual(expected);
  });
});
