import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 3 lands: the verb is listed so the CLI's shape is visible.
export const registerCheck: RegisterVerb = (program, io, setExit) => {
  program
    .command('check')
    .description('check changed incidents in a pull request against the base branch (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident check` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
