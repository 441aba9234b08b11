import { shippedValidator } from '../../lib/io/shipped-validator.ts';
import { collectIncidentFiles, workingTreeIdIndex } from '../../lib/io/incident-files.ts';
import { duplicateIdDiagnostics } from '../../lib/validate/validator.ts';
import { hasErrors, sortDiagnostics } from '../../lib/model/diagnostic.ts';
import { parseIncidentFile } from '../../lib/parse/incident-file.ts';
import { formatGithub } from '../../lib/render/diagnostics-github.ts';
import { formatHuman, summaryLine } from '../../lib/render/diagnostics-human.ts';
import { maskLines, withheldLines } from '../../lib/validate/redaction.ts';
import { EXIT, type CliIo, type RegisterVerb } from '../io.ts';
import { formatOption, type OutputFormat } from '../format-option.ts';

export const registerValidate: RegisterVerb = (program, io, setExit) => {
  program
    .command('validate')
    .description('check incident files against the schema, the lifecycle gates already passed and repository rules')
    .argument('[paths...]', 'files or folders (default: incidents/)')
    .addOption(formatOption())
    .action(async (paths: string[], opts: { format: OutputFormat }) => {
      setExit(await runValidate(io, paths, opts.format));
    });
};

export async function runValidate(io: CliIo, paths: readonly string[], format: OutputFormat): Promise<number> {
  const { files, problems } = await collectIncidentFiles(io.cwd, paths);
  const parsed = files.map((f) => parseIncidentFile(f.path, f.bytes));
  // Given paths, the rest of the repository still counts: ids must be unique and references resolve.
  const idIndex = paths.length ? await workingTreeIdIndex(io.cwd) : new Map<string, string[]>();
  const diagnostics = sortDiagnostics([...problems, ...shippedValidator().validateFiles(parsed, idIndex.keys()), ...duplicateIdDiagnostics(parsed, idIndex)]);
  if (format === 'json') {
    io.stdout(JSON.stringify({ files: parsed.map((p) => p.file), diagnostics }, null, 2) + '\n');
  } else if (format === 'github') {
    const text = formatGithub(diagnostics);
    if (text) io.stdout(text + '\n');
    io.stdout(summaryLine(parsed.length, diagnostics) + '\n');
  } else {
    // Code frames never show secrets or TLP:RED entries: those lines are masked before rendering.
    const withDiagnostics = new Set(diagnostics.map((d) => d.file));
    const sources = new Map(parsed.filter((p) => withDiagnostics.has(p.file)).map((p) => [p.file, maskLines(p.text, withheldLines(p))]));
    const red = new Set(parsed.filter((p) => p.data?.['tlp'] === 'TLP:RED').map((p) => p.file));
    if (diagnostics.length) io.stdout(formatHuman(diagnostics, sources, red));
    io.stdout(summaryLine(parsed.length, diagnostics) + '\n');
  }
  if (paths.length === 0 && parsed.length === 0 && problems.length === 0) io.stderr('note: no incident files found under incidents/\n');
  return hasErrors(diagnostics) ? EXIT.findings : EXIT.ok;
}
