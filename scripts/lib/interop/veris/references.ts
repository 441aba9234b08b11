/**
 * VERIS `reference` is one free-text string holding several URLs separated by `;`, `,` or spaces
 * (and sometimes prose). Split into URLs and other non-empty fragments, in order, without duplicates.
 */
export function splitReferences(text: string): string[] {
  const out: string[] = [];
  const urls = /https?:\/\/[^\s;,]+/gi;
  let last = 0;
  const pushText = (s: string) => {
    for (const part of s.split(/[;,]/)) {
      const t = part.trim().replace(/^[.\s]+|[\s]+$/g, '');
      if (t && !out.includes(t)) out.push(t);
    }
  };
  for (const m of text.matchAll(urls)) {
    pushText(text.slice(last, m.index));
    const url = m[0].replace(/[.)\]]+$/, '');
    if (!out.includes(url)) out.push(url);
    last = m.index + m[0].length;
  }
  pushText(text.slice(last));
  return out;
}

/** The list back as one VERIS string (`; ` separated, the most common form in VCDB). */
export function joinReferences(list: readonly string[]): string {
  return list.join('; ');
}
