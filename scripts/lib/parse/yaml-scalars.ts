/**
 * How a plain (unquoted) YAML scalar becomes a value. Shared by the fast and the positional parser
 * so both read a file identically.
 *
 * YAML 1.2 core, narrowed so that nothing the author wrote is silently changed: timestamps, `no`,
 * `on`, `0123`, `0o17`, `3.10`, `1e3` and `.inf` stay the strings they look like; a number is a
 * number only when JavaScript prints it back exactly as written. The schema then reports the type
 * mismatch (with a hint to quote or to write the canonical form) instead of a coercion happening.
 */
export type PlainValue = string | number | boolean | null;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const NUMBER_LIKE = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

export function resolvePlainScalar(source: string): PlainValue {
  if (NULLS.has(source)) return null;
  if (TRUES.has(source)) return true;
  if (FALSES.has(source)) return false;
  if (NUMBER_LIKE.test(source)) {
    const n = Number(source);
    if (Number.isFinite(n) && String(n) === source && (Number.isSafeInteger(n) || !Number.isInteger(n))) return n;
  }
  return source;
}

export function isNullSource(s: string): boolean { return NULLS.has(s); }
export function isBoolSource(s: string): boolean { return TRUES.has(s) || FALSES.has(s); }
/** True when the plain scalar resolves to a number (used by the fast parser's type resolvers). */
export function isNumberSource(s: string): boolean { return typeof resolvePlainScalar(s) === 'number'; }

/** Strings that YAML 1.1 readers (PyYAML, yaml 1.1 mode) turn into booleans or null: must be quoted when written. */
const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
/** YAML 1.1 base-60 numbers: `12:30` is 750 to PyYAML. */
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
/** True when a string must be quoted so that YAML 1.1 and 1.2 readers all read it as that string. */
export function needsQuotesForYaml11(s: string): boolean {
  return YAML11_SPECIAL.test(s) || s === '' || resolvePlainScalar(s) !== s || SEXAGESIMAL.test(s) || /^[-+]?(?:0[0-7]+|0o[0-7]+|0x[0-9a-fA-F]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.inf|\.nan|\d{4}-\d\d-\d\d.*)$/i.test(s);
}
