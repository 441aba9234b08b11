import { parseDocument } from 'yaml';
import { needsQuotesForYaml11 } from '../parse/yaml-scalars.ts';

export type NewValue = string | number | boolean | null;

/**
 * Characters that may stand in a plain scalar in both block and flow context without YAML reading
 * anything else into them. Deliberately narrow: a handle (`a.ng`), an enum (`TLP:AMBER`, `sev1`),
 * a path. Anything else is double-quoted, which every YAML reader reads the same way.
 */
const SAFE_PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_.@+\/-]*(?::[A-Za-z0-9_.@+\/-]+)*$/;

/** needsQuotesForYaml11 (parse/, shared by every writer) plus the `yaml` package's own 1.1 reading. */
export function mustQuote(s: string): boolean {
  return needsQuotesForYaml11(s) || yamlReads11Differently(s);
}

/**
 * The `yaml` package's own YAML 1.1 reading as a last check: its 1.1 schema is looser than the spec
 * in places (it reads `E0` as a float), and quoting costs nothing, so a string any 1.1 reader we know
 * of could take for something else is quoted.
 */
function yamlReads11Differently(s: string): boolean {
  const doc = parseDocument(s, { version: '1.1' });
  return doc.errors.length > 0 || doc.toJS() !== s;
}

/** A new scalar as YAML source: plain when unambiguous for YAML 1.1 and 1.2 readers, else quoted. */
export function renderScalar(value: NewValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot write the number ${value}`);
    return String(value);
  }
  if (SAFE_PLAIN.test(value) && !mustQuote(value)) return value;
  return doubleQuoted(value);
}

/** JSON string syntax is valid YAML double-quoted syntax (YAML's escapes are a superset). */
export function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A YAML key: the same rule as values (keys are our own schema names, so nearly always plain). */
export function renderKey(key: string): string {
  return renderScalar(key);
}
