import { get } from '../model/access.ts';

/**
 * A tiny, safe condition language for regime applicability (no eval, no property access beyond
 * own data keys, bounded size):
 *
 *   expr    := or
 *   or      := and ('||' and)*
 *   and     := not ('&&' not)*
 *   not     := '!' not | cmp
 *   cmp     := operand (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in') operand)?
 *   operand := path | 'string' | number | true | false | null | '[' operand (',' operand)* ']'
 *            | 'max(' path (',' 'prefix')? ')' | 'present(' path ')' | '(' expr ')'
 *   path    := ('incident' | 'org') ('.' key)+      key: letters, digits, '_' and '-'
 *
 * Evaluation is three-valued (Kleene): a comparison with a missing value is `unknown`, so "we do not
 * know yet" is never mistaken for "does not apply".
 */
export type Truth = true | false | 'unknown';
export interface Scope { incident: unknown; org: unknown }

type Node =
  | { k: 'or' | 'and'; items: Node[] }
  | { k: 'not'; item: Node }
  | { k: 'cmp'; op: string; left: Node; right: Node }
  | { k: 'path'; root: 'incident' | 'org'; path: string }
  | { k: 'lit'; value: unknown }
  | { k: 'list'; items: Node[] }
  | { k: 'max'; path: Node; prefix?: string }
  | { k: 'present'; path: Node };

export interface Predicate {
  source: string;
  evaluate(scope: Scope): Truth;
}

export class PredicateSyntaxError extends Error {
  constructor(readonly source: string, readonly column: number, what: string) {
    super(`${what} at column ${column} of \`${source}\``);
  }
}

const MAX_SOURCE = 2000;
const TOKEN = /\s*(?:(\|\||&&|==|!=|<=|>=|[<>!()[\],])|('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_][A-Za-z0-9_-]*)*))/y;

interface Tok { text: string; kind: 'op' | 'str' | 'num' | 'word'; col: number }

function tokenize(src: string): Tok[] {
  if (src.length > MAX_SOURCE) throw new PredicateSyntaxError(src.slice(0, 40) + '…', 1, `condition longer than ${MAX_SOURCE} characters`);
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new PredicateSyntaxError(src, pos + 1, `unexpected character \`${src.slice(pos).trimStart()[0]}\``);
    const col = pos + (m[0].length - m[0].trimStart().length) + 1;
    if (m[1]) out.push({ text: m[1], kind: 'op', col });
    else if (m[2]) out.push({ text: m[2].slice(1, -1).replace(/\\(.)/g, '$1'), kind: 'str', col });
    else if (m[3]) out.push({ text: m[3], kind: 'num', col });
    else out.push({ text: m[4]!, kind: 'word', col });
    pos = TOKEN.lastIndex;
  }
  return out;
}

/** Parses a condition; throws PredicateSyntaxError (a configuration error) when malformed. */
export function parsePredicate(source: string): Predicate {
  const toks = tokenize(source);
  let i = 0;
  const peek = () => toks[i];
  const fail = (what: string): never => { throw new PredicateSyntaxError(source, peek()?.col ?? source.length + 1, what); };
  const eat = (text: string) => {
    if (peek()?.kind !== 'op' || peek()?.text !== text) fail(`expected \`${text}\``);
    i++;
  };
  const isOp = (text: string) => peek()?.kind === 'op' && peek()?.text === text;
  const parseOr = (): Node => {
    const items = [parseAnd()];
    while (isOp('||')) { i++; items.push(parseAnd()); }
    return items.length === 1 ? items[0]! : { k: 'or', items };
  };
  const parseAnd = (): Node => {
    const items = [parseNot()];
    while (isOp('&&')) { i++; items.push(parseNot()); }
    return items.length === 1 ? items[0]! : { k: 'and', items };
  };
  const parseNot = (): Node => {
    if (isOp('!')) { i++; return { k: 'not', item: parseNot() }; }
    const left = parseOperand();
    const t = peek();
    if (t && ((t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) || (t.kind === 'word' && t.text === 'in'))) {
      i++;
      return { k: 'cmp', op: t.text, left, right: parseOperand() };
    }
    return left;
  };
  const parsePath = (): Node => {
    const t = peek();
    if (t?.kind !== 'word') return fail('expected a path such as `incident.personal_data.involved`');
    const dot = t.text.indexOf('.');
    const root = dot < 0 ? t.text : t.text.slice(0, dot);
    if ((root !== 'incident' && root !== 'org') || dot < 0) return fail(`a path starts with \`incident.\` or \`org.\`, not \`${t.text}\``);
    i++;
    return { k: 'path', root, path: t.text.slice(dot + 1) };
  };
  const parseOperand = (): Node => {
    const t = peek();
    if (!t) return fail('unexpected end of condition');
    if (t.kind === 'str') { i++; return { k: 'lit', value: t.text }; }
    if (t.kind === 'num') { i++; return { k: 'lit', value: Number(t.text) }; }
    if (isOp('(')) { i++; const e = parseOr(); eat(')'); return e; }
    if (isOp('[')) {
      i++;
      const items: Node[] = [];
      if (!isOp(']')) { items.push(parseOperand()); while (isOp(',')) { i++; items.push(parseOperand()); } }
      eat(']');
      return { k: 'list', items };
    }
    if (t.kind === 'word') {
      if (t.text === 'true' || t.text === 'false') { i++; return { k: 'lit', value: t.text === 'true' }; }
      if (t.text === 'null') { i++; return { k: 'lit', value: null }; }
      if (t.text === 'max' || t.text === 'present') {
        i++;
        eat('(');
        const path = parsePath();
        let prefix: string | undefined;
        if (t.text === 'max' && isOp(',')) {
          i++;
          const p = peek();
          if (p?.kind !== 'str') fail('expected a quoted prefix such as `\'US-\'`');
          prefix = p!.text;
          i++;
        }
        eat(')');
        return t.text === 'max' ? { k: 'max', path, prefix } : { k: 'present', path };
      }
      return parsePath();
    }
    return fail(`unexpected \`${t.text}\``);
  };
  const ast = parseOr();
  if (i < toks.length) fail(`unexpected \`${peek()!.text}\``);
  return { source, evaluate: (scope) => truth(value(ast, scope)) };
}

function value(n: Node, scope: Scope): unknown {
  switch (n.k) {
    case 'lit': return n.value;
    case 'path': return get(scope[n.root], n.path);
    case 'list': return n.items.map((x) => value(x, scope));
    case 'present': { const v = value(n.path, scope); return v !== undefined && v !== null && v !== ''; }
    case 'max': {
      const v = value(n.path, scope);
      const nums = (Array.isArray(v) ? v.map((x, k) => [String(k), x] as const) : v && typeof v === 'object' ? Object.entries(v) : [])
        .filter(([k, x]) => typeof x === 'number' && (!n.prefix || k.startsWith(n.prefix))).map(([, x]) => x as number);
      return nums.length ? Math.max(...nums) : undefined;
    }
    case 'not': { const t = truth(value(n.item, scope)); return t === 'unknown' ? UNK : !t; }
    case 'and': {
      let unknown = false;
      for (const it of n.items) { const t = truth(value(it, scope)); if (t === false) return false; if (t === 'unknown') unknown = true; }
      return unknown ? UNK : true;
    }
    case 'or': {
      let unknown = false;
      for (const it of n.items) { const t = truth(value(it, scope)); if (t === true) return true; if (t === 'unknown') unknown = true; }
      return unknown ? UNK : false;
    }
    case 'cmp': return compare(n.op, value(n.left, scope), value(n.right, scope));
  }
}

/** The third truth value inside evaluation (a symbol, so it never equals a data string). */
const UNK = Symbol('unknown');

function compare(op: string, a: unknown, b: unknown): boolean | typeof UNK {
  // `null` as a literal asks "is it absent?": `incident.x == null` is true when x is missing.
  if ((a === undefined || a === null) && b === null) return op === '==' ? true : op === '!=' ? false : UNK;
  if (a === undefined || b === undefined || a === UNK || b === UNK) return UNK;
  // The tri-state answer "unknown" compares as unknown, unless the condition asks for it literally.
  if ((a === 'unknown') !== (b === 'unknown') && op !== 'in') return UNK;
  if (op === 'in' && a === 'unknown' && Array.isArray(b) && !b.includes('unknown')) return UNK;
  if (op === 'in') {
    if (!Array.isArray(b)) return false;
    if (Array.isArray(a)) return a.some((x) => b.includes(x)); // any overlap: `incident.impact.information in [...]`
    return b.includes(a);
  }
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (typeof a !== 'number' || typeof b !== 'number') return UNK;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function truth(v: unknown): Truth {
  if (v === true || v === false) return v;
  if (v === undefined || v === UNK || v === 'unknown') return 'unknown';
  // A bare path used as a condition: yes/true are true, no/false/null are false.
  if (v === 'yes') return true;
  if (v === 'no' || v === null) return false;
  return 'unknown';
}
