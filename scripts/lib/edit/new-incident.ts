import { secretKind } from '../validate/redaction.ts';
import { renderScalar } from './scalar.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `INC-<yyyymmdd>-<4 Crockford base32 chars>` from the UTC date and 20 random bits. */
export function incidentId(now: Date, random: Uint8Array): string {
  if (random.length < 3) throw new Error('incidentId needs 3 random bytes');
  const bits = (random[0]! << 12) | (random[1]! << 4) | (random[2]! >> 4);
  let suffix = '';
  for (let i = 3; i >= 0; i--) suffix += CROCKFORD[(bits >> (i * 5)) & 31];
  return `INC-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${suffix}`;
}

/** Random-looking runs (keys, tokens): letters and digits, 20 characters or more. */
const TOKEN_LIKE = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_\-+/=.]{20,}$/;

/**
 * A file-name slug from the title: ASCII, lower case, words joined by '-', at most 48 characters.
 * Words that look like a credential are left out: a file name is printed everywhere (logs, PR
 * file lists, git history) and cannot be withheld like a value.
 */
export function slugify(title: string): string {
  const safe = title.split(/\s+/).filter((w) => !secretKind(w) && !TOKEN_LIKE.test(w)).join(' ');
  const words = safe.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 48) break;
    slug = next;
  }
  return slug || 'incident';
}

/**
 * Fills `{{name}}` placeholders. In the front matter each value is written as a YAML scalar (quoted
 * when needsQuotesForYaml11 says so), or escaped for the double-quoted string it stands in; in the
 * body it is written as is. Comments and everything else in the template stay. Returns the names
 * that had no value, so a template and the code cannot drift apart silently.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): { text: string; unknown: string[] } {
  const unknown = new Set<string>();
  const lines = template.split('\n');
  let fences = 0;
  const out = lines.map((line, i) => {
    const inFront = fences === 1;
    if (/^---[ \t]*\r?$/.test(line) && (i === 0 || fences === 1)) fences++;
    if (!inFront) return line.replace(/\{\{(\w+)\}\}/g, (m, name: string) => values[name] ?? (unknown.add(name), m));
    return line.replace(/\{\{(\w+)\}\}/g, (m, name: string, offset: number) => {
      const v = values[name];
      if (v === undefined) { unknown.add(name); return m; }
      return insideDoubleQuotes(line, offset) ? JSON.stringify(v).slice(1, -1) : renderScalar(v);
    });
  });
  return { text: out.join('\n'), unknown: [...unknown] };
}

function insideDoubleQuotes(line: string, offset: number): boolean {
  let inside = false;
  for (let i = 0; i < offset; i++) {
    if (line[i] === '\\' && inside) { i++; continue; }
    if (line[i] === '"') inside = !inside;
    if (line[i] === '#' && !inside && (i === 0 || line[i - 1] === ' ')) return false;
  }
  return inside;
}
