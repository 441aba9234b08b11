import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 4 lands: the verb is listed so the CLI's shape is visible.
export const registerDeadlines: RegisterVerb = (program, io, setExit) => {
  program
    .command('deadlines')
    .description('list due, upcoming and overdue regulatory and internal notices (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident deadlines` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
