import { asArray, asRecord, asString, timeOf, type Data } from '../../model/access.ts';
import type { Finding } from '../../model/finding.ts';
import { mayContainSecret, mayHaveSecretKey, recordIsRed, SECRET_KEY, secretKind } from '../redaction.ts';
import { timestampOrderFinding } from '../../model/timestamp-order.ts';
import { normaliseTitle, type Section } from '../../parse/sections.ts';
import { tlpMarkers } from './tlp-markers.ts';

/**
 * Rules over one incident beyond the schema. Each is a small generator of findings (after
 * python/peps' check-peps.py); the validator runs them all and collects.
 */
export interface FileRuleInput {
  data: Data;
  file: string;
  body: string;
  bodyStartLine: number;
  /** The whole normalised file text, for cheap pre-filters (one regex test before walking data). */
  text?: string;
  /** The body's sections (parse/sections.ts), for rules about where things sit in the body. */
  sections?: readonly Section[];
  /** The lifecycle's phase ids, when known (hints then never suggest a phase that does not exist). */
  phases?: readonly string[];
}
export type FileRule = (input: FileRuleInput) => Iterable<Finding>;

/** `incidents/2026/INC-20261203-7KQF-phishing.md` must carry id INC-20261203-7KQF. */
export function* idMatchesFileName({ data, file }: FileRuleInput): Generator<Finding> {
  const id = asString(data['id']);
  if (!id) return;
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (base === `${id}.md` || base.startsWith(`${id}-`)) return;
  const stem = /^(INC-[0-9A-Z-]+?)(?:-[a-z].*)?\.md$/.exec(base)?.[1];
  yield { rule: 'id/file-name-mismatch', pointer: '/id', which: 'value',
    message: `id \`${id}\` does not match the file name \`${base}\`${stem ? ` (which names ${stem})` : ''}`,
    hint: `The file name starts with the id: rename the file to \`${id}-<slug>.md\`, or, if the file name is right, correct the id. Ids never change once merged.` };
}

const ORDER: readonly [string, string, string][] = [
  ['occurred_at', 'detected_at', 'an incident occurs before it is detected'],
  ['detected_at', 'reported_at', 'it is reported after it is detected'],
  ['detected_at', 'acknowledged_at', 'it is acknowledged after it is detected'],
  ['detected_at', 'declared_at', 'it is declared after it is detected'],
  ['detected_at', 'contained_at', 'it is contained after it is detected'],
  ['contained_at', 'eradicated_at', 'it is eradicated after it is contained'],
  ['contained_at', 'recovered_at', 'services recover after containment'],
  ['detected_at', 'resolved_at', 'it is resolved after it is detected'],
  ['resolved_at', 'closed_at', 'it is closed after it is resolved'],
  ['detected_at', 'closed_at', 'it is closed after it is detected'],
];

export function* timestampsInOrder({ data }: FileRuleInput): Generator<Finding> {
  for (const [before, after, why] of ORDER) {
    const f = timestampOrderFinding(data, before, after, why);
    if (f) yield f;
  }
}

/** A notice about an incident goes out after the incident is detected (a typo in a year, a paste). */
export function* noticesAfterDetection({ data }: FileRuleInput): Generator<Finding> {
  const detectedAt = asRecord(data['timestamps'])['detected_at'];
  const detected = timeOf(detectedAt);
  if (detected === undefined) return;
  const red = recordIsRed(data);
  for (const [i, n] of asArray(data['notifications']).entries()) {
    const sentAt = asRecord(n)['sent_at'];
    const t = timeOf(sentAt);
    if (t === undefined || t >= detected) continue;
    yield { rule: 'timestamps/order', pointer: `/notifications/${i}/sent_at`, which: 'value',
      message: `notification ${i + 1} is recorded as sent${red ? '' : ` (${String(sentAt)})`} before the incident was detected${red ? '' : ` (${String(detectedAt)})`}; a notice goes out after detection`,
      hint: 'Correct `sent_at` to when the notice was actually sent (or, if detection was earlier than recorded, correct `timestamps.detected_at`).' };
  }
}

export function* timelineSorted({ data }: FileRuleInput): Generator<Finding> {
  let last: number | undefined;
  let lastAt = '';
  for (const [i, e] of asArray(data['timeline']).entries()) {
    const at = asRecord(e)['at'];
    const t = timeOf(at);
    if (t === undefined) continue;
    if (last !== undefined && t < last) {
      const shown = recordIsRed(data) ? '' : ` (${String(at)})`;
      const before = recordIsRed(data) ? '' : ` (${lastAt})`;
      yield { rule: 'timeline/unsorted', pointer: `/timeline/${i}/at`, which: 'value',
        message: `timeline entry ${i + 1}${shown} is earlier than the entry before it${before}; the timeline is kept in time order`,
        hint: 'Move the entry to its place in time order. Existing entries are never edited once merged: only reorder entries added in this change.' };
    }
    if (last === undefined || t >= last) { last = t; lastAt = String(at); }
  }
}

export function* phaseHistoryConsistent({ data, phases }: FileRuleInput): Generator<Finding> {
  const history = asArray(data['phase_history']).map(asRecord);
  if (!history.length) return;
  const lastEntry = history[history.length - 1]!;
  if (lastEntry['phase'] !== data['phase']) {
    // A TLP:RED record's values are never echoed, not even a mistyped phase.
    const red = recordIsRed(data);
    const phase = red ? '<phase>' : String(data['phase']);
    yield { rule: 'phase-history/current-phase', pointer: '/phase', which: 'value',
      message: red
        ? '`phase` differs from the last `phase_history` entry (values withheld: TLP:RED)'
        : `\`phase\` is \`${phase}\` but the last \`phase_history\` entry is \`${String(lastEntry['phase'])}\``,
      hint: phases && !phases.includes(String(data['phase']))
        ? `First make \`phase\` one of the lifecycle's phases (${phases.join(', ')}); phases are changed with: npm run incident -- advance <id>`
        : `Append \`- { phase: ${phase}, entered_at: <now>, by: <you> }\` to phase_history, or use: npm run incident -- advance <id>` };
  }
  let prev: number | undefined;
  for (const [i, h] of history.entries()) {
    const t = timeOf(h['entered_at']);
    if (t !== undefined && prev !== undefined && t < prev) {
      yield { rule: 'phase-history/order', pointer: `/phase_history/${i}/entered_at`, which: 'value',
        message: `phase_history entry ${i + 1} is earlier than the entry before it; phases are entered in time order`,
        hint: 'Correct the time of the newest entry (existing entries are never edited).' };
    }
    if (t !== undefined) prev = t;
  }
}

export function* uniqueEntryIds({ data }: FileRuleInput): Generator<Finding> {
  for (const list of ['evidence', 'action_items']) {
    const seen = new Map<string, number>();
    for (const [i, e] of asArray(data[list]).entries()) {
      const id = asString(asRecord(e)['id']);
      if (!id) continue;
      if (seen.has(id)) {
        yield { rule: 'ids/duplicate-entry', pointer: `/${list}/${i}/id`, which: 'value',
          message: `\`${list}\` id \`${id}\` is used twice (entries ${seen.get(id)! + 1} and ${i + 1})`,
          hint: `Give the new entry the next free id, e.g. \`${id.replace(/\d+$/, (n) => String(Number(n) + asArray(data[list]).length))}\`.` };
      } else seen.set(id, i);
    }
  }
}

export function* notificationsReferToRegimes({ data }: FileRuleInput): Generator<Finding> {
  const regimes = new Set(asArray(data['regimes']).map((r) => asRecord(r)['id']));
  for (const [i, n] of asArray(data['notifications']).entries()) {
    const note = asRecord(n);
    const rid = note['regime_id'];
    if (rid === undefined && note['stakeholder'] === undefined) {
      yield { rule: 'notifications/no-target', pointer: `/notifications/${i}`, which: 'key',
        message: `notification ${i + 1} names neither a \`regime_id\` nor a \`stakeholder\``,
        hint: 'Add `regime_id: gdpr-art33` for a regulatory notice or `stakeholder: legal` for a party.' };
    } else if (typeof rid === 'string' && !regimes.has(rid)) {
      yield { rule: 'notifications/unknown-regime', pointer: `/notifications/${i}/regime_id`, which: 'value',
        message: `notification ${i + 1} is for regime \`${rid}\`, which has no decision in \`regimes\``,
        hint: `Record the decision first: \`regimes: [{ id: ${rid}, applicable: "yes", rationale: ..., decided_by: ..., decided_at: ... }]\`.` };
    }
  }
}

export function* selfReference({ data }: FileRuleInput): Generator<Finding> {
  const id = data['id'];
  if (id !== undefined && data['duplicate_of'] === id) {
    yield { rule: 'references/self', pointer: '/duplicate_of', which: 'value', message: 'an incident cannot be a duplicate of itself', hint: 'Point `duplicate_of` at the original incident id.' };
  }
  for (const [i, r] of asArray(data['related_incidents']).entries()) {
    if (r === id) yield { rule: 'references/self', pointer: `/related_incidents/${i}`, which: 'value', message: 'an incident cannot be related to itself', hint: 'Remove its own id from `related_incidents`.' };
  }
}

/** Credentials pasted into an incident are reported without being echoed. */
export function* noSecrets({ data, body, bodyStartLine, text }: FileRuleInput): Generator<Finding> {
  // Credential-named keys are looked for only when some line could hold one (most files: none).
  yield* secretsIn(data, text === undefined || mayHaveSecretKey(text));
  if (!mayContainSecret(body)) return;
  const lines = body.split('\n');
  for (const [i, line] of lines.entries()) {
    const kind = secretKind(line);
    if (kind) {
      yield { rule: 'secrets/in-body', line: bodyStartLine + i, message: `line looks like it contains a secret (${kind}); it is not shown`,
        hint: 'Remove it and rotate the credential: git history keeps it. Refer to secrets by name, e.g. "the leaked deploy key (vault: ci/deploy)".' };
    }
  }
}

/** Plain recursion over a path stack (no generators, no pointer strings unless something is found):
 * this walk visits every value of every file. */
function secretsIn(value: unknown, keyed: boolean, path: (string | number)[] = [], out: Finding[] = []): Finding[] {
  const key = path[path.length - 1];
  if (keyed && typeof key === 'string' && SECRET_KEY.test(key) && (typeof value === 'number' || (typeof value === 'string' && value.trim() !== ''))) {
    out.push({ rule: 'secrets/in-front-matter', pointer: pointerOf(path), which: 'value', message: `\`${path.join('.')}\` is a field for a credential and holds a value; it is not shown`,
      hint: 'Remove it and rotate the credential: git history keeps it. Say where the credential lives instead, e.g. `x-credential-ref: "vault: ci/deploy"`.' });
    return out;
  }
  if (typeof value === 'string') {
    const kind = secretKind(value);
    if (kind) {
      out.push({ rule: 'secrets/in-front-matter', pointer: pointerOf(path), which: 'value', message: `\`${path.join('.')}\` looks like it contains a secret (${kind}); it is not shown`,
        hint: 'Remove it and rotate the credential: git history keeps it. Record an indicator by its hash or a redacted form instead.' });
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) { path.push(i); secretsIn(value[i], keyed, path, out); path.pop(); }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) { path.push(k); secretsIn((value as Data)[k], keyed, path, out); path.pop(); }
  }
  return out;
}

function pointerOf(path: readonly (string | number)[]): string {
  return path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}


/** Bidirectional controls and zero-width characters make text display differently from what it
 * is ("Trojan Source"): a title rendered as "…exe.png" in a report or a PR summary. */
// Also bidi marks (U+200E, U+200F, U+061C), C0 controls other than tab and line ends, line/paragraph
// separators and Unicode tag characters (U+E0000–E007F, which can spell hidden text).
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069\u061C\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0085\u2028\u2029]|\uDB40[\uDC00-\uDC7F]/;
const INVISIBLE_G = new RegExp(INVISIBLE.source, 'g');

function invisibleNames(text: string): string {
  const codes = [...new Set(text.match(INVISIBLE_G) ?? [])].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return codes.join(', ');
}

export function* noInvisibleCharacters({ data, body, bodyStartLine, text }: FileRuleInput): Generator<Finding> {
  if (text !== undefined && !INVISIBLE.test(text)) return;
  const walk = function* (value: unknown, pointer: string): Generator<Finding> {
    if (typeof value === 'string') {
      if (INVISIBLE.test(value)) {
        yield { rule: 'text/invisible-characters', pointer, which: 'value',
          message: `\`${pointer.slice(1).replace(/\//g, '.')}\` contains invisible or direction-changing characters (${invisibleNames(value)}); they make text display differently from what it is`,
          hint: 'Remove them and retype the text; e.g. a right-to-left override turns "gnp.exe" into "exe.png" on screen.' };
      }
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) yield* walk(v, `${pointer}/${i}`);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const child = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (INVISIBLE.test(k)) yield { rule: 'text/invisible-characters', pointer: child, which: 'key', message: `a key contains invisible or direction-changing characters (${invisibleNames(k)})`, hint: 'Retype the key without them.' };
        yield* walk(v, child);
      }
    }
  };
  yield* walk(data, '');
  for (const [i, line] of body.split('\n').entries()) {
    if (INVISIBLE.test(line)) {
      yield { rule: 'text/invisible-characters', severity: 'warning', line: bodyStartLine + i,
        message: `line contains invisible or direction-changing characters (${invisibleNames(line)}); reviewers see something other than what is stored`,
        hint: 'Remove them unless the text really is right-to-left script that needs them.' };
    }
  }
}

/**
 * Each top-level section title once: reports pick sections by title (the first of each), so a
 * second `## Investigation` would silently be left out of every report, the internal one included.
 */
export function* uniqueSectionTitles({ sections }: FileRuleInput): Generator<Finding> {
  if (!sections?.length) return;
  const top = Math.min(...sections.map((s) => s.level));
  const first = new Map<string, number>();
  for (const s of sections) {
    if (s.level !== top) continue;
    const key = normaliseTitle(s.title);
    const at = first.get(key);
    if (at === undefined) { first.set(key, s.line); continue; }
    yield { rule: 'sections/duplicate', line: s.line,
      message: `section \`${'#'.repeat(top)} ${s.title}\` appears again (first at line ${at}); reports take one section per title, so this one would be left out of every report`,
      hint: `Merge it into the first one, or give it a title of its own, e.g. \`${'#'.repeat(top)} ${s.title} (continued)\`.` };
  }
}

const HTML_BLOCK_START = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;

/**
 * Raw HTML blocks (`<div>`, `<details>`, `<p>`) are left out of every report — with the text up to
 * the next blank line — since reports never carry markup from the record; GitHub shows them, so a
 * reviewer may approve text no report contains. A warning at each block, outside code fences.
 */
export function* rawHtmlLeftOut({ body, bodyStartLine }: FileRuleInput): Generator<Finding> {
  if (!/^ {0,3}<\/?[A-Za-z]/m.test(body)) return;
  let fence: string | undefined;
  let inBlock = false;
  for (const [i, line] of body.split('\n').entries()) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) { if (!fence) fence = f[1]![0]!; else if (f[1]![0] === fence) fence = undefined; inBlock = false; continue; }
    if (fence) continue;
    if (line.trim() === '') { inBlock = false; continue; }
    if (inBlock || !HTML_BLOCK_START.test(line)) continue;
    inBlock = true;
    yield { rule: 'body/raw-html', severity: 'warning', line: bodyStartLine + i,
      message: 'raw HTML here is left out of every report, with the lines after it up to the next blank line; GitHub shows it, the reports do not',
      hint: 'Write it as markdown (a paragraph, a list, a table); for a collapsible log excerpt use a ``` code block.' };
  }
}

/** Deeper than any real document; the report's renderers recurse once per level. */
const MAX_BODY_NESTING = 32;
/** Columns of indentation that only lists nested past that (two columns a level, and then some) reach. */
const MAX_BODY_INDENT = 128;
const CONTAINER_MARKERS = /^(?:[ \t]{0,3}(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|(?=>)|$))+/;

/**
 * Quotes and lists nested past MAX_BODY_NESTING levels (`>>>>…`, `- - - …`, or ever deeper
 * indentation) are refused: 3,000 levels made the report's renderers overflow the stack for every
 * incident, from one file that validated. Counted per line: markers at its start, and indentation.
 */
export function* boundedBodyNesting({ body, bodyStartLine }: FileRuleInput): Generator<Finding> {
  if (!/(?:>[ \t]*){8}|(?:[-*+][ \t]+){8}|^[ \t]{64}/m.test(body)) return;
  for (const [i, line] of body.split('\n').entries()) {
    const m = CONTAINER_MARKERS.exec(line);
    const markers = m ? (m[0].match(/>|[-*+]|\d{1,9}[.)]/g) ?? []).length : 0;
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    if (markers > MAX_BODY_NESTING || indent > MAX_BODY_INDENT) {
      yield { rule: 'body/too-deep', line: bodyStartLine + i,
        message: `quotes or lists are nested ${markers > MAX_BODY_NESTING ? `${markers} levels` : `${indent} columns`} deep here; at most ${MAX_BODY_NESTING} levels are rendered`,
        hint: 'Flatten the structure: quote or list at most a few levels deep (a log excerpt goes in a ``` code block).' };
      return;
    }
  }
}

export const FILE_RULES: readonly FileRule[] = [
  idMatchesFileName, timestampsInOrder, noticesAfterDetection, timelineSorted, phaseHistoryConsistent, uniqueEntryIds,
  notificationsReferToRegimes, selfReference, noSecrets, noInvisibleCharacters, tlpMarkers, uniqueSectionTitles, boundedBodyNesting, rawHtmlLeftOut,
];

