import { describe, expect, it } from 'vitest';
import { applyOps, expectedData, type EditOp } from './ops.ts';
import { formatIncidentText, isAmbiguousPlainString } from './plan-fmt.ts';
import { fillTemplate, incidentId, slugify } from './new-incident.ts';
import { renderScalar } from './scalar.ts';
import { verifyEdit } from './verify.ts';
import { parseIncidentFile } from '../parse/incident-file.ts';

const BODY = '\n## Summary\n\nText stays.\n';
const doc = (yaml: string) => `---\n${yaml}---${BODY}`;
const entry = { at: '2026-12-03T10:00:00Z', by: 'a.ng', kind: 'action', entry: 'Said "no": on' };
const newLine = '{ at: "2026-12-03T10:00:00Z", by: a.ng, kind: action, entry: "Said \\"no\\": on" }';

/** Applies, checks the data against the intended data with the project parser, returns the text. */
function edit(text: string, ops: EditOp[]): string {
  const r = applyOps(text, ops);
  if (!r.ok) throw new Error(r.error);
  const before = parseIncidentFile('f.md', text).data!;
  expect(verifyEdit('f.md', new TextEncoder().encode(r.text), expectedData(before, ops))).toBeUndefined();
  return r.text;
}

describe('planned edits change only the intended bytes', () => {
  const cases: [string, string, EditOp[], string][] = [
    ['append to one-line items, keeping a trailing comment',
      'id: X\ntimeline:\n  - { at: 2026-12-03T09:00:00Z, by: b, kind: observation, entry: "x" }  # first\n# tail comment\nowner: b\n',
      [{ op: 'insert', key: 'timeline', item: entry }],
      `id: X\ntimeline:\n  - { at: 2026-12-03T09:00:00Z, by: b, kind: observation, entry: "x" }  # first\n  - ${newLine}\n# tail comment\nowner: b\n`],
    ['insert in time order before the first item',
      'timeline:\n- { at: 2026-12-03T11:00:00Z, by: b, kind: observation, entry: "x" }\n',
      [{ op: 'insert', key: 'timeline', item: entry, index: 0 }],
      `timeline:\n- ${newLine}\n- { at: 2026-12-03T11:00:00Z, by: b, kind: observation, entry: "x" }\n`],
    ['append to block-map items in their own style',
      'timeline:\n  - at: 2026-12-03T09:00:00Z\n    by: b\n    kind: observation\n    entry: |\n      multi\n      line\nowner: b\n',
      [{ op: 'insert', key: 'timeline', item: { at: 'x', by: 'c' } }],
      'timeline:\n  - at: 2026-12-03T09:00:00Z\n    by: b\n    kind: observation\n    entry: |\n      multi\n      line\n  - at: x\n    by: c\nowner: b\n'],
    ['append to a flow list', 'tags: [a, b]   # c\n', [{ op: 'insert', key: 'tags', item: { k: 'v' } }], 'tags: [a, b, { k: v }]   # c\n'],
    ['fill an empty list', 'timeline: []\nowner: b\n', [{ op: 'insert', key: 'timeline', item: { k: 'v' } }], 'timeline:\n  - { k: v }\nowner: b\n'],
    ['fill an empty value', 'timeline:\nowner: b\n', [{ op: 'insert', key: 'timeline', item: { k: 'v' } }], 'timeline:\n  - { k: v }\nowner: b\n'],
    ['add a missing list at the end', 'owner: b\n', [{ op: 'insert', key: 'notifications', item: { stage: 'internal' } }], 'owner: b\nnotifications:\n  - { stage: internal }\n'],
    ['set a scalar, keeping its comment', 'phase: detection   # now\nowner: b\n', [{ op: 'set', path: ['phase'], value: 'logging' }], 'phase: logging   # now\nowner: b\n'],
    ['set a nested scalar in a block map', 'timestamps:\n  detected_at: 2026-12-03T09:00:00Z # c\nowner: b\n', [{ op: 'set', path: ['timestamps', 'declared_at'], value: '2026-12-03T10:00:00Z' }],
      'timestamps:\n  detected_at: 2026-12-03T09:00:00Z # c\n  declared_at: "2026-12-03T10:00:00Z"\nowner: b\n'],
    ['set a nested scalar in a flow map', 'category: { class: x }\n', [{ op: 'set', path: ['category', 'type'], value: 'no' }], 'category: { class: x, type: "no" }\n'],
    ['create missing parents', 'owner: b\n', [{ op: 'set', path: ['root_cause', 'summary'], value: 'Weak password' }], 'owner: b\nroot_cause:\n  summary: "Weak password"\n'],
  ];
  for (const [name, before, ops, after] of cases) {
    it(name, () => expect(edit(doc(before), ops)).toBe(doc(after)));
  }

  it('keeps a BOM and CRLF line ends, writing new lines with CRLF', () => {
    const crlf = '\uFEFF' + doc('id: X\ntimeline:\n  - { k: a }\n').replace(/\n/g, '\r\n');
    const out = edit(crlf, [{ op: 'insert', key: 'timeline', item: { k: 'b' } }, { op: 'set', path: ['id'], value: 'Z' }]);
    expect(out).toBe('\uFEFF' + doc('id: Z\ntimeline:\n  - { k: a }\n  - { k: b }\n').replace(/\n/g, '\r\n'));
  });

  it('keeps mixed line ends outside the edit exactly', () => {
    const mixed = '---\r\nid: X\nlist:\r\n  - { k: a }\r\n---\nbody\r\n';
    expect(edit(mixed, [{ op: 'insert', key: 'list', item: { k: 'b' } }])).toBe('---\r\nid: X\nlist:\r\n  - { k: a }\r\n  - { k: b }\r\n---\nbody\r\n');
  });

  it('refuses what it cannot edit safely instead of guessing', () => {
    expect(applyOps(doc('phase: [a]\n'), [{ op: 'set', path: ['phase'], value: 'x' }])).toEqual({ ok: false, error: '`phase` holds a list or mapping, not a single value' });
    // Comments above an entry label it: an entry inserted before it goes above them.
    expect(applyOps(doc('timeline:\n  # first entry\n  - { at: b }\n  # second\n  - { at: c }\n'), [{ op: 'insert', key: 'timeline', item: { at: 'a' }, index: 0 }]))
      .toEqual({ ok: true, text: doc('timeline:\n  - { at: a }\n  # first entry\n  - { at: b }\n  # second\n  - { at: c }\n') });
    expect(applyOps(doc('timeline:\n  # first entry\n  - { at: b }\n  # second\n  - { at: c }\n'), [{ op: 'insert', key: 'timeline', item: { at: 'bb' }, index: 1 }]))
      .toEqual({ ok: true, text: doc('timeline:\n  # first entry\n  - { at: b }\n  - { at: bb }\n  # second\n  - { at: c }\n') });
    expect(applyOps(doc('owner: b\n'), [{ op: 'insert', key: 'owner', item: { k: 'v' } }])).toMatchObject({ ok: false });
    expect(applyOps('no front matter', [{ op: 'set', path: ['a'], value: 'b' }])).toMatchObject({ ok: false });
  });
});

describe('new scalars are quoted when any YAML reader could misread them', () => {
  const rows: [string, string][] = [['a.ng', 'a.ng'], ['TLP:AMBER', 'TLP:AMBER'], ['no', '"no"'], ['NO', '"NO"'], ['on', '"on"'], ['y', '"y"'],
    ['0123', '"0123"'], ['3.10', '"3.10"'], ['12:30', '"12:30"'], ['1:02:03.5', '"1:02:03.5"'], ['1e3', '"1e3"'], ['~', '"~"'], ['', '""'], ['2026-12-03T09:30:00Z', '"2026-12-03T09:30:00Z"'],
    ['General counsel', '"General counsel"'], ['a: b', '"a: b"'], ['- x', '"- x"'], ['#x', '"#x"'], ['line\nbreak', '"line\\nbreak"']];
  for (const [value, written] of rows) it(JSON.stringify(value), () => expect(renderScalar(value)).toBe(written));
});

describe('fmt', () => {
  const order = ['schema_version', 'id', 'title', 'phase', 'tlp', 'owner', 'timeline'];
  it('orders top-level keys by the schema, unknown keys after, x- keys last, each with its comments', () => {
    const before = doc('# header\nowner: b\n# about the title\ntitle: Something long enough\nx-ext: 1\nzzz: 2\nid: X  # id\n');
    const r = formatIncidentText(before, order);
    expect(r).toEqual({ ok: true, text: doc('# header\nid: X  # id\n# about the title\ntitle: Something long enough\nowner: b\nzzz: 2\nx-ext: 1\n') });
  });
  it('quotes ambiguous plain strings (keys too) but not numbers, booleans or times', () => {
    const before = doc('a: no\nb: [on, Off, 0123, 3.10, .inf, 12, true, 2026-12-03T09:30:00Z]\nc: { d: ~x, e: y }\nNO: 1\n');
    const r = formatIncidentText(before, []);
    expect(r).toEqual({ ok: true, text: doc('a: "no"\nb: ["on", "Off", "0123", "3.10", ".inf", 12, true, 2026-12-03T09:30:00Z]\nc: { d: ~x, e: "y" }\n"NO": 1\n') });
    expect(parseIncidentFile('f', (r as { text: string }).text).data).toEqual(parseIncidentFile('f', before).data);
  });
  it('is idempotent and leaves a canonical file alone', () => {
    const once = formatIncidentText(doc('owner: b\nid: no\n'), order);
    expect(once.ok && formatIncidentText(once.text, order)).toEqual(once);
  });
  it('knows which strings are ambiguous', () => {
    expect(['no', 'ON', '0o17', '1_000'].every(isAmbiguousPlainString)).toBe(true);
    expect(['a.ng', 'sev1', '2026-12-03', 'T1566.001'].some(isAmbiguousPlainString)).toBe(false);
  });
});

describe('new incident pieces', () => {
  it('ids are INC-<yyyymmdd>-<4 Crockford base32 chars>', () => {
    const d = new Date('2026-12-03T23:59:00Z');
    expect(incidentId(d, new Uint8Array([0, 0, 0]))).toBe('INC-20261203-0000');
    expect(incidentId(d, new Uint8Array([255, 255, 255]))).toBe('INC-20261203-ZZZZ');
    expect(incidentId(d, new Uint8Array([0x12, 0x34, 0x56]))).toBe('INC-20261203-28T5');
  });
  it('slugs are ASCII words', () => {
    expect(slugify('Ransomware on Café servers: 2 hosts!')).toBe('ransomware-on-cafe-servers-2-hosts');
    expect(slugify('!!!')).toBe('incident');
    expect(slugify('a'.repeat(60) + ' b').length).toBeLessThanOrEqual(48);
  });
  it.each([
    ['Leaked ghp_abcdefghijklmnopqrstuvwxyz0123456789 token', 'leaked-token'],
    ['AKIAIOSFODNN7EXAMPLE found in a public repo', 'found-in-a-public-repo'],
    ['Config with password=hunter2 pushed', 'config-with-pushed'],
    ['Bearer abcdefghijklmnopqrstuvwxyz123456 in logs', 'bearer-in-logs'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'incident'],
  ])('slugs leave out words that look like a credential: %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
  it('fills placeholders as YAML scalars, escaped inside quoted strings, and reports unknown ones', () => {
    const t = '---\ntitle: {{title}}  # c\nx: "Seen: {{title}}"\n---\n{{title}} {{nope}}\n';
    expect(fillTemplate(t, { title: 'Yes: "it" is' })).toEqual({ text: '---\ntitle: "Yes: \\"it\\" is"  # c\nx: "Seen: Yes: \\"it\\" is"\n---\nYes: "it" is {{nope}}\n', unknown: ['nope'] });
  });
});
