import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 5 lands: the verb is listed so the CLI's shape is visible.
export const registerReport: RegisterVerb = (program, io, setExit) => {
  program
    .command('report')
    .description('compile per-audience reports and the dashboard (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident report` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
