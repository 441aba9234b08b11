import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 7 lands: the verb is listed so the CLI's shape is visible.
export const registerNew: RegisterVerb = (program, io, setExit) => {
  program
    .command('new')
    .description('create a new incident file from the template (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident new` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
