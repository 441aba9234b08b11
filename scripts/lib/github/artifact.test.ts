import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ArtifactError, extractArtifact, isSafeEntryName } from './artifact.ts';
import { escapeInline } from './markdown-escape.ts';

describe('artifact entry names', () => {
  const table: Array<[string, boolean]> = [
    ['report.json', true], ['dir/report.json', true],
    ['../report.json', false], ['a/../../etc/passwd', false], ['/etc/passwd', false], ['C:/x', false],
    ['a\\..\\b', false], ['./report.json', false], ['a//b', false], ['', false], ['x\u0000y', false],
  ];
  for (const [name, ok] of table) it(`${JSON.stringify(name)} → ${ok ? 'accepted' : 'refused'}`, () => expect(isSafeEntryName(name)).toBe(ok));
});

describe('extractArtifact', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('keeps the known files, lists the rest as ignored', () => {
    const { files, ignored } = extractArtifact(zipSync({ 'check-result.json': enc('{}'), 'pr.json': enc('{"number":1}'), 'notes.txt': enc('x') }));
    expect([...files.keys()].sort()).toEqual(['check-result.json', 'pr.json']);
    expect(ignored).toEqual(['notes.txt']);
  });
  it('refuses too many entries, oversized entries and non-zip input', () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) many[`f${i}.txt`] = enc('x');
    expect(() => extractArtifact(zipSync(many))).toThrow(/30 entries; at most 20/);
    expect(() => extractArtifact(zipSync({ 'report.json': new Uint8Array(2048) }), { maxZipBytes: 1e6, maxEntryBytes: 1024, maxEntries: 20 })).toThrow(/unpacks to more than 1024 bytes/);
    expect(() => extractArtifact(enc('not a zip'))).toThrow(ArtifactError);
  });
});

describe('escapeInline (case 21)', () => {
  const table: Array<[string, string]> = [
    ['plain title', 'plain title'],
    ['@acme/security-team', '@\u200bacme/security\\-team'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['`uname -a` $(id)', '\\`uname \\-a\\` $\\(id\\)'],
    ['[x](javascript:alert(1))', '\\[x\\]\\(javascript:alert\\(1\\)\\)'],
    ['line\nbreak\r\n# heading', 'line break \\# heading'],
    ['| a | b |', '\\| a \\| b \\|'],
    ['see https://evil.example', 'see https:\u200b//evil\\.example'],
  ];
  for (const [input, out] of table) it(JSON.stringify(input), () => expect(escapeInline(input)).toBe(out));
  it('truncates long text', () => expect(escapeInline('a'.repeat(500), 10)).toBe('aaaaaaaaa…'));
});
