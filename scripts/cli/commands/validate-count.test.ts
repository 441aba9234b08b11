// The summary line of `incident validate` counts every file it lists or diagnoses: regular files
// read and validated, and files reported without being read (FIFOs, symbolic links).
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { capture, tempRepo } from '../test-support.ts';

const DIR = 'incidents/2026';
const HQP = `${DIR}/INC-20261130-4HQP-payroll-phishing-report.md`;

type Setup = (root: string) => void;
const fifo: Setup = (root) => execFileSync('mkfifo', [join(root, DIR, 'INC-20261203-7KQF-pipe.md')]);
const link: Setup = (root) => symlinkSync('INC-20261130-4HQP-payroll-phishing-report.md', join(root, DIR, 'INC-20261204-8KQF-link.md'));
const linkToDir: Setup = (root) => symlinkSync('..', join(root, DIR, 'elsewhere'));
// A regular file with exactly one finding (a TLP label that does not exist).
const invalid: Setup = (root) => writeFileSync(join(root, DIR, 'INC-20261205-9KQF-blue.md'),
  readFileSync(join(root, HQP), 'utf8').replace(/INC-20261130-4HQP/g, 'INC-20261205-9KQF').replace('tlp: TLP:AMBER', 'tlp: TLP:BLUE'));

// [name, setups, summary line]: the 4 example incidents are always there and valid.
const rows: [string, Setup[], string][] = [
  ['regular files only', [], '✔ 4 incident files checked: no problems.'],
  ['a FIFO named like an incident', [fifo], '✖ 5 incident files checked: 1 error, 0 warnings in 1 file.'],
  ['a symbolic link named like an incident', [link], '✖ 5 incident files checked: 1 error, 0 warnings in 1 file.'],
  ['a symbolic link to a folder', [linkToDir], '✖ 5 incident files checked: 1 error, 0 warnings in 1 file.'],
  ['an invalid regular file', [invalid], '✖ 5 incident files checked: 1 error, 0 warnings in 1 file.'],
  ['FIFO, links and an invalid file together', [fifo, link, linkToDir, invalid], '✖ 8 incident files checked: 4 errors, 0 warnings in 4 files.'],
];

describe('validate: the summary counts the files it lists and diagnoses', () => {
  it.each(rows)('%s', async (_name, setups, summary) => {
    const repo = tempRepo();
    try {
      for (const s of setups) s(repo.root);
      const human = capture(repo.root);
      const code = await main(['validate'], human.io);
      expect(code).toBe(setups.length ? 1 : 0);
      expect(human.out().trimEnd().split('\n').at(-1)).toBe(summary);

      const json = capture(repo.root);
      await main(['validate', '--format', 'json'], json.io);
      const { files, diagnostics } = JSON.parse(json.out()) as { files: string[]; diagnostics: { file: string }[] };
      const named = new Set([...files, ...diagnostics.map((d) => d.file)]);
      expect(summary).toContain(` ${named.size} incident file`);

      const stepSummary = join(repo.root, 'step-summary.md');
      const github = capture(repo.root);
      github.io.env = { ...github.io.env, GITHUB_STEP_SUMMARY: stepSummary };
      await main(['validate', '--format', 'github'], github.io);
      expect(github.out().trimEnd().split('\n').at(-1)).toBe(summary);
      expect(readFileSync(stepSummary, 'utf8')).toContain(` in ${named.size} incident files.`);
    } finally {
      repo.cleanup();
    }
  });
});
