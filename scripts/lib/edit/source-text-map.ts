/**
 * Edits are planned on the normalised text every parser sees (no BOM, LF) but applied to the file's
 * real text, so a BOM, CRLF line ends — even mixed ones — and every byte outside the edited region
 * survive exactly. This maps normalised offsets back to raw ones.
 */
export interface RawSource {
  /** The decoded file, BOM and CRs included. */
  raw: string;
  /** The line ending new text is written with (the file's dominant one). */
  eol: '\n' | '\r\n';
  /** Raw offset of a normalised offset. */
  toRaw(offset: number): number;
}

export function rawSource(raw: string): RawSource {
  const bom = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Normalised offsets at which a CR of a CRLF pair was dropped (a lone CR became LF: same length).
  const dropped: number[] = [];
  let crlf = 0;
  let lf = 0;
  let norm = 0;
  for (let i = bom; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 13 && raw.charCodeAt(i + 1) === 10) { dropped.push(norm); crlf++; i++; norm++; continue; }
    if (c === 10) lf++;
    norm++;
  }
  const toRaw = (offset: number): number => {
    let lo = 0;
    let hi = dropped.length;
    // Dropped CRs before `offset`; a CR recorded at `offset` itself precedes the LF there, so text
    // inserted at `offset` goes before it and never splits a CRLF pair.
    while (lo < hi) { const mid = (lo + hi) >> 1; if (dropped[mid]! < offset) lo = mid + 1; else hi = mid; }
    return offset + lo + bom;
  };
  return { raw, eol: crlf > lf ? '\r\n' : '\n', toRaw };
}

/** One replacement in normalised coordinates; `text` uses LF and is converted to the file's ending. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping splices (any order) to the raw text. */
export function applySplices(src: RawSource, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = src.raw;
  let floor = Infinity;
  for (const s of sorted) {
    if (s.end > floor) throw new Error('overlapping edits');
    floor = s.start;
    const text = src.eol === '\n' ? s.text : s.text.replace(/\n/g, '\r\n');
    out = out.slice(0, src.toRaw(s.start)) + text + out.slice(src.toRaw(s.end));
  }
  return out;
}
