import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 7 lands: the verb is listed so the CLI's shape is visible.
export const registerLog: RegisterVerb = (program, io, setExit) => {
  program
    .command('log')
    .description('append a timeline entry to an incident (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident log` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
