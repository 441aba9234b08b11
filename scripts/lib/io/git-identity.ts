import { execFile } from 'node:child_process';

/**
 * Who is editing: `git config user.name` (else user.email) in the repository. Arguments go as an
 * array to execFile, never through a shell. Undefined when git or the setting is missing.
 */
export async function gitIdentity(cwd: string, env: Record<string, string | undefined> = process.env): Promise<string | undefined> {
  const cleanEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  for (const key of ['user.name', 'user.email']) {
    const value = await gitConfig(cwd, key, cleanEnv);
    if (value) return value;
  }
  return undefined;
}

function gitConfig(cwd: string, key: string, env: Record<string, string>): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', '--get', key], { cwd, env, timeout: 5000, windowsHide: true }, (err, stdout) => {
      resolve(err ? undefined : stdout.trim() || undefined);
    });
  });
}
