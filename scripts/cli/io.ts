/** The CLI's window on the world, passed in so tests run commands in-process with real files. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdin and stdout are terminals (interactive prompts allowed). */
  interactive: boolean;
}

export function processIo(): CliIo {
  // `incident validate | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw err; });
  }
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env['CI'],
  };
}

/** Exit codes shared by every verb. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A usage or infrastructure problem: printed as one line, exit 2, never a stack trace. */
export class UsageError extends Error {}

/** Every verb module exports one of these; main.ts calls them in a fixed order. Keep heavy imports
 * (octokit, remark, playwright) inside the action with `await import()` so `validate` starts fast. */
export type RegisterVerb = (program: import('commander').Command, io: CliIo, setExit: (code: number) => void) => void;
