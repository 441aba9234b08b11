import { resolvePlainScalar } from './yaml-scalars.ts';

/**
 * The fastest reader: a strict subset of YAML block syntax, the shape incident front matter has
 * (block mappings and sequences, compact `- key: value` items, one-line flow collections, plain,
 * quoted and simple block scalars, comments). Written by hand because no YAML library parses at
 * this speed (js-yaml is ~5x slower on incident files, the positional `yaml` package ~20x), and
 * validation of a large repository is dominated by YAML parsing.
 *
 * It never guesses: anything outside the subset — anchors, tags, multi-line flow or quoted
 * scalars, tabs, duplicate keys, unusual indentation — returns undefined and the caller falls
 * back to js-yaml and then to the positional reader, which is the authority.
 * yaml-parsers.test.ts holds all three readers to identical results.
 */
export function parseYamlLite(yaml: string): Record<string, unknown> | undefined {
  // Characters whose YAML meaning the subset does not model (tabs, control and special line-break
  // characters, BOMs, surrogates, merge keys): leave them to the others. Anchors, aliases, tags and
  // directives are only special where a node or line starts; plainScalar and PLAIN_KEY refuse them there.
  if (UNMODELLED_CHARS.test(yaml) || yaml.includes('<<')) return undefined;
  const p = new LiteParser(yaml.split('\n'));
  try {
    p.skipBlank();
    if (p.i >= p.lines.length) return undefined; // empty: let the others say null
    if (indentOf(p.lines[p.i]!) !== 0 || /^-(?: |$)/.test(p.lines[p.i]!)) return undefined;
    const value = p.mapping(0);
    p.skipBlank();
    return p.i >= p.lines.length ? value : undefined;
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

const UNMODELLED_CHARS = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;

const BAIL = Symbol('bail');
function bail(): never { throw BAIL; }

/** A sequence indicator (`-` then a space or the end) at `k`. */
function isDash(text: string, k: number): boolean {
  return text[k] === '-' && (text.length === k + 1 || text[k + 1] === ' ');
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/**
 * A plain key as the subset accepts it. One character class repeated, so matching is linear;
 * where the key ends is found by indexOf, never by a regex that could backtrack (a lazy key
 * pattern took 14 s on one line of 100,000 spaces).
 */
const PLAIN_KEY = /^(?:[^\s#'"{}[\],&*!|>%@`?:-]|[-?][^\s:#{}[\],])[^:#{}[\],]*$/;

/** Index of the `:` that ends a plain key in `s` from `from`: followed by a space, the end, or one of `stops`. */
function keyColon(s: string, from: number, stops: string): number {
  for (let k = s.indexOf(':', from); k >= 0; k = s.indexOf(':', k + 1)) {
    const next = s[k + 1];
    if (next === undefined || next === ' ' || stops.includes(next)) return k;
  }
  return -1;
}

class LiteParser {
  i = 0;
  /** Lines of the document; a compact nested item's line is rewritten in place (`- - x` → `  - x`). */
  constructor(readonly lines: string[]) {}

  /** The next content line if it sits exactly at `indent`; undefined when the block ends there. */
  nextLineAt(indent: number): string | undefined {
    this.skipBlank();
    if (this.i >= this.lines.length) return undefined;
    const line = this.lines[this.i]!;
    const ind = indentOf(line);
    if (ind < indent) return undefined;
    if (ind > indent) bail();
    return line;
  }

  /** Skips blank and comment-only lines. */
  skipBlank(): void {
    while (this.i < this.lines.length) {
      const t = this.lines[this.i]!.trimStart();
      if (t === '' || t[0] === '#') this.i++;
      else break;
    }
  }

  /** A block mapping whose keys sit at column `indent`; the first entry may be given inline. */
  mapping(indent: number, firstEntry?: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let first = firstEntry;
    for (;;) {
      let text: string;
      if (first !== undefined) { text = first; first = undefined; } else {
        const line = this.nextLineAt(indent);
        if (line === undefined) break;
        text = line.slice(indent);
      }
      if (isDash(text, 0)) bail(); // a sequence where keys are expected
      const entry = splitEntry(text);
      if (!entry) bail();
      const [key, rest] = entry;
      if (Object.prototype.hasOwnProperty.call(out, key)) bail(); // duplicate: the positional reader reports it
      this.i++;
      const value = this.valueAfterKey(rest, indent);
      setOwn(out, key, value);
    }
    return out;
  }

  /** The value after `key:` (rest of the line, or the block below it). */
  valueAfterKey(rest: string | undefined, indent: number): unknown {
    const r = stripComment(rest ?? '');
    if (r === '') {
      // Nested block: deeper mapping/sequence, or an indentless sequence at the key's column.
      this.skipBlank();
      if (this.i >= this.lines.length) return null;
      const line = this.lines[this.i]!;
      const ind = indentOf(line);
      const isSeq = isDash(line, ind);
      if (isSeq && ind >= indent) return this.sequence(ind);
      if (ind > indent) return this.mapping(ind);
      return null;
    }
    if (r[0] === '|' || r[0] === '>') return this.blockScalar(r, indent);
    return inlineValue(r);
  }

  /** A block sequence whose `- ` sit at column `indent`. */
  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.nextLineAt(indent);
      if (line === undefined) break;
      const ind = indent;
      if (!isDash(line, ind)) break; // a key at the same column ends an indentless sequence
      const after = line.slice(ind + 1);
      const sp = indentOf(after);
      const rest = stripComment(after.slice(sp));
      if (rest === '') bail(); // `-` alone with the item below: rare, leave it to the others
      if (isDash(rest, 0)) {
        // `- - x`: a nested sequence whose dashes line up with the second one.
        this.lines[this.i] = ' '.repeat(ind + 1 + sp) + after.slice(sp);
        out.push(this.sequence(ind + 1 + sp));
        continue;
      }
      if (rest[0] === '|' || rest[0] === '>') bail();
      const isEntry = rest[0] !== '[' && rest[0] !== '{' && splitEntry(rest) !== undefined;
      if (isEntry) {
        // Compact mapping: its keys line up with the first one, after "- ".
        out.push(this.mapping(ind + 1 + sp, after.slice(sp)));
      } else {
        this.i++;
        out.push(inlineValue(rest));
      }
    }
    return out;
  }

  /** `|`, `|-`, `>`, `>-` with content more indented than the key; anything fancier bails. */
  blockScalar(header: string, indent: number): string {
    const m = /^([|>])([-+]?)$/.exec(header);
    if (!m || m[2] === '+') bail();
    const lines: string[] = [];
    let contentIndent = -1;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.trim() === '') { lines.push(''); this.i++; continue; }
      const ind = indentOf(line);
      if (contentIndent < 0) {
        if (ind <= indent) break;
        if (lines.length) bail(); // leading blank lines
        contentIndent = ind;
      }
      if (ind < contentIndent) break;
      if (ind > contentIndent) bail(); // more-indented lines: folding rules we do not reproduce
      lines.push(line.slice(contentIndent));
      this.i++;
    }
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    if (contentIndent < 0) bail();
    let text: string;
    if (m[1] === '|') text = lines.join('\n');
    else {
      text = '';
      for (let k = 0; k < lines.length; k++) {
        const l = lines[k]!;
        if (k === 0) { text = l; continue; }
        if (l === '') { text += '\n'; continue; }
        text += lines[k - 1] === '' ? l : ' ' + l;
      }
    }
    return m[2] === '-' ? text : text + '\n';
  }
}

/**
 * Plain assignment keeps objects fast (defineProperty on every key cost more than parsing);
 * only `__proto__` needs defineProperty to stay an ordinary own key, never a prototype.
 */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** `key: rest` (plain or quoted key) → [key, rest]; undefined when the text is no mapping entry. */
function splitEntry(text: string): [string, string | undefined] | undefined {
  const c = text[0];
  if (c === '"' || c === "'") {
    const cur = { s: text, k: 0 };
    let key: string;
    try { key = c === '"' ? doubleQuoted(cur) : singleQuoted(cur); } catch (e) { if (e === BAIL) return undefined; throw e; }
    const m = /^[ ]*:(?: +(.*))?$/.exec(text.slice(cur.k));
    return m ? [key, m[1]] : undefined;
  }
  const k = keyColon(text, 0, '');
  if (k < 0) return undefined;
  const key = text.slice(0, k).trimEnd();
  if (!PLAIN_KEY.test(key)) return undefined;
  return [key, k + 1 < text.length ? text.slice(k + 1).trimStart() : undefined];
}

/** Removes a trailing ` # comment` (outside quotes) and trailing spaces. */
function stripComment(s: string): string {
  if (s.indexOf('#') < 0) return s.trimEnd();
  if (s[0] === '#') return '';
  let q: string | null = null;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (q) {
      if (c === '\\' && q === '"') { k++; continue; }
      if (c === q) q = null;
    } else if ((c === '"' || c === "'") && (k === 0 || /[\s[{,:]/.test(s[k - 1]!))) {
      q = c;
    } else if (c === '#' && k > 0 && s[k - 1] === ' ') {
      return s.slice(0, k).trimEnd();
    }
  }
  return s.trimEnd();
}

/** A value written on one line: quoted, flow collection or plain scalar. */
function inlineValue(s: string): unknown {
  const c = s[0];
  if (c === '"' || c === "'" || c === '[' || c === '{') {
    const cur = { s, k: 0 };
    const v = flowValue(cur, false);
    skipSpaces(cur);
    if (cur.k !== s.length) bail();
    return v;
  }
  return plainScalar(s, false);
}

function plainScalar(s: string, flow: boolean): unknown {
  if (s === '') bail();
  const c = s[0]!;
  if ('?:-'.includes(c) && (s.length === 1 || s[1] === ' ')) bail();
  if ('#|>\'"%@`[]{},&*!'.includes(c)) bail();
  if (/: |:$| #/.test(s)) bail();
  if (flow && /[[\]{},]/.test(s)) bail();
  return resolvePlainScalar(s);
}

interface Cursor { s: string; k: number }

function skipSpaces(cur: Cursor): void {
  while (cur.s.charCodeAt(cur.k) === 32) cur.k++;
}

/** A value inside (or starting) a flow collection. */
function flowValue(cur: Cursor, inFlow: boolean): unknown {
  skipSpaces(cur);
  const c = cur.s[cur.k];
  if (c === '"') return doubleQuoted(cur);
  if (c === "'") return singleQuoted(cur);
  if (c === '[') {
    cur.k++;
    const out: unknown[] = [];
    skipSpaces(cur);
    if (cur.s[cur.k] === ']') { cur.k++; return out; }
    for (;;) {
      out.push(flowValue(cur, true));
      skipSpaces(cur);
      const d = cur.s[cur.k];
      cur.k++;
      if (d === ']') return out;
      if (d !== ',') bail();
      skipSpaces(cur);
      if (cur.s[cur.k] === ']') bail(); // trailing comma
    }
  }
  if (c === '{') {
    cur.k++;
    const out: Record<string, unknown> = {};
    skipSpaces(cur);
    if (cur.s[cur.k] === '}') { cur.k++; return out; }
    for (;;) {
      skipSpaces(cur);
      const colon = keyColon(cur.s, cur.k, ',}');
      if (colon < 0) bail();
      const key = cur.s.slice(cur.k, colon).trimEnd();
      if (!PLAIN_KEY.test(key) || Object.prototype.hasOwnProperty.call(out, key)) bail();
      cur.k = colon + 1;
      skipSpaces(cur);
      const next = cur.s[cur.k];
      const value = next === ',' || next === '}' ? null : flowValue(cur, true);
      setOwn(out, key, value);
      skipSpaces(cur);
      const d = cur.s[cur.k];
      cur.k++;
      if (d === '}') return out;
      if (d !== ',') bail();
      skipSpaces(cur);
      if (cur.s[cur.k] === '}') bail();
    }
  }
  if (!inFlow) bail();
  // Plain scalar inside a flow collection: up to `,` `]` `}`.
  const start = cur.k;
  for (let c = cur.s.charCodeAt(cur.k); cur.k < cur.s.length && c !== 44 && c !== 93 && c !== 125; c = cur.s.charCodeAt(++cur.k)); // , ] }
  return plainScalar(cur.s.slice(start, cur.k).trimEnd(), true);
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

function doubleQuoted(cur: Cursor): string {
  const s = cur.s;
  let k = cur.k + 1;
  let out = '';
  for (;;) {
    const end = s.indexOf('"', k);
    const esc = s.indexOf('\\', k);
    if (end < 0) bail(); // unterminated on this line (multi-line quoted scalars bail too)
    if (esc < 0 || esc > end) { out += s.slice(k, end); cur.k = end + 1; return out; }
    out += s.slice(k, esc);
    const e = s[esc + 1]!;
    if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = s.slice(esc + 2, esc + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) bail();
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) bail();
      out += String.fromCodePoint(cp);
      k = esc + 2 + n;
    } else if (e in ESCAPES) {
      out += ESCAPES[e];
      k = esc + 2;
    } else bail();
  }
}

function singleQuoted(cur: Cursor): string {
  const s = cur.s;
  let k = cur.k + 1;
  let out = '';
  for (;;) {
    const q = s.indexOf("'", k);
    if (q < 0) bail();
    out += s.slice(k, q);
    if (s[q + 1] === "'") { out += "'"; k = q + 2; continue; }
    cur.k = q + 1;
    return out;
  }
}
