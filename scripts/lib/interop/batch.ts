import type { Diagnostic, Severity } from '../model/diagnostic.ts';
import { safeClone } from './tree.ts';

/** Reports one problem about the source record being imported (no position: it is not our file). */
export type Diag = (rule: string, severity: Severity, message: string, hint: string) => void;

export interface SourceRecord {
  /** File name (or label) of the record, for diagnostics. */
  name: string;
  value: unknown;
}

export interface BatchOptions {
  /** Ids already in use; grows as the batch is imported. */
  takenIds: Set<string>;
  /** Source ids already imported (provenance.original_id → our id), to report re-imports. */
  importedSourceIds?: ReadonlyMap<string, string>;
}

export interface Mapper<T extends { id: string }> {
  /** Rule prefix and the name of one source item in messages (`veris`, `VERIS record`). */
  prefix: string;
  what: string;
  /** The source id of a record, or undefined when the value is not such a record (then reported). */
  sourceId(value: unknown, name: string, diag: Diag): string | undefined;
  map(value: unknown, sourceId: string, name: string, diag: Diag): T;
}

/**
 * The part every importer shares: per record a diagnostic sink, prototype-polluting keys removed
 * (and reported), duplicate source ids in the batch reported (the record still gets its own id),
 * records already in the repository skipped with a notice, and new ids reserved as they are made.
 */
export function importBatch<T extends { id: string }>(records: readonly SourceRecord[], opts: BatchOptions, mapper: Mapper<T>): { incidents: T[]; diagnostics: Diagnostic[] } {
  const incidents: T[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, string>();
  for (const rec of records) {
    const diag: Diag = (rule, severity, message, hint) => diagnostics.push({ rule, severity, file: rec.name, line: 0, column: 0, message, hint });
    const dropped: string[] = [];
    const value = safeClone(rec.value, '', dropped);
    for (const d of dropped) diag('input/unsafe-key', 'warning', `key \`${d}\` was not imported: keys named __proto__, constructor or prototype (or nesting deeper than 64 levels) are refused`, 'Rename the key in the source if it carries data.');
    const sourceId = mapper.sourceId(value, rec.name, diag);
    if (sourceId === undefined) continue;
    const prior = seen.get(sourceId.toLowerCase());
    if (prior) diag(`${mapper.prefix}/duplicate-id`, 'warning', `${mapper.what} id \`${sourceId}\` was already imported from ${prior} in this batch; this one gets its own id`, 'Check whether both describe the same incident; if so, keep one and mark the other `duplicate_of`.');
    else seen.set(sourceId.toLowerCase(), rec.name);
    const again = opts.importedSourceIds?.get(sourceId);
    if (again) {
      diag(`${mapper.prefix}/already-imported`, 'notice', `${mapper.what} \`${sourceId}\` is already in the repository as ${again}; not imported again`, `Edit ${again} instead, or delete it first to re-import.`);
      continue;
    }
    const one = mapper.map(value, sourceId, rec.name, diag);
    opts.takenIds.add(one.id);
    incidents.push(one);
  }
  return { incidents, diagnostics };
}
