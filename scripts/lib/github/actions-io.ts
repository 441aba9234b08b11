import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { escapeData, escapeProperty } from '../render/diagnostics-github.ts';

// The Actions runner's file-based interface: the event payload (GITHUB_EVENT_PATH), step outputs
// (GITHUB_OUTPUT) and the job summary (GITHUB_STEP_SUMMARY), plus workflow commands on stdout.

export type Env = Record<string, string | undefined>;

/** GitHub refuses job summaries above 1 MiB per step ("upload aborted"). */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Webhook payloads are capped at 25 MB by GitHub; anything larger is not an event file. */
const EVENT_LIMIT_BYTES = 25 * 1024 * 1024;

export class ActionsEnvError extends Error {}

export interface RepoRef { owner: string; repo: string }

export function repoFromEnv(env: Env): RepoRef {
  const full = env['GITHUB_REPOSITORY'] ?? '';
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(full);
  if (!m) throw new ActionsEnvError(`GITHUB_REPOSITORY must be "<owner>/<repo>", e.g. "acme/incidents" (got ${full ? JSON.stringify(full) : 'nothing'})`);
  return { owner: m[1]!, repo: m[2]! };
}

/** The webhook payload that started the workflow. */
export function readEvent(env: Env): { name: string; payload: Record<string, unknown> } {
  const path = env['GITHUB_EVENT_PATH'];
  if (!path) throw new ActionsEnvError('GITHUB_EVENT_PATH is not set: run this inside GitHub Actions, or point it at a webhook payload JSON file');
  let text: string;
  try {
    if (statSync(path).size > EVENT_LIMIT_BYTES) throw new ActionsEnvError(`event file ${path} is larger than 25 MB`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ActionsEnvError) throw e;
    throw new ActionsEnvError(`cannot read the event file GITHUB_EVENT_PATH=${path}: ${(e as Error).message}`);
  }
  let payload: unknown;
  try { payload = JSON.parse(text); } catch { throw new ActionsEnvError(`event file ${path} is not JSON`); }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new ActionsEnvError(`event file ${path} does not hold a JSON object`);
  return { name: env['GITHUB_EVENT_NAME'] ?? '', payload: payload as Record<string, unknown> };
}

/**
 * Appends `name<<DELIM … DELIM` blocks to GITHUB_OUTPUT. The delimiter is random and checked not to
 * occur in the value, so a value cannot smuggle in further outputs.
 */
export function setOutputs(env: Env, outputs: Record<string, string | number | boolean>): void {
  const file = env['GITHUB_OUTPUT'];
  if (!file) return;
  let text = '';
  for (const [name, raw] of Object.entries(outputs)) {
    const value = String(raw);
    let delim: string;
    do { delim = `ghadelimiter_${randomBytes(12).toString('hex')}`; } while (value.includes(delim));
    text += `${name}<<${delim}\n${value}\n${delim}\n`;
  }
  appendFileSync(file, text);
}

/** Appends markdown to the job summary, keeping the step's total under GitHub's 1 MiB limit. */
export function appendSummary(env: Env, markdown: string): void {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file) return;
  let used = 0;
  try { used = statSync(file).size; } catch { /* not created yet */ }
  const room = SUMMARY_LIMIT_BYTES - used - 200;
  let text = markdown.endsWith('\n') ? markdown : markdown + '\n';
  if (Buffer.byteLength(text) > room) {
    const note = '\n\n_(summary truncated: GitHub keeps at most 1 MiB per step; see the job log for the rest)_\n';
    text = Buffer.from(text).subarray(0, Math.max(0, room - Buffer.byteLength(note))).toString('utf8').replace(/\uFFFD$/, '') + note;
  }
  if (room > 0) appendFileSync(file, text);
}

/** `::warning title=…::message` (or error/notice), escaped so the text cannot start another command. */
export function workflowCommand(kind: 'error' | 'warning' | 'notice', message: string, title?: string): string {
  return `::${kind}${title ? ` title=${escapeProperty(title)}` : ''}::${escapeData(message)}\n`;
}
