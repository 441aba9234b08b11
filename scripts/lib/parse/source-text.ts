import type { Diagnostic } from '../model/diagnostic.ts';

/** Upper bound for one incident file; larger files are reported, never parsed. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceText {
  /** Text with a leading BOM removed and CRLF/CR normalised to LF: the only form every parser sees. */
  text: string;
  hadBom: boolean;
  lineEnding: '\n' | '\r\n';
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns raw bytes into normalised text, or into a file-level diagnostic when the bytes cannot be an
 * incident file (too large, binary, not UTF-8). One normalisation step for every code path
 * (validate, check against a base revision, editing), so a BOM or CRLF never changes the reading.
 */
export function decodeSource(file: string, bytes: Uint8Array): SourceText | Diagnostic {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    // Readers stop at MAX_FILE_BYTES + 1, so the true size is unknown here: say "over the limit".
    return fileProblem(file, 'file/too-large',
      `file is larger than ${formatBytes(MAX_FILE_BYTES)}, the limit for one incident file; it was not read`,
      'Keep attachments out of git: reference them in evidence[] by location and sha256, e.g. `location: s3://forensics/INC-20261203-7KQF/disk.img`.');
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return fileProblem(file, 'file/binary',
      `file contains a NUL byte at byte offset ${nul}; it looks binary, not a markdown incident file`,
      'Incident files are UTF-8 markdown with YAML front matter. Store binary evidence outside git and reference it in evidence[].');
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const pos = lineColumnOfByte(bytes, at);
    return {
      ...fileProblem(file, 'file/invalid-utf8', `file is not valid UTF-8 (first invalid byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at})`,
        'Re-save the file as UTF-8 (most editors: "Save with encoding" → UTF-8).'),
      ...pos,
    };
  }
  const hadBom = text.charCodeAt(0) === 0xfeff;
  if (hadBom) text = text.slice(1);
  const lineEnding = text.includes('\r\n') ? '\r\n' : '\n';
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, hadBom, lineEnding };
}

export function isSourceText(x: SourceText | Diagnostic): x is SourceText {
  return 'text' in x;
}

/** About the file as a whole: line 0 (no position, and no code frame of binary or oversized content). */
function fileProblem(file: string, rule: string, message: string, hint: string): Diagnostic {
  return { rule, severity: 'error', file, line: 0, column: 0, message, hint };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

/** Offset of the first byte that breaks UTF-8 (decoding with fatal:true only says "somewhere"). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}

/** 1-based line and column (in characters, as editors count them; a BOM is not one) of a byte offset. */
function lineColumnOfByte(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  for (let i = start; i < offset; i++) {
    // Line breaks as the normaliser sees them: LF, CRLF, and a lone CR.
    if (b[i] === 0x0a || (b[i] === 0x0d && b[i + 1] !== 0x0a)) { line++; column = 1; }
    else if (b[i] === 0x0d) continue;
    else if ((b[i]! & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}
