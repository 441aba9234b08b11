import { Command, CommanderError } from 'commander';
import { registerValidate } from './commands/validate.ts';
import { registerCheck } from './commands/check.ts';
import { registerAudit } from './commands/audit.ts';
import { registerDeadlines } from './commands/deadlines.ts';
import { registerReport } from './commands/report.ts';
import { registerGithub } from './commands/github.ts';
import { registerNew } from './commands/new.ts';
import { registerLog } from './commands/log.ts';
import { registerAdvance } from './commands/advance.ts';
import { registerNotify } from './commands/notify.ts';
import { registerFmt } from './commands/fmt.ts';
import { registerImport } from './commands/import.ts';
import { registerExport } from './commands/export.ts';
import { installSchemaCache } from '../lib/io/schema-cache.ts';
import { EXIT, processIo, UsageError, type CliIo } from './io.ts';

/**
 * `incident <verb>`: one CLI over one core. Verbs live in ./commands/, one file each.
 * Returns the exit code: 0 clean, 1 findings, 2 usage or infrastructure error.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  installSchemaCache();
  let code: number = EXIT.ok;
  const setExit = (c: number) => { code = Math.max(code, c); };
  const program = new Command('incident')
    .description('incident-ledger: security incidents as reviewed markdown in git')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run `incident --help` for usage)');
  for (const register of [registerValidate, registerCheck, registerAudit, registerDeadlines, registerReport, registerGithub, registerNew, registerLog, registerAdvance, registerNotify, registerFmt, registerImport, registerExport]) register(program, io, setExit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.stderr(`error: ${err.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.usage;
  }
  return code;
}

if (process.argv[1] && /[\\/]cli[\\/]main\.ts$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
