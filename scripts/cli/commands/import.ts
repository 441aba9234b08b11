import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 8 lands: the verb is listed so the CLI's shape is visible.
export const registerImport: RegisterVerb = (program, io, setExit) => {
  program
    .command('import')
    .description('import incidents from VERIS/VCDB or TheHive (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident import` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
