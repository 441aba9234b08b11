import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 7 lands: the verb is listed so the CLI's shape is visible.
export const registerFmt: RegisterVerb = (program, io, setExit) => {
  program
    .command('fmt')
    .description('rewrite incident files in canonical layout (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident fmt` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
