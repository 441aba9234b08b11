/** Shared wording helpers for diagnostics: how values and fields are shown to people. */
import { closest, distance } from 'fastest-levenshtein';

/** A key or word as shown in a message: at most 60 characters (a hostile 200 KB key stays out of logs). */
export function showKey(key: string): string {
  return key.length > 60 ? `${key.slice(0, 57)}...` : key;
}

/** Dotted display path of an ajv pointer: `/timeline/2/at` → `timeline[2].at`. */
export function displayPath(pointer: string): string {
  let out = '';
  for (const seg of pointer.split('/').slice(1)) {
    const s = showKey(seg.replace(/~1/g, '/').replace(/~0/g, '~'));
    out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  }
  return out || '(front matter)';
}

export function pointerOf(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A value as it appears in a message: short, quoted, or withheld when it must not reach logs. */
export function showValue(value: unknown, withheld: string | false): string {
  if (withheld) return `(value withheld: ${withheld})`;
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (value === null) return 'null (empty)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** A value with its type, for type errors: `string "yes"`, `number 42`, `a list`, `a mapping`. */
export function showTyped(value: unknown, withheld: string | false): string {
  if (withheld) return `${typeName(value)} (value withheld: ${withheld})`;
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeName(value)} ${showValue(value, false)}`;
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

/** "did you mean" candidate: the closest allowed word within a small edit distance. */
export function didYouMean(word: string, allowed: readonly string[]): string | undefined {
  // Edit distance is quadratic: no suggestion for words far longer than any allowed one.
  if (!allowed.length || word.length > 64) return undefined;
  // `amber` → `TLP:AMBER`, `Suspected` → `suspected`: case and a missing prefix are not typos.
  const lower = word.toLowerCase();
  const byCase = allowed.find((a) => a.toLowerCase() === lower || a.toLowerCase().endsWith(`:${lower}`));
  if (byCase) return byCase;
  const best = closest(word.toLowerCase(), allowed.map((a) => a.toLowerCase()));
  const idx = allowed.findIndex((a) => a.toLowerCase() === best);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), best) <= limit ? allowed[idx] : undefined;
}

export function listWords(words: readonly unknown[], max = 12): string {
  const shown = words.slice(0, max).map((w) => String(w));
  return shown.join(', ') + (words.length > max ? `, … (${words.length - max} more)` : '');
}
