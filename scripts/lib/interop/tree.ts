/** Small helpers over JSON-like trees (records read from other systems). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Tree = Record<string, unknown>;

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A deep copy with keys that could reach an object prototype removed (their paths are returned so
 * the caller can report them: nothing is dropped silently). Depth is bounded.
 */
export function safeClone(value: unknown, path = '', dropped: string[] = [], depth = 0): unknown {
  if (depth > 64) { dropped.push(`${path} (nested deeper than 64 levels)`); return null; }
  if (Array.isArray(value)) return value.map((v, i) => safeClone(v, `${path}/${i}`, dropped, depth + 1));
  if (value && typeof value === 'object') {
    const out: Tree = {};
    for (const [k, v] of Object.entries(value)) {
      if (UNSAFE_KEYS.has(k)) { dropped.push(`${path}/${k}`); continue; }
      out[k] = safeClone(v, `${path}/${k}`, dropped, depth + 1);
    }
    return out;
  }
  return value;
}

export function isObject(v: unknown): v is Tree {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function getPath(tree: unknown, path: readonly string[]): unknown {
  let cur = tree;
  for (const k of path) {
    if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function setPath(tree: Tree, path: readonly string[], value: unknown): void {
  let cur = tree;
  for (const k of path.slice(0, -1)) {
    if (!isObject(cur[k])) cur[k] = {};
    cur = cur[k] as Tree;
  }
  cur[path[path.length - 1]!] = value;
}

/** Deletes the value at `path` and every object that the deletion left empty. */
export function deletePath(tree: Tree, path: readonly string[]): void {
  const parents: Tree[] = [tree];
  let cur: unknown = tree;
  for (const k of path.slice(0, -1)) {
    cur = isObject(cur) ? cur[k] : undefined;
    if (!isObject(cur)) return;
    parents.push(cur);
  }
  delete parents[parents.length - 1]![path[path.length - 1]!];
  for (let i = parents.length - 1; i > 0; i--) {
    if (Object.keys(parents[i]!).length) break;
    delete parents[i - 1]![path[i - 1]!];
  }
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** `base` with `extra` merged in where `base` has no value (base wins on conflicts). */
export function mergePreferBase(base: unknown, extra: unknown): unknown {
  if (base === undefined) return extra;
  if (isObject(base) && isObject(extra)) {
    const out: Tree = { ...base };
    for (const [k, v] of Object.entries(extra)) out[k] = mergePreferBase(base[k], v);
    return out;
  }
  return base;
}

/** Keys sorted at every level (deterministic output). Arrays keep their order. */
export function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (isObject(v)) {
    const out: Tree = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeysDeep(v[k]);
    return out;
  }
  return v;
}

/** Every leaf path of a tree (arrays are leaves: compared whole). */
export function leafPaths(v: unknown, prefix: string[] = []): string[][] {
  if (isObject(v) && Object.keys(v).length) return Object.entries(v).flatMap(([k, x]) => leafPaths(x, [...prefix, k]));
  return [prefix];
}
