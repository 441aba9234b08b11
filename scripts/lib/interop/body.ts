import { normaliseTitle, parseSections, type Section } from '../parse/sections.ts';
import { ownLabel, ownText } from '../parse/tlp-marker.ts';
import { tlpRank } from './stix/tlp.ts';

/**
 * Replaces the content of `## <title>` sections in a template body (keeping every other section and
 * its placeholder), or appends the section when the template lacks it.
 */
export function fillSections(templateBody: string, contents: Readonly<Record<string, string>>): string {
  const lines = templateBody.split('\n');
  const sections = parseSections(templateBody, 1);
  const replacements: { start: number; end: number; title: string; text: string }[] = [];
  const done = new Set<string>();
  for (const [i, s] of sections.entries()) {
    const text = contents[s.title];
    if (text === undefined || s.level !== 2) continue;
    const start = s.line; // line index after the heading (0-based == 1-based heading line)
    const next = sections.slice(i + 1).find((n) => n.level <= s.level);
    const end = next ? next.line - 1 : lines.length;
    replacements.push({ start, end, title: s.title, text });
    done.add(s.title);
  }
  for (const r of replacements.reverse()) lines.splice(r.start, r.end - r.start, '', r.text, '');
  let out = lines.join('\n').replace(/\n{3,}/g, '\n\n');
  for (const [title, text] of Object.entries(contents)) {
    if (!done.has(title)) out = `${out.trimEnd()}\n\n## ${title}\n\n${text}\n`;
  }
  return out.endsWith('\n') ? out : `${out}\n`;
}

/**
 * Source text as a markdown paragraph that parses back as one section's content: control
 * characters removed, CRLF normalised, and line starts that markdown would read as a heading,
 * fence, comment or thematic break escaped with a backslash.
 */
export function markdownParagraphs(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, '');
  return clean
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .map((l) => (/^ {0,3}(?:#|=+\s*$|-{2,}|\*{3,}|_{3,}|`{3,}|~{3,}|<!--|<)/.test(l) ? l.replace(/^( {0,3})/, '$1\\') : l))
    .join('\n')
    .trim();
}

/** The trimmed content of a section as written by fillSections (what an exporter reads back). */
export function sectionText(content: string | undefined): string | undefined {
  if (content === undefined) return undefined;
  return content.replace(/<!--[\s\S]*?-->/g, '').trim();
}

/**
 * The Summary an export may carry: its own text (subsections left out: they carry labels of their
 * own), when the section's TLP label — its marker, read as the reports read it (tlp-marker.ts), else
 * the record's — is within `maxTlp`; undefined when there is none or it is withheld.
 */
export function summaryWithin(sections: readonly Section[], recordTlp: unknown, maxTlp: string): string | undefined {
  const i = sections.findIndex((s) => normaliseTitle(s.title) === 'summary');
  if (i < 0) return undefined;
  const own = ownText(sections, i);
  return tlpRank(ownLabel(own) ?? recordTlp) <= tlpRank(maxTlp) ? sectionText(own) : undefined;
}
