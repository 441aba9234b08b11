import type { Diagnostic } from '../model/diagnostic.ts';
import { toDiagnostic, type Finding } from '../model/finding.ts';
import { parseIncidentFile, type ParsedFile } from '../parse/incident-file.ts';
import { frameSources, isRedFile } from './redaction.ts';
import { fileId, type Validator } from './validator.ts';

/** The plan a worker share receives once every share's ids are known. */
export interface ValidatePlanMessage { knownIds: string[]; duplicates: [string, Finding][]; withSources: boolean }

/** What one share of a validate run hands back: its diagnostics and what the human output shows. */
export interface ShareResult {
  /** The files read and validated, in order. */
  files: string[];
  diagnostics: Diagnostic[];
  /** [file, text with secret and TLP:RED lines masked] for files with diagnostics (human output only). */
  sources: [string, string][];
  /** Files marked TLP:RED. */
  red: string[];
}

/**
 * A share of the files of a validate run, in two steps so that shares can run in parallel threads:
 * parse (and tell the ids), then — once the ids of every share are known (crossFilePlan) —
 * validate. Run in one share, this is exactly Validator.validateFiles.
 */
export class ValidateShare {
  readonly parsed: ParsedFile[];
  /** `readProblems`: files of the share that could not be read (reported with its diagnostics). */
  constructor(files: readonly { path: string; bytes: Uint8Array }[], readonly readProblems: readonly Diagnostic[] = []) {
    this.parsed = files.map((f) => parseIncidentFile(f.path, f.bytes));
  }

  /** File and id of each file read, in order (what crossFilePlan needs). */
  ids(): { file: string; id: string | undefined }[] {
    return this.parsed.map((f) => ({ file: f.file, id: fileId(f) }));
  }

  /**
   * `duplicates` is keyed by file path (entries for other shares' files are ignored); `extra` holds
   * findings about this share's files made elsewhere (duplicates of files outside the set), shown
   * with code frames like the share's own.
   */
  finish(validator: Validator, knownIds: ReadonlySet<string>, duplicates: ReadonlyMap<string, Finding>, withSources: boolean, extra: readonly Diagnostic[] = []): ShareResult {
    const diagnostics: Diagnostic[] = [...this.readProblems];
    const sources: [string, string][] = [];
    const extraOf = new Map<string, Diagnostic[]>();
    for (const d of extra) extraOf.set(d.file, [...(extraOf.get(d.file) ?? []), d]);
    this.parsed.forEach((f) => {
      const own = validator.validateFile(f, { knownIds });
      const dup = duplicates.get(f.file);
      if (dup) own.push(toDiagnostic(f, dup));
      own.push(...(extraOf.get(f.file) ?? []));
      diagnostics.push(...own);
      if (withSources && own.length) sources.push(...frameSources([f]));
    });
    const red = this.parsed.filter(isRedFile).map((p) => p.file);
    return { files: this.parsed.map((p) => p.file), diagnostics, sources, red };
  }
}
