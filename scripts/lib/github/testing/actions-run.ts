import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/main.ts';
import type { FakeGithub } from './fake-github.ts';

// Test support: runs `incident …` in-process the way an Actions step would — event payload behind
// GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY pointing at temp files, the API at the
// fake server.

type Json = Record<string, unknown>;

/** A payload from @octokit/webhooks-examples (deep copy), picked by event name and predicate. */
export function exampleEvent(name: string, pick: (p: Json) => boolean = () => true): Json {
  const require = createRequire(import.meta.url);
  const all = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Json[] }>;
  const found = all.find((e) => e.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no webhook example for ${name}`);
  return structuredClone(found);
}

export interface StepRun { code: number; stdout: string; stderr: string; outputs: Record<string, string>; summary: string; dir: string }

export async function runAsAction(fake: FakeGithub, argv: string[], event: { name: string; payload: Json }, opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<StepRun> {
  const dir = mkdtempSync(join(tmpdir(), 'il-actions-'));
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event.payload));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const out: string[] = [];
  const err: string[] = [];
  const env = {
    GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: event.name, GITHUB_EVENT_PATH: eventPath, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary,
    GITHUB_REPOSITORY: `${fake.owner}/${fake.repo}`, GITHUB_API_URL: fake.url, GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '4242',
    GITHUB_TOKEN: 'ghs_test-token', INCIDENT_GITHUB_PACING: 'off', INCIDENT_GITHUB_RETRY_BASE_MS: '1', ...opts.env,
  };
  const code = await main(argv, { cwd: opts.cwd ?? dir, env, interactive: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join(''), outputs: parseOutputs(readFileSync(output, 'utf8')), summary: readFileSync(summary, 'utf8'), dir };
}

/** Reads the `name<<DELIM … DELIM` format of GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}
