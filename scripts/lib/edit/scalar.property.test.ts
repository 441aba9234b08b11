import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseIncidentFile } from '../parse/incident-file.ts';
import { flowItem, blockItem } from './render-item.ts';
import { renderScalar } from './scalar.ts';
import { formatIncidentText } from './plan-fmt.ts';

/**
 * Whatever string the tool writes, every YAML reader reads back that same string: our parser, the
 * `yaml` package as YAML 1.2 and as YAML 1.1 (PyYAML's reading, where `no`/`on`/`y` are booleans),
 * and js-yaml's default schema (which has timestamps). Case 11 of ../shared/cases.
 */
const tricky = fc.constantFrom('no', 'NO', 'on', 'Off', 'y', 'N', '~', 'null', 'true', '0123', '0o17', '0x1F', '3.10', '1e3', '.inf', '-.NaN',
  '2026-12-03', '2026-12-03T09:30:00Z', '1_000', '12:30', '- x', '? x', ': x', '#x', 'a #b', 'a: b', '[x]', '{x}', '*x', '&x', '!x', '|', '>', '%x', '@x', '`x',
  '"x"', "'x'", 'x\\y', ' lead', 'trail ', '', 'line\nbreak', 'tab\there', '\u2028', 'TLP:AMBER', 'a.ng', 'Jane Doe', 'héllo', '漢字');
const strings = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ maxLength: 20 }));

describe('property: written scalars read back identically in every YAML reader', () => {
  it('flow and block items', () => {
    fc.assert(fc.property(strings, strings, (a, b) => {
      const item = { k: a, v: b };
      for (const yamlText of [`list:\n  - ${flowItem(item)}\n`, `list:\n  - ${blockItem(item, 4)}\n`, `k: ${renderScalar(a)}\nv: ${renderScalar(b)}\n`]) {
        const expected = yamlText.startsWith('list') ? { list: [item] } : item;
        expect(parse(yamlText)).toEqual(expected);
        expect(parse(yamlText, { version: '1.1' })).toEqual(expected);
        expect(jsYaml.load(yamlText)).toEqual(expected);
        expect(parseIncidentFile('f.md', `---\n${yamlText}---\n`).data).toEqual(expected);
      }
    }), { numRuns: 500 });
  });
});

describe('property: after fmt, a YAML 1.1 reader reads the same strings as ours', () => {
  const plainish = fc.oneof(tricky, fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .:_+-]{0,12}$/), fc.stringMatching(/^[0-9][0-9.:_eE+-]{0,8}$/));
  it('plain scalars in a front matter', () => {
    fc.assert(fc.property(fc.array(plainish, { minLength: 1, maxLength: 6 }), (values) => {
      const yaml = values.map((v, i) => `k${i}: ${v}\n`).join('');
      const text = `---\n${yaml}---\n`;
      const ours = parseIncidentFile('f.md', text).data;
      fc.pre(ours !== undefined);
      const out = formatIncidentText(text, []);
      expect(out.ok).toBe(true);
      const formatted = (out as { text: string }).text;
      expect(parseIncidentFile('f.md', formatted).data).toEqual(ours);
      const yaml11 = parse(formatted.slice(4, formatted.lastIndexOf('---\n')), { version: '1.1' }) as Record<string, unknown>;
      for (const [k, v] of Object.entries(ours!)) {
        // Times stay as written (documented in plan-fmt.ts); every other string reads the same.
        if (typeof v === 'string' && !/^\d{4}-\d\d-\d\d/.test(v)) expect(yaml11[k], `${k}: ${JSON.stringify(v)}`).toBe(v);
      }
    }), { numRuns: 500 });
  });
});
