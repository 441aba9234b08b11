import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { asString, timeOf } from '../lib/model/access.ts';
import { hasErrors, type Diagnostic } from '../lib/model/diagnostic.ts';
import { applyOps, expectedData, type EditOp } from '../lib/edit/ops.ts';
import { verifyEdit } from '../lib/edit/verify.ts';
import { ConflictError, readSnapshot, writeFileAtomic, type FileSnapshot } from '../lib/io/atomic-write.ts';
import { gitIdentity } from '../lib/io/git-identity.ts';
import { collectIncidentFiles } from '../lib/io/incident-files.ts';
import { shippedValidator } from '../lib/io/shipped-validator.ts';
import { parseIncidentFile, type ParsedFile } from '../lib/parse/incident-file.ts';
import { formatHuman } from '../lib/render/diagnostics-human.ts';
import { frameSources, isRedFile } from '../lib/validate/redaction.ts';
import { EXIT, UsageError, type CliIo } from './io.ts';

/** The world an authoring command needs, injectable so tests fix the clock, randomness and author. */
export interface EditDeps {
  now(): Date;
  identity(cwd: string, env: Record<string, string | undefined>): Promise<string | undefined>;
  randomBytes(n: number): Uint8Array;
}

export const defaultDeps: EditDeps = {
  now: () => new Date(),
  identity: gitIdentity,
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
};

/** A user-data problem (unknown id, invalid file, gate not met): one clear message, exit 1. */
export class CommandFailure extends Error {
  /** `jsonShown`: the command already printed its JSON answer (runCommand adds none). */
  constructor(message: string, readonly jsonShown = false) { super(message); }
}

/** RFC 3339 in UTC to the second: `2026-12-03T09:30:00Z`. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

/** Clock skew tolerated before a given time counts as "in the future". */
const SKEW_MS = 5 * 60_000;

/**
 * A time given on the command line: RFC 3339 with an offset, kept exactly as written (no silent
 * conversion to UTC). A record of what happened cannot be dated after `now`.
 */
export function parseTimeOption(name: string, value: string | undefined, now: Date): string {
  if (value === undefined) return isoSeconds(now);
  // timeOf, not Date.parse: 30 February is refused here, not rolled over into March.
  const t = RFC3339.test(value) ? timeOf(value) : undefined;
  if (t === undefined) throw new UsageError(`${name} must be an RFC 3339 time with an offset, e.g. 2026-12-03T09:30:00Z (got "${value}")`);
  if (t > now.getTime() + SKEW_MS) throw new UsageError(`${name} ${value} is in the future (now is ${isoSeconds(now)}); record things when they have happened`);
  return value;
}

export async function author(io: CliIo, deps: EditDeps, by: string | undefined): Promise<string> {
  const who = by ?? (await deps.identity(io.cwd, io.env));
  if (!who || !who.trim()) throw new UsageError('who is recording this? Set it with `git config user.name "a.ng"` or pass --by <handle>');
  return who.trim();
}

/** Runs a command body: failures become one message and exit 1; usage errors go to main (exit 2). */
/**
 * Runs an authoring verb: a refusal (CommandFailure, ConflictError) is printed and exits 1. With
 * `--format json` a refusal is also a JSON answer on stdout (`{"ok":false,"error":…}`), so scripts
 * reading stdout never get nothing.
 */
export async function runCommand(io: CliIo, setExit: (c: number) => void, body: () => Promise<void>, format?: string): Promise<void> {
  try {
    await body();
  } catch (err) {
    // Every refusal answers in JSON too, a usage error (exit 2, reported by main) included, unless
    // the command already gave its own JSON answer.
    const refusal = err instanceof UsageError || err instanceof CommandFailure || err instanceof ConflictError;
    if (refusal && format === 'json' && !(err instanceof CommandFailure && err.jsonShown)) io.stdout(`${JSON.stringify({ ok: false, error: err.message })}\n`);
    if (err instanceof CommandFailure || err instanceof ConflictError) {
      io.stderr(`error: ${err.message}\n`);
      setExit(EXIT.findings);
      return;
    }
    throw err;
  }
}

export interface LoadedIncident {
  /** Repository-relative path. */
  file: string;
  abs: string;
  snapshot: FileSnapshot;
  /** Decoded text as on disk (BOM and line ends included). */
  raw: string;
  parsed: ParsedFile;
  data: Record<string, unknown>;
  knownIds: ReadonlySet<string>;
}

const ID_SHAPE = /^INC-[0-9]{4}(?:[0-9]{4})?-[0-9A-Z]{3,8}$/;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Finds the incident by id across incidents/ and reads it for editing. Refuses (exit 1) an unknown id,
 * an ambiguous one, and a file that does not validate: an edit must never build on a broken record.
 */
export async function loadIncident(io: CliIo, id: string): Promise<LoadedIncident> {
  if (!ID_SHAPE.test(id)) throw new CommandFailure(`"${id}" is not an incident id; ids look like INC-20261203-7KQF`);
  const { files } = await collectIncidentFiles(io.cwd, []);
  const all = files.map((f) => parseIncidentFile(f.path, f.bytes));
  const knownIds = new Set(all.map((p) => asString(p.data?.['id'])).filter((x): x is string => !!x));
  const matches = all.filter((p) => p.data?.['id'] === id);
  if (matches.length === 0) {
    const near = [...knownIds].filter((k) => k.slice(0, 12) === id.slice(0, 12)).slice(0, 3);
    throw new CommandFailure(`no incident with id ${id} under incidents/${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; list them with: npm run incident -- validate`);
  }
  if (matches.length > 1) throw new CommandFailure(`id ${id} is used by ${matches.map((m) => m.file).join(' and ')}; fix the duplicate first`);
  const file = matches[0]!.file;
  const abs = join(io.cwd, file);
  const snapshot = await readSnapshot(abs);
  const parsed = parseIncidentFile(file, snapshot.bytes);
  if (!parsed.data) throw new CommandFailure(`${file} cannot be read (${parsed.diagnostics[0]?.message ?? 'no front matter'})`);
  refuseInvalid(io, parsed, knownIds, `${file} does not validate, so it is not edited; fix it first (see above, or run: npm run incident -- validate ${file})`);
  return { file, abs, snapshot, raw: decoder.decode(snapshot.bytes), parsed, data: parsed.data, knownIds };
}

function refuseInvalid(io: CliIo, parsed: ParsedFile, knownIds: ReadonlySet<string>, message: string): void {
  const diags = shippedValidator().validateFile(parsed, { knownIds }).filter((d) => d.severity === 'error');
  if (hasErrors(diags)) {
    printDiagnostics(io, parsed, diags);
    throw new CommandFailure(message);
  }
}

/** The one-line confirmation for people, or one JSON object for scripts (`--format json`). */
export function confirm(io: CliIo, format: string | undefined, human: string, json: Record<string, unknown>): void {
  io.stdout(format === 'json' ? `${JSON.stringify(json)}\n` : `${human}\n`);
}

/** A closed incident is frozen until it is reopened (data model: transition rules). */
export function refuseClosed(inc: LoadedIncident, id: string): void {
  if (inc.data['phase'] === 'closed') {
    throw new CommandFailure(`${id} is closed, and a closed incident is frozen; reopen it first: npm run incident -- advance ${id} --to investigation --reason "<why>" (${inc.file})`);
  }
}

export function printDiagnostics(io: CliIo, parsed: ParsedFile, diags: readonly Diagnostic[]): void {
  const red = new Set(isRedFile(parsed) ? [parsed.file] : []);
  io.stderr(formatHuman(diags, frameSources([parsed]), red));
}

/**
 * Plans the operations, checks the result reads back as exactly the intended data and still
 * validates, then writes it atomically — only if the file on disk is still the one that was read.
 */
export async function saveEdit(io: CliIo, inc: LoadedIncident, ops: readonly EditOp[]): Promise<void> {
  // New top-level keys go to their schema place: the key order of the schema the validator holds.
  const schema = shippedValidator().config.schema as { properties: Record<string, unknown> };
  const result = applyOps(inc.raw, ops, Object.keys(schema.properties));
  if (!result.ok) throw new CommandFailure(`${inc.file}: ${result.error}`);
  const bytes = new TextEncoder().encode(result.text);
  const problem = verifyEdit(inc.file, bytes, expectedData(inc.data, ops));
  if (problem) throw new CommandFailure(`${inc.file}: ${problem}`);
  refuseInvalid(io, parseIncidentFile(inc.file, bytes), inc.knownIds, `the change would leave ${inc.file} invalid (see above); nothing was written`);
  await writeFileAtomic(inc.abs, bytes, inc.snapshot);
}
