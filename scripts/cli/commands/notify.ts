import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 7 lands: the verb is listed so the CLI's shape is visible.
export const registerNotify: RegisterVerb = (program, io, setExit) => {
  program
    .command('notify')
    .description('record a notice sent to a regulator or party (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident notify` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
