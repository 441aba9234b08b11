import { EXIT, type RegisterVerb } from '../io.ts';

// Placeholder until issue 6 lands: the verb is listed so the CLI's shape is visible.
export const registerGithub: RegisterVerb = (program, io, setExit) => {
  program
    .command('github')
    .description('GitHub integration entry points (comment, labels, approvals, follow-up issues) (not available yet)')
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      io.stderr('error: `incident github` is not available yet in this version\n');
      setExit(EXIT.usage);
    });
};
