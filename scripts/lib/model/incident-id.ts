/**
 * The incident id a file name carries: `incidents/2026/INC-20261203-7KQF-phishing.md` →
 * `INC-20261203-7KQF` (the schema's id pattern, then `-<slug>` or nothing, then `.md`).
 */
export function idFromFileName(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^(INC-[0-9]{4}(?:[0-9]{4})?-[0-9A-Z]{3,8})(?:-[^/]*)?\.md$/.exec(base)?.[1];
}
