import { parseDocument } from 'yaml';
import { readShippedJson } from '../io/shipped-schemas.ts';
import { createAjv } from '../validate/ajv.ts';

/** The organisation settings file at the repository root (other blocks are read by other verbs). */
export const SETTINGS_FILE = '.incident-ledger.yml';
const SETTINGS_LIMIT_BYTES = 256 * 1024;

export interface RoleApprovers { users?: string[]; teams?: string[] }
export type Approvers = Record<string, RoleApprovers>;

export class ApproversConfigError extends Error {}

/**
 * The `approvers:` block of the settings text, validated by schemas/approvers.schema.json. A missing
 * file or block means nobody is configured (every approval gate then stays unsatisfied, with a
 * message naming the role). Callers pass the file as it is at the pull request's BASE commit.
 */
export function parseApprovers(text: string): Approvers {
  if (Buffer.byteLength(text) > SETTINGS_LIMIT_BYTES) throw new ApproversConfigError(`${SETTINGS_FILE} is larger than 256 KiB`);
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new ApproversConfigError(`${SETTINGS_FILE}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    throw new ApproversConfigError(`${SETTINGS_FILE}: ${(e as Error).message} (anchors and aliases are not allowed)`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ApproversConfigError(`${SETTINGS_FILE} must be a mapping, e.g. \`approvers: { legal: { teams: [example-org/legal] } }\``);
  const block = { approvers: (data as Record<string, unknown>)['approvers'] ?? {} };
  const validate = createAjv().compile(readShippedJson('schemas/approvers.schema.json') as object);
  if (!validate(block)) {
    const err = validate.errors![0]!;
    const at = err.instancePath.replace(/^\//, '').replace(/\//g, '.');
    throw new ApproversConfigError(`${SETTINGS_FILE}: \`${at || 'approvers'}\` ${err.message ?? 'is invalid'}; expected e.g. \`approvers: { legal: { users: [dpo-jane], teams: [example-org/legal] } }\``);
  }
  return block.approvers as Approvers;
}
