import { isDeepStrictEqual } from 'node:util';
import { parseIncidentFile } from '../parse/incident-file.ts';

/**
 * The safety net under every edit: the new bytes, read by the project's own parser, must hold exactly
 * the expected data. Anything else (a quoting slip, a layout the planner misjudged) is refused before
 * a byte is written, so a bug can cost an edit but never a record.
 */
export function verifyEdit(file: string, bytes: Uint8Array, expected: Record<string, unknown>): string | undefined {
  const parsed = parseIncidentFile(file, bytes);
  if (parsed.diagnostics.length) return `the edited file would not parse (${parsed.diagnostics[0]!.message}); nothing was written`;
  if (!isDeepStrictEqual(parsed.data, expected)) return 'the edited file would not hold exactly the intended data; nothing was written (please report this with the file)';
  return undefined;
}
