import { describe, expect, it } from 'vitest';
import { changedKeys, diffEntries, type EntryDiff } from './entry-diff.ts';

const a = { at: '2026-11-30T08:31:00Z', entry: 'a' };
const b = { at: '2026-11-30T08:34:00Z', entry: 'b' };
const c = { at: '2026-11-30T08:52:00Z', entry: 'c' };
const d = { at: '2026-11-30T09:00:00Z', entry: 'd' };

describe('diffEntries: how an append-only list changed', () => {
  const cases: [string, unknown[], unknown[], EntryDiff][] = [
    ['unchanged', [a, b, c], [a, b, c], { kept: [[0, 0], [1, 1], [2, 2]], edited: [], removed: [], moved: [], added: [] }],
    ['appended', [a, b], [a, b, c], { kept: [[0, 0], [1, 1]], edited: [], removed: [], moved: [], added: [2] }],
    ['inserted in the middle', [a, c], [a, b, c], { kept: [[0, 0], [1, 2]], edited: [], removed: [], moved: [], added: [1] }],
    ['edited in place', [a, b, c], [a, { ...b, entry: 'B' }, c], { kept: [[0, 0], [2, 2]], edited: [[1, 1]], removed: [], moved: [], added: [] }],
    ['removed', [a, b, c], [a, c], { kept: [[0, 0], [2, 1]], edited: [], removed: [1], moved: [], added: [] }],
    ['removed and another appended', [a, b, c], [a, c, d], { kept: [[0, 0], [2, 1]], edited: [], removed: [1], moved: [], added: [2] }],
    ['swapped', [a, b, c], [a, c, b], { kept: [[0, 0], [2, 1]], edited: [], removed: [], moved: [[1, 2]], added: [] }],
    ['key order is not a change', [{ at: 1, by: 2 }], [{ by: 2, at: 1 }], { kept: [[0, 0]], edited: [], removed: [], moved: [], added: [] }],
    ['duplicates matched one to one', [a, a], [a], { kept: [[0, 0]], edited: [], removed: [1], moved: [], added: [] }],
    ['emptied', [a, b], [], { kept: [], edited: [], removed: [0, 1], moved: [], added: [] }],
  ];
  it.each(cases)('%s', (_name, base, head, expected) => {
    expect(diffEntries(base, head)).toEqual(expected);
  });

  it('changedKeys names the keys whose values differ, added and removed ones included', () => {
    expect(changedKeys({ at: 1, by: 'x', entry: 'e' }, { at: 1, by: 'y', tlp: 'TLP:RED', entry: 'e' })).toEqual(['by', 'tlp']);
  });
});
