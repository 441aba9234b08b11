import type { Diagnostic } from '../model/diagnostic.ts';
import { asArray, asRecord } from '../model/access.ts';
import { readYaml } from '../parse/yaml-reader.ts';
import type { ParsedFile } from '../parse/incident-file.ts';
import { compileShipped } from '../validate/ajv.ts';
import { schemaDiagnostics } from '../validate/schema-diagnostics.ts';
import { isKnownCalendar } from './holidays.ts';
import { parsePredicate, PredicateSyntaxError } from './predicate.ts';
import type { Settings } from './types.ts';
import { isKnownTimeZone } from './zoned-time.ts';

/**
 * Reads organisation settings text (YAML) into Settings, or diagnostics with file:line:column:
 * the same positional YAML reader and schema wording as incident files, plus what a schema cannot
 * check (time zone and holiday calendar exist, `when` conditions parse).
 */
export function checkSettings(file: string, text: string, schema: Record<string, unknown>): { settings?: Settings; diagnostics: Diagnostic[] } {
  const pos = readYaml(file, text, 1);
  if (pos.diagnostics.length) return { diagnostics: pos.diagnostics };
  const data = asRecord(pos.value);
  const parsed = { file, text, data, body: '', bodyStartLine: 1, sections: [], diagnostics: [], hadBom: false, lineEnding: '\n', locate: pos.locate } satisfies ParsedFile;
  const validate = compileShipped(schema);
  if (!validate(data)) return { diagnostics: schemaDiagnostics(parsed, validate.errors ?? [], schema) };
  const out: Diagnostic[] = [];
  const problem = (pointer: string, which: 'key' | 'value', rule: string, message: string, hint: string) => {
    const p = pos.locate(pointer, which);
    out.push({ rule, severity: 'error', file, line: p.line, column: p.column, message, hint, path: pointer });
  };
  const s = data as unknown as Settings;
  if (!isKnownTimeZone(s.organisation.time_zone)) {
    problem('/organisation/time_zone', 'value', 'settings/time-zone', `\`organisation.time_zone\` is \`${s.organisation.time_zone}\`, which is not an IANA time zone`, 'Use a name from the IANA database, e.g. `time_zone: Europe/Berlin` or `America/New_York`.');
  }
  if (s.organisation.holidays && !isKnownCalendar(s.organisation.holidays)) {
    problem('/organisation/holidays', 'value', 'settings/holiday-calendar', `\`organisation.holidays\` names a calendar the holiday library does not know (${JSON.stringify(s.organisation.holidays)})`, 'Use an ISO 3166 country and, optionally, subdivision, e.g. `holidays: { country: DE, state: HH }`.');
  }
  for (const [sev, duties] of Object.entries(s.stakeholders?.internal_by_severity ?? {})) {
    for (const [i, d] of asArray(duties).entries()) {
      const when = asRecord(d)['when'];
      if (typeof when !== 'string') continue;
      try { parsePredicate(when); } catch (e) {
        problem(`/stakeholders/internal_by_severity/${sev}/${i}/when`, 'value', 'settings/condition',
          `condition does not parse: ${e instanceof PredicateSyntaxError ? e.message : String(e)}`,
          'Write e.g. `when: "incident.personal_data.involved == \'yes\'"` (paths start with incident. or org.; && || ! == != < > in).');
      }
    }
  }
  return out.length ? { diagnostics: out } : { settings: s, diagnostics: [] };
}
