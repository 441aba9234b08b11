import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 8 lands: the verb is listed so the CLI's shape is visible.
export const registerExport: RegisterVerb = (program, io, setExit) => {
  program
    .command('export')
    .description('export incidents as STIX 2.1, VERIS or CSV (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident export` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
