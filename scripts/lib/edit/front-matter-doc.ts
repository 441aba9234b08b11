import { isMap, parseDocument, type Document, type YAMLMap } from 'yaml';

/** The front matter of a normalised incident text, parsed for its node positions. */
export interface FrontMatterDoc {
  /** Normalised text of the whole file. */
  text: string;
  /** Offset in `text` where the YAML starts (after the opening fence line). */
  yamlStart: number;
  /** Offset in `text` of the closing fence line. */
  yamlEnd: number;
  yaml: string;
  doc: Document.Parsed;
  /** The root mapping. */
  root: YAMLMap.Parsed;
}

/**
 * Positions only: the failsafe schema reads every scalar as the string it is written as, so nothing
 * here re-interprets a value. The project's own parser (parse/incident-file.ts) stays the judge of
 * what the data is; every edit is checked against it afterwards.
 */
export function openFrontMatter(text: string): FrontMatterDoc | string {
  const firstNl = text.indexOf('\n');
  if (firstNl < 0 || !/^---[ \t]*$/.test(text.slice(0, firstNl))) return 'the file does not start with a front-matter fence (---)';
  const closer = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(firstNl + 1);
  const m = closer.exec(rest);
  if (!m) return 'the front matter is not closed';
  const yamlStart = firstNl + 1;
  const yamlEnd = yamlStart + m.index;
  const yaml = text.slice(yamlStart, yamlEnd);
  const doc = parseDocument(yaml, { schema: 'failsafe', uniqueKeys: true, strict: true, prettyErrors: false });
  if (doc.errors.length) return `the front matter is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`;
  if (!isMap(doc.contents)) return 'the front matter is not a key/value mapping';
  return { text, yamlStart, yamlEnd, yaml, doc, root: doc.contents as YAMLMap.Parsed };
}
