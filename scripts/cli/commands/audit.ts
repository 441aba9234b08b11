import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 3 lands: the verb is listed so the CLI's shape is visible.
export const registerAudit: RegisterVerb = (program, io, setExit) => {
  program
    .command('audit')
    .description('replay the history of the current branch and report rule-breaking transitions (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident audit` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
