import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAdvance } from './advance.ts';
import { runFmt } from './fmt.ts';
import { runLog } from './log.ts';
import { runNotify } from './notify.ts';
import { capture } from '../test-support.ts';
import type { EditDeps } from '../edit-session.ts';
import { formatIncidentText } from '../../lib/edit/plan-fmt.ts';
import { readShippedJson } from '../../lib/io/shipped-schemas.ts';
import { parseIncidentFile } from '../../lib/parse/incident-file.ts';
import { shippedValidator } from '../../lib/io/shipped-validator.ts';

/**
 * Random valid incidents (layout, comments, extensions, BOM, CRLF, awkward text) × random sequences of
 * log / notify / advance / fmt, run through the real commands on real files. After every step: the
 * file holds exactly the data a simple model expects, lines outside the edit are byte-identical, the
 * body never changes, and fmt is idempotent.
 */
const ID = 'INC-20261201-P7QX';
const FILE = `incidents/2026/${ID}-property.md`;
const KEY_ORDER = Object.keys((readShippedJson('schemas/incident.schema.json') as { properties: object }).properties);

const text = fc.stringMatching(/^[A-Za-z0-9 "':#,.{}\[\]&*!|>%@`\-ÄöüßÉ漢字]{1,40}$/).filter((s) => s.trim().length > 0);
const title = fc.oneof(text, fc.constantFrom('no', 'on', '0123', '3.10', 'Yes: "quoted" [x]', '- dash', '# hash')).map((t) => `Incident ${t}`.slice(0, 100));

const incident = fc.record({
  title,
  owner: fc.constantFrom('a.ng', 'r.haddad', 'Jane Doe', 'NO'),
  blockItems: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  extension: fc.constantFrom('none', 'first', 'middle', 'last'),
  comments: fc.boolean(),
  methodAfterTimestamps: fc.boolean(),
  summary: fc.boolean(),
  ambiguous: fc.constantFrom('', 'x-flag: no\n', 'x-version: 3.10\n', 'x-code: 0123\n'),
});
type Incident = typeof incident extends fc.Arbitrary<infer T> ? T : never;

function render(inc: Incident): string {
  const q = (s: string) => JSON.stringify(s);
  const item = (m: Record<string, string>) => inc.blockItems
    ? Object.entries(m).map(([k, v], i) => `${i ? '    ' : '  - '}${k}: ${q(v)}`).join('\n')
    : `  - { ${Object.entries(m).map(([k, v]) => `${k}: ${q(v)}`).join(', ')} }`;
  const ext = `${inc.comments ? '# organisation extension\n' : ''}x-ticket: { system: jira, key: "SEC-1" }${inc.comments ? '  # kept as is' : ''}\n${inc.ambiguous}`;
  const method = 'detection_method: user-reporting\n';
  const yaml = [
    inc.comments ? '# front matter comment\n' : '',
    inc.extension === 'first' ? ext : '',
    'schema_version: "1.0"\n', `id: ${ID}\n`, `title: ${q(inc.title)}\n`, 'phase: detection\n',
    'phase_history:\n', item({ phase: 'detection', entered_at: '2026-12-01T09:10:00Z', by: inc.owner }), '\n',
    'tlp: TLP:AMBER\n', 'determination: suspected\n',
    inc.methodAfterTimestamps ? '' : method,
    `reporter:\n  name: ${q(inc.owner)}\n  kind: internal\n`, `owner: ${q(inc.owner)}${inc.comments ? '   # commander' : ''}\n`,
    inc.extension === 'middle' ? ext : '',
    'timestamps:\n  detected_at: 2026-12-01T09:00:00Z\n  reported_at: 2026-12-01T09:05:00Z\n  acknowledged_at: 2026-12-01T09:10:00Z\n',
    inc.methodAfterTimestamps ? method : '',
    'timeline:\n', item({ at: '2026-12-01T09:00:00Z', by: inc.owner, kind: 'observation', entry: 'Detected' }), '\n',
    item({ at: '2026-12-01T09:10:00Z', by: inc.owner, kind: 'decision', entry: 'Acknowledged' }), '\n',
    inc.extension === 'last' ? ext : '',
    inc.comments ? '# end of front matter\n' : '',
  ].join('');
  const body = `\n## Summary\n\n${inc.summary ? 'A user reported a suspicious email; nothing clicked.' : '<!-- One paragraph. -->\nTODO: summarise the incident.'}\n\n## Scope\n\nTODO\n`;
  let t = `---\n${yaml}---\n${body}`;
  if (inc.crlf) t = t.replace(/\n/g, '\r\n');
  return (inc.bom ? '\uFEFF' : '') + t;
}

const step = fc.oneof(
  fc.record({ op: fc.constant('log' as const), entry: text, kind: fc.constantFrom('observation', 'action', 'decision', 'communication', 'evidence') }),
  fc.record({ op: fc.constant('notify' as const), party: fc.constantFrom('legal', 'executive', 'dpo'), recipient: text }),
  fc.record({ op: fc.constant('advance' as const) }),
  fc.record({ op: fc.constant('fmt' as const) }),
);

const lines = (s: string) => s.split(/(?<=\n)/);
const bodyOf = (s: string) => s.slice(s.indexOf('\n---', 4));

/** `old` lines appear in `now` in order, with exactly `inserted` new lines and `replaced` changed ones. */
function onlyInserted(old: string, now: string, inserted: number, replaced: RegExp | undefined): void {
  const a = lines(old).filter((l) => !replaced?.test(l));
  const b = lines(now).filter((l) => !replaced?.test(l));
  expect(b.length - a.length).toBe(inserted);
  let j = 0;
  for (const l of b) if (j < a.length && l === a[j]) j++;
  expect(j, 'every old line is still there, in order').toBe(a.length);
}

describe('property: authoring commands never lose or disturb data', () => {
  it('random incidents × random command sequences', async () => {
    await fc.assert(fc.asyncProperty(incident, fc.array(step, { minLength: 1, maxLength: 6 }), async (inc, steps) => {
      const root = mkdtempSync(join(tmpdir(), 'incident-prop-'));
      try {
        mkdirSync(join(root, 'incidents', '2026'), { recursive: true });
        const path = join(root, FILE);
        writeFileSync(path, render(inc));
        const read = () => readFileSync(path, 'utf8');
        const data = () => parseIncidentFile(FILE, readFileSync(path)).data!;
        expect(shippedValidator().validateFile(parseIncidentFile(FILE, readFileSync(path))).filter((d) => d.severity === 'error')).toEqual([]);
        // New list items take the list's style: one line, or one line per key for block items.
        const itemLines = (keys: number) => (inc.blockItems ? keys : 1);
        let minute = 0;
        const clock = () => new Date(Date.UTC(2026, 11, 2, 8, minute));
        const deps: EditDeps = { now: clock, identity: async () => 'a.ng', randomBytes: (n) => new Uint8Array(n) };
        for (const s of steps) {
          minute++;
          const at = clock().toISOString().replace('.000Z', 'Z');
          const before = read();
          const expected = structuredClone(data());
          const c = capture(root);
          if (s.op === 'log') {
            await runLog(c.io, ID, s.entry, { kind: s.kind }, deps);
            (expected['timeline'] as unknown[]).push({ at, by: 'a.ng', kind: s.kind, entry: s.entry.trim() });
            onlyInserted(before, read(), itemLines(4), undefined);
          } else if (s.op === 'notify') {
            await runNotify(c.io, ID, { stakeholder: s.party, stage: 'internal', recipient: s.recipient }, deps);
            const r = s.recipient.trim();
            const hadList = 'notifications' in expected;
            ((expected['notifications'] ??= []) as unknown[]).push({ stakeholder: s.party, stage: 'internal', recipient: r, sent_at: at, sent_by: 'a.ng' });
            (expected['timeline'] as unknown[]).push({ at, by: 'a.ng', kind: 'communication', entry: `Notice sent: ${s.party} (internal) to ${r}.` });
            // A first notice creates the `notifications:` list (one-line items); the timeline entry follows the timeline's style.
            onlyInserted(before, read(), (hadList ? 1 : 2) + itemLines(4), undefined);
          } else if (s.op === 'advance') {
            const { runCommand } = await import('../edit-session.ts');
            let exit = 0;
            await runCommand(c.io, (code) => { exit = code; }, () => runAdvance(c.io, ID, {}, deps));
            const canLeave = expected['phase'] === 'detection' && inc.summary;
            expect(exit).toBe(canLeave ? 0 : 1);
            if (canLeave) {
              expected['phase'] = 'preliminary-analysis';
              (expected['phase_history'] as unknown[]).push({ phase: 'preliminary-analysis', entered_at: at, by: 'a.ng' });
              (expected['timeline'] as unknown[]).push({ at, by: 'a.ng', kind: 'decision', entry: 'Phase detection → preliminary-analysis' });
              onlyInserted(before, read(), itemLines(3) + itemLines(4), /^phase: /);
            } else {
              expect(read()).toBe(before);
            }
          } else {
            await runFmt(c.io, [FILE], false);
            const once = read();
            const again = formatIncidentText(once, KEY_ORDER);
            expect(again).toEqual({ ok: true, text: once });
          }
          expect(data()).toEqual(expected);
          const now = read();
          expect(bodyOf(now)).toBe(bodyOf(before));
          expect(now.startsWith('\uFEFF')).toBe(inc.bom);
          expect(/(^|[^\r])\n/.test(now)).toBe(!inc.crlf);
          expect(shippedValidator().validateFile(parseIncidentFile(FILE, readFileSync(path))).filter((d) => d.severity === 'error')).toEqual([]);
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }), { numRuns: 60 });
  });
});
