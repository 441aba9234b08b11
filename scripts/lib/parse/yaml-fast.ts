import { createRequire } from 'node:module';
import type jsYamlModule from 'js-yaml';
import { parseYamlLite } from './yaml-lite.ts';
import { isBoolSource, isNullSource, isNumberSource, resolvePlainScalar } from './yaml-scalars.ts';

/**
 * The fast reader: js-yaml (≈4x faster than the positional parser) with the same scalar rules as
 * yaml-positional.ts. Used when a file is expected to be clean; any error, anchor or alias sends the
 * file to the positional parser, whose verdict is authoritative.
 */
// js-yaml is loaded on first use: files in the shape yaml-lite reads never need it.
const require = createRequire(import.meta.url);
let loaded: { jsYaml: typeof jsYamlModule; schema: jsYamlModule.Schema } | undefined;
function jsYamlWithSchema(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const jsYaml = require('js-yaml') as typeof jsYamlModule;
  const schema = jsYaml.FAILSAFE_SCHEMA.extend({
    implicit: [
      new jsYaml.Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: isNullSource, construct: () => null }),
      new jsYaml.Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: isBoolSource, construct: resolvePlainScalar }),
      new jsYaml.Type('tag:yaml.org,2002:float', { kind: 'scalar', resolve: isNumberSource, construct: resolvePlainScalar }),
    ],
  });
  return (loaded = { jsYaml, schema });
}

/** Text that may hold anchors, aliases, tags, merge keys or explicit keys: not for the fast path. */
const NEEDS_POSITIONAL = /[&*!]|<<|(?:^|[\s,[{])\?(?:\s|$)/;

/**
 * True when a flow collection may be used as a mapping key (`[a, b]: x`, `{ {a: 1}: x }`,
 * `{{placeholder}}`): js-yaml turns such keys into strings like "[object Object]" where the
 * positional reader reports them. Conservative: quoted scalars are skipped, anything unclear
 * answers true (the file then takes the positional path, which is only slower).
 */
export function mayHaveCollectionKey(yaml: string): boolean {
  const stack: string[] = [];
  let prev = '\n'; // previous significant character
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml[i]!;
    if (c === ' ' || c === '\t') continue;
    if (c === '\n') { prev = c; continue; }
    if (c === '#' && (i === 0 || /\s/.test(yaml[i - 1]!))) { while (i < yaml.length && yaml[i] !== '\n') i++; prev = '\n'; continue; }
    const startsScalar = prev === '\n' || prev === ':' || prev === '-' || prev === ',' || prev === '[' || prev === '{' || prev === '?';
    if ((c === '"' || c === "'") && startsScalar) {
      const close = c === '"' ? /(?<!\\)(?:\\\\)*"/g : /'/g;
      if (c === "'") { close.lastIndex = i + 1; let m; while ((m = close.exec(yaml)) && yaml[m.index + 1] === "'") close.lastIndex = m.index + 2; if (!m) return true; i = m.index; }
      else { close.lastIndex = i + 1; const m = close.exec(yaml); if (!m) return true; i = m.index + m[0].length - 1; }
      prev = 'q';
      continue;
    }
    if (c === '[' || c === '{') {
      if (stack[stack.length - 1] === '{' && (prev === '{' || prev === ',')) return true;
      if (startsScalar) stack.push(c);
    } else if ((c === ']' || c === '}') && stack.length) {
      stack.pop();
      if (/^[ \t]*:(?:\s|$)/.test(yaml.slice(i + 1, i + 40))) return true;
    }
    prev = c;
  }
  return false;
}

/**
 * Keys written `True:`, `~:`, `NULL:`…: js-yaml resolves them to a boolean or null and then names
 * the key "true"/"null", where the positional reader keeps the text as written.
 */
const ODD_SCALAR_KEY = /(?:^|[\s{,?-])(?:~|Null|NULL|True|TRUE|False|FALSE)[ \t]*:(?:[\s,}\]]|$)/m;

export type FastResult = { ok: true; value: unknown } | { ok: false };

/** The fast reader: the hand-written subset reader first, js-yaml for what it declines. */
export function parseYamlFast(yaml: string): FastResult {
  const lite = parseYamlLite(yaml);
  if (lite !== undefined) return { ok: true, value: lite };
  return parseYamlJs(yaml);
}

/** js-yaml alone (exported for the differential tests). */
export function parseYamlJs(yaml: string): FastResult {
  if (ODD_SCALAR_KEY.test(yaml) || NEEDS_POSITIONAL.test(yaml) || mayHaveCollectionKey(yaml)) return { ok: false };
  try {
    // An empty document is null in both readers (js-yaml says undefined).
    const { jsYaml, schema } = jsYamlWithSchema();
    return { ok: true, value: jsYaml.load(yaml, { schema, json: false }) ?? null };
  } catch {
    return { ok: false };
  }
}
