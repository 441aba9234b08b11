import type { ParsedFile } from '../parse/incident-file.ts';
import { labelOf } from '../render/report/tlp.ts';
/**
 * Whether a value may be echoed into a diagnostic. Logs of CI runs are readable by everyone with
 * read access (and, on public repositories, by everyone): nothing under TLP:RED and nothing that
 * looks like a credential is ever printed.
 */
const SECRET_PATTERNS: readonly [string, RegExp][] = [
  ['private key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Stripe secret key', /\b[sr]k_live_[0-9a-zA-Z]{20,}\b/],
  ['JSON web token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b/],
  // Scheme length bounded: an unbounded `[a-z0-9+.-]*` backtracked for 9 s on 100 KB of `a-a-a-`.
  ['password in URL', /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/@]+:[^\s@/]{3,}@/i],
  ['bearer token', /\bbearer\s+[A-Za-z0-9._~+/-]{20,}=*/i],
  ['Azure storage key', /\bAccountKey=[A-Za-z0-9+/]{20,}/i],
  // A value with a digit, 6+ characters, not a placeholder (`<from vault>`, `${DB_PASSWORD}`): so
  // `?password=reset` or `?token=expired` in a quoted phishing URL is not taken for a credential.
  ['credential assignment', /\b(?:pass(?:word|wd|phrase)?|pwd|secret|client_secret|(?:api|access|secret|private)[_-]?key|(?:access|refresh|auth|api)?[_-]?token)\s*=\s*(?![<$%{])(?=[^\s,;&'"]*\d)[^\s,;&'"]{6,}/i],
  // `password: …` in prose is common ("Password: rotated on 2026-12-03"); a value with both letters
  // and digits and no spaces is what a pasted password looks like.
  ['password', /\b(?:pass(?:word|wd|phrase)|pwd)\s*:\s*(?=\S*\d)(?=\S*[A-Za-z])\S{6,}/i],
];

/**
 * A cheap superset of SECRET_PATTERNS (their literal anchors, one pass): most text does not match it,
 * so the precise patterns run only on a hit. Keeps the secret scan off the profile.
 */
const MAY_BE_SECRET = /PRIVATE KEY|AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|AIza|k_live_|eyJ|:\/\/[^\s/@]+@|[Bb]earer|AccountKey|[Pp](?:ass|wd)|PASS|PWD|[Ss]ecret|SECRET|[Kk]ey\s*=|KEY\s*=|[Tt]oken\s*=|TOKEN\s*=/;

/**
 * Front-matter keys that name a credential (`password: hunter2`, `owner: {api_key: …}`): their
 * values are never shown, whatever they look like. SECRET_KEY_LINE finds such a key on a file line
 * (block or flow style), also as a cheap pre-filter before walking the data.
 */
const CREDENTIAL_KEY = String.raw`(?:pass(?:word|wd|phrase)?|pwd|secret|client_secret|(?:api|access|secret|private)[_-]?key|(?:access|refresh|auth|api|bearer)?[_-]?token|credentials?)`;
export const SECRET_KEY = new RegExp(`^${CREDENTIAL_KEY}$`, 'i');
const SECRET_KEY_LINE = new RegExp(String.raw`(?:^|[\s{,])["']?${CREDENTIAL_KEY}["']?[ \t]*:[ \t]*[^\s}#]`, 'i');

/** Whether a line of the file may hold a value under a credential-named key. */
export function hasSecretKey(text: string): boolean {
  return SECRET_KEY_LINE.test(text);
}

/** A cheap superset of hasSecretKey for a whole file (literal first: ~40% faster over 10,000 files). */
const MAY_HAVE_SECRET_KEY = /(?:pass(?:word|wd|phrase)?|pwd|secret|key|token|credentials?)["']?[ \t]*:[ \t]*[^\s}#]/i;
export function mayHaveSecretKey(text: string): boolean {
  return MAY_HAVE_SECRET_KEY.test(text);
}

/** False when `text` certainly holds none of the secrets secretKind() recognises. */
export function mayContainSecret(text: string): boolean {
  return MAY_BE_SECRET.test(text);
}

export function secretKind(text: string): string | undefined {
  if (!MAY_BE_SECRET.test(text)) return undefined;
  for (const [kind, re] of SECRET_PATTERNS) if (re.test(text)) return kind;
  return undefined;
}

/** A TLP label that means red, also when misspelt (`TLP:red`, ` TLP:RED `): withholding errs on the safe side. */
export function isRedTlp(tlp: unknown): boolean {
  return typeof tlp === 'string' && /^\s*tlp:\s*red\s*$/i.test(tlp);
}

/**
 * Whether a whole record is treated as TLP:RED when deciding what to echo: its `tlp` is TLP:RED, or
 * missing or not one of the five labels (`[TLP:RED]`, `TLP:red`, a typo). The reports withhold such
 * a record as TLP:RED (labelOf); diagnostics about it must not show more than the reports would.
 */
export function recordIsRed(data: Record<string, unknown>): boolean {
  return labelOf(data['tlp']) === 'TLP:RED';
}

/**
 * Files none of whose lines may be shown: records treated as TLP:RED (recordIsRed), and files whose
 * front matter cannot be read (so their TLP is unknown) that mention TLP:RED anywhere.
 */
export function isRedFile(parsed: Pick<ParsedFile, 'data' | 'text'>): boolean {
  return parsed.data ? recordIsRed(parsed.data) : /TLP:\s*RED/i.test(parsed.text);
}

/** Why the value at `pointer` must not be shown, or false when it may be. */
export function withheldReason(data: Record<string, unknown> | undefined, pointer: string, value: unknown): string | false {
  if (typeof value === 'string' && secretKind(value)) return 'looks like a secret';
  if (SECRET_KEY.test(pointer.slice(pointer.lastIndexOf('/') + 1))) return 'a credential-named field';
  if (!data) return false;
  if (recordIsRed(data)) return isRedTlp(data['tlp']) ? 'TLP:RED' : 'tlp missing or invalid, treated as TLP:RED';
  const m = /^\/(timeline|indicators)\/(\d+)/.exec(pointer);
  if (m) {
    const list = data[m[1]!];
    const entry = Array.isArray(list) ? list[Number(m[2])] : undefined;
    if (entry && typeof entry === 'object' && isRedTlp((entry as Record<string, unknown>)['tlp'])) return 'TLP:RED';
  }
  return false;
}

const PEM_BEGIN = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/;
const PEM_END = /-----END (?:[A-Z]+ )*PRIVATE KEY-----/;

/**
 * File lines (1-based) that must never appear in a code frame: lines that look like a secret,
 * whole private-key blocks (their base64 lines match no pattern), and every line of a TLP:RED
 * timeline entry or indicator. A whole TLP:RED record is withheld by the renderer itself.
 */
export function withheldLines(parsed: ParsedFile): Set<number> {
  const out = new Set<number>();
  const lines = parsed.text.split('\n');
  let inKey = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inKey && PEM_BEGIN.test(line)) inKey = true;
    if (inKey || secretKind(line) || (i < parsed.bodyStartLine - 1 && hasSecretKey(line))) out.add(i + 1);
    if (inKey && PEM_END.test(line)) inKey = false;
  }
  const data = parsed.data;
  if (!data) return out;
  for (const list of ['timeline', 'indicators']) {
    const entries = data[list];
    if (!Array.isArray(entries)) continue;
    for (const [i, e] of entries.entries()) {
      if (!e || typeof e !== 'object' || !isRedTlp((e as Record<string, unknown>)['tlp'])) continue;
      const start = parsed.locate(`/${list}/${i}`, 'value');
      if (start.line < 1) continue;
      out.add(start.line);
      // The entry goes on while lines are indented at least as far as its content.
      for (let n = start.line + 1; n <= lines.length; n++) {
        const text = lines[n - 1]!;
        if (text.trim() !== '' && (text.length - text.trimStart().length < start.column - 1 || /^---\s*$/.test(text))) break;
        out.add(n);
      }
    }
  }
  return out;
}

/**
 * What a code frame may show of each file: its text with the withheld lines masked (secrets,
 * private keys, TLP:RED entries). Every human output builds its frame sources here.
 */
export function frameSources(files: Iterable<ParsedFile>): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) out.set(f.file, maskLines(f.text, withheldLines(f)));
  return out;
}

/** `text` with the given 1-based lines replaced by a marker (for code frames). */
export function maskLines(text: string, lines: ReadonlySet<number>): string {
  if (!lines.size) return text;
  return text.split('\n').map((l, i) => (lines.has(i + 1) ? '(line withheld)' : l)).join('\n');
}
