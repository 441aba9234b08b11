import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { runAdvance } from './advance.ts';
import { capture, tempRepo } from '../test-support.ts';
import { runCommand, type EditDeps } from '../edit-session.ts';
import type { Prompter } from '../prompts.ts';
import { parseIncidentFile } from '../../lib/parse/incident-file.ts';
import { shippedValidator } from '../../lib/io/shipped-validator.ts';

const HQP = 'incidents/2026/INC-20261130-4HQP-payroll-phishing-report.md';

const ANSWERS = {
  'timestamps.declared_at': '2026-11-30T12:05:00Z', 'timestamps.aware_at': '2026-11-30T12:05:00Z', severity: 'sev3',
  'category.class': 'fraud', 'category.type': 'phishing', 'impact.functional': 'no-impact', 'impact.recoverability': 'regular', attack_vector: 'email-phishing',
  suspected_malicious: 'yes', 'scope.cross_border': 'no', 'personal_data.involved': 'no',
};

/** A terminal user who answers from a table (the clack adapter itself is driven through a pty in new.pty.test.ts). */
function scripted(answers: Record<string, string>, asked: string[]): Prompter {
  const pick = (message: string) => {
    const key = Object.keys(answers).find((k) => message.startsWith(k));
    if (!key) throw new Error(`unexpected question: ${message}`);
    asked.push(key);
    return answers[key]!;
  };
  return {
    text: async (m, o) => { const v = pick(m); expect(o?.validate?.(v)).toBeUndefined(); return v; },
    select: async (m, options) => { const v = pick(m); expect(options).toContain(v); return v; },
    confirm: async () => true,
    note: async () => undefined,
  };
}

describe('advance offers to fill missing simple fields when interactive', () => {
  let repo: ReturnType<typeof tempRepo>;
  beforeAll(() => { repo = tempRepo(); });
  afterAll(() => repo.cleanup());

  it('asks only for simple fields, saves the answers, and still lists what it cannot ask', async () => {
    expect(await main(['advance', 'INC-20261130-4HQP', '--at', '2026-11-30T12:00:00Z'], capture(repo.root).io)).toBe(0);
    const asked: string[] = [];
    const prompter = scripted(ANSWERS, asked);
    const deps: EditDeps = { now: () => new Date('2026-11-30T13:00:00Z'), identity: async () => 'a.ng', randomBytes: (n) => new Uint8Array(n) };
    const c = capture(repo.root, true);
    let exit = 0;
    await runCommand(c.io, (x) => { exit = x; }, () => runAdvance(c.io, 'INC-20261130-4HQP', {}, deps, prompter));
    expect(exit).toBe(1);
    expect(c.out()).toMatch(/^✔ filled \d+ fields in incidents\/2026\/INC-20261130-4HQP-payroll-phishing-report\.md\n$/);
    expect(asked).not.toContain('scope.systems'); // lists are not asked for
    const data = parseIncidentFile(HQP, readFileSync(join(repo.root, HQP))).data!;
    for (const k of asked) expect(k.split('.').reduce<any>((o, p) => o?.[p], data), k).toBeDefined();
    expect(data['severity']).toBe('sev3');
    expect(data['phase']).toBe('preliminary-analysis');
    expect(c.err()).toMatch(/stays in `preliminary-analysis` \(missing fields: [^)]*scope\.systems/);
    expect(shippedValidator().validateFile(parseIncidentFile(HQP, readFileSync(join(repo.root, HQP)))).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('a file changed on disk while the command runs is not overwritten', () => {
  it('refuses with exit 1 and keeps the other change', async () => {
    const repo = tempRepo();
    try {
      const path = join(repo.root, HQP);
      expect(await main(['advance', 'INC-20261130-4HQP', '--at', '2026-11-30T12:00:00Z'], capture(repo.root).io)).toBe(0);
      const theirs = readFileSync(path, 'utf8').replace('## Summary', '## Summary\n\nEdited meanwhile in another editor.');
      // The "other editor" saves while the analyst is answering the first question.
      const analyst = scripted(ANSWERS, []);
      const prompter: Prompter = { ...analyst, text: async (m, o) => { writeFileSync(path, theirs); return analyst.text(m, o); } };
      const deps: EditDeps = { now: () => new Date('2026-11-30T13:00:00Z'), identity: async () => 'a.ng', randomBytes: (n) => new Uint8Array(n) };
      const c = capture(repo.root, true);
      let exit = 0;
      await runCommand(c.io, (x) => { exit = x; }, () => runAdvance(c.io, 'INC-20261130-4HQP', {}, deps, prompter));
      expect(exit).toBe(1);
      expect(c.err()).toMatch(/changed on disk since it was read; not overwritten/);
      expect(readFileSync(path, 'utf8')).toBe(theirs);
    } finally {
      repo.cleanup();
    }
  });
});
