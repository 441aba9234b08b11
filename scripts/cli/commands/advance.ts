import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 7 lands: the verb is listed so the CLI's shape is visible.
export const registerAdvance: RegisterVerb = (program, io, setExit) => {
  program
    .command('advance')
    .description('check the gate and move an incident to its next phase (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident advance` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
