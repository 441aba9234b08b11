import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { ParsedFile } from '../parse/incident-file.ts';
import { didYouMean, displayPath, listWords, showKey, showTyped, showValue } from './describe.ts';
import { withheldReason } from './redaction.ts';

type SchemaNode = Record<string, unknown>;

/**
 * Turns ajv errors into diagnostics that say what is wrong, what is expected, and show an example,
 * positioned at the exact key or value: a missing key at its parent, an unknown key at itself.
 */
export function schemaDiagnostics(parsed: ParsedFile, errors: readonly ErrorObject[], root: SchemaNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  let shown = 0;
  for (const [n, e] of errors.entries()) {
    if (e.keyword === 'if' || e.keyword === 'allOf' || e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    if (shown === MAX_SCHEMA_DIAGNOSTICS) {
      // Bounded: 8,000 unknown keys took seconds to position one by one, and nobody reads them all.
      const rest = errors.slice(n).filter((x) => !['if', 'allOf', 'anyOf', 'oneOf'].includes(x.keyword)).length;
      const pos = parsed.locate('', 'key');
      out.push({ rule: 'schema/too-many', severity: 'error', file: parsed.file, line: pos.line, column: pos.column,
        message: `${rest} more schema problem${rest === 1 ? '' : 's'} in this file not shown (the first ${MAX_SCHEMA_DIAGNOSTICS} are)`,
        hint: 'Fix the problems shown and run the check again; the file is probably not an incident record, or was badly merged.', path: '/' });
      break;
    }
    const d = describe(parsed, e, root);
    if (!d) continue;
    // format + pattern on one timestamp say the same thing once.
    const key = `${d.path}|${d.rule === 'schema/pattern' || d.rule === 'schema/format' ? 'fmt' : d.rule + d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
    shown++;
  }
  return out;
}

export const MAX_SCHEMA_DIAGNOSTICS = 200;

function describe(parsed: ParsedFile, e: ErrorObject, root: SchemaNode): Diagnostic | undefined {
  const data = parsed.data;
  const value = e.data;
  const parent = (e.parentSchema ?? {}) as SchemaNode;
  const here = displayPath(e.instancePath);
  const make = (rule: string, pointer: string, which: 'key' | 'value', message: string, hint: string): Diagnostic => {
    const pos = parsed.locate(pointer, which);
    return { rule, severity: 'error', file: parsed.file, line: pos.line, column: pos.column, message, hint, path: pointer || '/' };
  };
  const withheld = withheldReason(data, e.instancePath, value);

  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      const pointer = `${e.instancePath}/${missing}`;
      const full = displayPath(pointer);
      const example = exampleOf(propertySchema(parent, missing, root));
      const at = e.instancePath ? `under \`${here}\`` : 'in the front matter';
      return make('schema/required', e.instancePath, 'key', `missing required field \`${full}\` ${at}`,
        `Add it${e.instancePath ? ` under \`${here}:\`` : ''}, e.g. \`${missing}: ${example}\``);
    }
    case 'additionalProperties': {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      const pointer = `${e.instancePath}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const allowed = Object.keys((parent['properties'] as SchemaNode | undefined) ?? {});
      const guess = didYouMean(extra, allowed);
      const where = e.instancePath ? `under \`${here}\`` : 'at the top level';
      const dangerous = extra === '__proto__' || extra === 'constructor' || extra === 'prototype';
      return make(dangerous ? 'schema/forbidden-key' : 'schema/unknown-key', pointer, 'key',
        `unknown field \`${showKey(extra)}\` ${where}${guess ? ` — did you mean \`${guess}\`?` : ''}`,
        guess ? `Rename it to \`${guess}\`.` : `Allowed fields here: ${listWords(allowed)}.${e.instancePath ? '' : ' Organisation-specific fields start with `x-`, e.g. `x-ticket: SEC-1234`.'}`);
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const guess = typeof value === 'string' ? didYouMean(value, allowed.map(String)) : undefined;
      const yesNo = allowed.includes('yes') && typeof value === 'boolean';
      return make('schema/enum', e.instancePath, 'value', `\`${here}\` must be one of: ${listWords(allowed)} (found ${showValue(value, withheld)})${guess ? ` — did you mean \`${guess}\`?` : ''}`,
        yesNo ? `Write the answer as a quoted string, e.g. \`${lastSeg(here)}: "${value ? 'yes' : 'no'}"\`.` : `e.g. \`${lastSeg(here)}: ${guess ?? allowed[0]}\``);
    }
    case 'const':
      return make('schema/const', e.instancePath, 'value', `\`${here}\` must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)} (found ${showValue(value, withheld)})`,
        `e.g. \`${lastSeg(here)}: "${String((e.params as { allowedValue: unknown }).allowedValue)}"\``);
    case 'type': {
      const want = String((e.params as { type: string }).type);
      if (want === 'boolean' && typeof value === 'string') {
        // Case 11: YAML 1.2 reads yes/no/on/off as text; say so, and what to write instead.
        return make('schema/type', e.instancePath, 'value', `\`${here}\` must be true or false (found ${showTyped(value, withheld)}; write true or false — yes/no/on/off are text in YAML 1.2)`, typeHint(lastSeg(here), want, withheld ? undefined : value, parent));
      }
      return make('schema/type', e.instancePath, 'value', `\`${here}\` must be ${article(want)} (found ${showTyped(value, withheld)})`, typeHint(lastSeg(here), want, withheld ? undefined : value, parent));
    }
    case 'format':
    case 'pattern': {
      const fmt = e.keyword === 'format' ? String((e.params as { format: string }).format) : undefined;
      const isTimestamp = fmt === 'date-time' || (e.keyword === 'pattern' && String((e.params as { pattern: string }).pattern).includes('[+-][0-9]{2}:[0-9]{2})$'));
      if (isTimestamp) {
        return make('schema/timestamp', e.instancePath, 'value',
          `\`${here}\` must be an RFC 3339 date-time with a time-zone offset${timestampProblem(value)}, such as 2026-12-03T09:30:00Z (found ${showValue(value, withheld)})`,
          `e.g. \`${lastSeg(here)}: 2026-12-03T09:30:00Z\` (UTC) or \`${lastSeg(here)}: 2026-12-03T10:30:00+01:00\``);
      }
      const known = fmt ? FORMATS[fmt] : undefined;
      if (known) {
        return make('schema/format', e.instancePath, 'value', `\`${here}\` must be ${known.what} (found ${showValue(value, withheld)})`, `e.g. \`${lastSeg(here)}: ${known.example}\``);
      }
      const example = exampleOf(parent);
      const what = fmt ? `a valid ${fmt}` : describePattern(parent);
      return make(`schema/${e.keyword}`, e.instancePath, 'value', `\`${here}\` must be ${what} (found ${showValue(value, withheld)})`, `e.g. \`${lastSeg(here)}: ${example}\``);
    }
    case 'minLength': case 'maxLength': case 'minItems': case 'maxItems': case 'minimum': case 'maximum': case 'uniqueItems': {
      const limit = (e.params as { limit?: number }).limit;
      const text: Record<string, string> = {
        minLength: `at least ${limit} character${limit === 1 ? '' : 's'} long`, maxLength: `at most ${limit} characters long`,
        minItems: `a list of at least ${limit} item${limit === 1 ? '' : 's'}`, maxItems: `a list of at most ${limit} items`,
        minimum: `at least ${limit}`, maximum: `at most ${limit}`, uniqueItems: 'a list without repeated items',
      };
      return make(`schema/${e.keyword}`, e.instancePath, 'value', `\`${here}\` must be ${text[e.keyword]} (found ${showValue(value, withheld)})`, `e.g. \`${lastSeg(here)}: ${exampleOf(parent)}\``);
    }
    case 'propertyNames': {
      const name = String((e.params as { propertyName: string }).propertyName);
      return make('schema/property-name', `${e.instancePath}/${name}`, 'key', `\`${showKey(name)}\` is not an allowed key under \`${here}\``, `e.g. \`${lastSeg(here)}: ${JSON.stringify(exampleOf(parent))}\``);
    }
    default:
      return make(`schema/${e.keyword}`, e.instancePath, 'value', `\`${here}\` ${e.message ?? 'is invalid'}`, 'See schemas/incident.schema.json for the expected shape.');
  }
}

function lastSeg(display: string): string {
  const m = /([A-Za-z0-9_-]+)(?:\[\d+\])*$/.exec(display);
  return m ? m[1]! : display;
}

function article(type: string): string {
  return type === 'integer' ? 'an integer' : type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`;
}

function typeHint(key: string, want: string, value: unknown, parent: SchemaNode): string {
  if (want === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `Quote it so it stays text exactly as written, e.g. \`${key}: "${String(value)}"\`.`;
  }
  if (want === 'boolean' && typeof value === 'string') {
    return `Write true or false (unquoted), e.g. \`${key}: ${/^(y|yes|on|true)$/i.test(value) ? 'true' : 'false'}\`.`;
  }
  if ((want === 'number' || want === 'integer') && typeof value === 'string' && /^[-+]?[0-9.eE+_]+$/.test(value)) {
    const n = Number(value.replace(/_/g, ''));
    return Number.isFinite(n)
      ? `Numbers are read only in their plain form, so nothing is changed silently: write \`${key}: ${n}\`.`
      : `Write a plain number, e.g. \`${key}: ${exampleOf(parent)}\`.`;
  }
  if (want === 'array') return `Write a YAML list, e.g. \`${key}: [${exampleOf(parent)}]\` or one \`- item\` per line.`;
  if (want === 'object') return `Write a mapping with one \`key: value\` per line, indented under \`${key}:\`.`;
  return `e.g. \`${key}: ${exampleOf(parent)}\``;
}

function describePattern(s: SchemaNode): string {
  const d = typeof s['description'] === 'string' ? (s['description'] as string).replace(/\.$/, '') : undefined;
  const ex = exampleOf(s);
  return d ? `like \`${ex}\` — ${d.charAt(0).toLowerCase()}${d.slice(1)}` : `like \`${ex}\``;
}

/** Formats other than date-time: what they mean to a person, and a value that passes. */
const FORMATS: Record<string, { what: string; example: string }> = {
  date: { what: 'a real calendar date written YYYY-MM-DD', example: '2026-12-31' },
  time: { what: 'a time with an offset, written HH:MM:SSZ', example: '09:30:00Z' },
  uri: { what: 'an absolute URL', example: 'https://github.com/example-org/incidents/issues/42' },
  email: { what: 'an email address', example: 'soc@example.org' },
  hostname: { what: 'a host name', example: 'mail-gw-01.example.org' },
  ipv4: { what: 'an IPv4 address', example: '192.0.2.10' },
  ipv6: { what: 'an IPv6 address', example: '2001:db8::10' },
};

/** Why a string is not an RFC 3339 timestamp, when the shape tells (empty when it does not). */
function timestampProblem(value: unknown): string {
  if (typeof value !== 'string') return '';
  if (/^\d{4}-\d\d-\d\d$/.test(value)) return ' (this one has a date but no time)';
  if (/^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?$/.test(value)) return ` (this one has no offset${value[10] === ' ' ? ", and needs a 'T' between date and time" : ''})`;
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)$/.test(value)) return " (this one needs a 'T' between date and time)";
  if (/^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d(?:[Zz]|[+-]\d\d:\d\d)$/.test(value)) return ' (this one needs seconds, e.g. 09:30:00)';
  if (/^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/.test(value) && /^.{10}t|z$/.test(value)) return " (write 'T' and 'Z' in upper case)";
  if (/^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/.test(value)) return ' (this date or time does not exist on the calendar)';
  return '';
}

function propertySchema(parent: SchemaNode, key: string, root: SchemaNode): SchemaNode {
  const props = (parent['properties'] as Record<string, SchemaNode> | undefined) ?? {};
  return deref(props[key] ?? {}, root);
}

function deref(s: SchemaNode, root: SchemaNode): SchemaNode {
  const ref = s['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
    const target = ((root['$defs'] as Record<string, SchemaNode>)[ref.slice(8)] ?? {});
    return { ...target, ...s };
  }
  return s;
}

/** An example value for the front-matter field at a dotted path (`impact.functional`), from the schema. */
export function exampleAt(root: SchemaNode, dotted: string): string | undefined {
  let node: SchemaNode = root;
  for (const key of dotted.split('.')) {
    const props = (deref(node, root)['properties'] as Record<string, SchemaNode> | undefined) ?? {};
    if (!Object.hasOwn(props, key)) return undefined;
    node = deref(props[key]!, root);
  }
  return exampleOf(node);
}

/** A short example value for a schema: its `examples`, else something shaped like its type. */
export function exampleOf(s: SchemaNode): string {
  const ex = (s['examples'] as unknown[] | undefined)?.[0];
  if (ex !== undefined) return typeof ex === 'string' ? ex : JSON.stringify(ex);
  const en = s['enum'] as unknown[] | undefined;
  if (en?.length) return String(en[0]);
  if (s['format'] === 'date-time' || (typeof s['$ref'] === 'string' && s['$ref'].endsWith('timestamp'))) return '2026-12-03T09:30:00Z';
  if (s['type'] === 'array') return '[...]';
  if (s['type'] === 'object') return '{...}';
  if (s['type'] === 'boolean') return 'true';
  if (s['type'] === 'integer' || s['type'] === 'number') return '1';
  return '...';
}
