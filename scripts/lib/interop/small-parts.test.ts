import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, incidentsToCsv } from './csv.ts';
import { importedId } from './ids.ts';
import { progressLine } from './progress.ts';
import { slug } from './plan.ts';
import { fillSections, markdownParagraphs } from './body.ts';
import { addMs, durationMs, partialDate, resolveDate } from './veris/dates.ts';
import { splitReferences } from './veris/references.ts';
import { observable } from './stix/export.ts';
import { uuidV5 } from './stix/ids.ts';
import { parseSections } from '../parse/sections.ts';

describe('VERIS partial dates → first instant of the period', () => {
  it.each([
    [{ year: 2019 }, '2019-01-01T00:00:00Z', 'estimated', 'year'],
    [{ year: 2024, month: 1 }, '2024-01-01T00:00:00Z', 'estimated', 'month'],
    [{ year: 2024, month: 2, day: 29 }, '2024-02-29T00:00:00Z', 'estimated', 'day'],
    [{ year: 2022, month: 11, day: 30, time: '14:05:00' }, '2022-11-30T14:05:00Z', 'exact', 'time'],
    [{ year: 2022, month: 11, day: 30, time: '14:05' }, '2022-11-30T14:05:00Z', 'exact', 'time'],
    [{ year: 2023, month: 2, day: 30 }, '2023-02-01T00:00:00Z', 'estimated', 'month'],
    [{ year: '2015', month: '7' }, '2015-07-01T00:00:00Z', 'estimated', 'month'],
  ])('%j → %s (%s, %s)', (raw, iso, confidence, precision) => {
    expect(resolveDate(partialDate(raw)!)).toEqual({ iso, confidence, precision });
  });

  it.each([[undefined], [{}], [{ year: 220 }], [{ year: 'soon' }], [{ month: 3 }]])('no usable year in %j', (raw) => {
    expect(partialDate(raw)).toBeUndefined();
  });
});

describe('VERIS durations', () => {
  it.each([
    [{ unit: 'Days', value: 3.0 }, 3 * 86_400_000],
    [{ unit: 'Hours', value: 12 }, 12 * 3_600_000],
    [{ unit: 'Weeks', value: '2' }, 14 * 86_400_000],
    [{ unit: 'Seconds', value: 0.5 }, 500],
    [{ unit: 'Months', value: 1 }, undefined],
    [{ unit: 'Never' }, undefined],
    [{ unit: 'Unknown', value: 5 }, undefined],
    [{ unit: 'Days', value: -1 }, undefined],
  ])('%j → %s ms', (raw, ms) => expect(durationMs(raw)).toBe(ms));

  it('adds to an instant in UTC', () => expect(addMs('2025-03-14T00:00:00Z', 3 * 86_400_000)).toBe('2025-03-17T00:00:00Z'));
});

describe('VERIS reference strings → lists', () => {
  it.each([
    ['http://a.example/x', ['http://a.example/x']],
    ['https://a.example/1 ; https://b.example/2', ['https://a.example/1', 'https://b.example/2']],
    ['https://a.example/1,https://b.example/2', ['https://a.example/1', 'https://b.example/2']],
    ['https://a.example/1. ;https://b.example/2 ;  https://c.example/3', ['https://a.example/1', 'https://b.example/2', 'https://c.example/3']],
    ['https://a.example/1 https://a.example/1', ['https://a.example/1']],
    ['Personal communication; https://a.example/1', ['Personal communication', 'https://a.example/1']],
    ['', []],
  ])('%j', (text, list) => expect(splitReferences(text)).toEqual(list));
});

describe('CSV cells (RFC 4180, formula-injection safe)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['', ''],
  ])('%j → %s', (raw, cell) => expect(csvField(raw)).toBe(cell));

  it('writes a header and one CRLF-terminated row per incident, sorted by id', () => {
    const csv = incidentsToCsv([{ id: 'INC-20260102-BBBB', title: '=cmd|calc' }, { id: 'INC-20260101-AAAA', title: 'First, really' }]);
    const lines = csv.split('\r\n');
    expect(lines[0]!.startsWith('id,title,phase,tlp,')).toBe(true);
    expect(lines[1]!.startsWith('INC-20260101-AAAA,"First, really",')).toBe(true);
    expect(lines[2]!.startsWith("INC-20260102-BBBB,'=cmd|calc,")).toBe(true);
    expect(lines[3]).toBe('');
  });

  it('csv counts only the indicators within --max-tlp (the others are not even hinted at)', () => {
    const inc = { id: 'INC-20260101-AAAA', tlp: 'TLP:CLEAR', indicators: [{ type: 'domain', value: 'a.example' }, { type: 'domain', value: 'b.example', tlp: 'TLP:AMBER' }] };
    const column = (max: string) => incidentsToCsv([inc], max).split('\r\n')[1]!.split(',')[CSV_COLUMNS.findIndex((c) => c.header === 'indicators')];
    expect(column('TLP:CLEAR')).toBe('1');
    expect(column('TLP:AMBER')).toBe('2');
  });
});

describe('imported ids', () => {
  it('are deterministic, well-formed and avoid ids already taken', () => {
    const a = importedId('20250314', 'SOURCE-1', new Set());
    expect(a).toMatch(/^INC-20250314-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(importedId('20250314', 'SOURCE-1', new Set())).toBe(a);
    const b = importedId('20250314', 'SOURCE-1', new Set([a]));
    expect(b).not.toBe(a);
    expect(b).toMatch(/^INC-20250314-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(importedId('20250314', 'SOURCE-2', new Set())).not.toBe(a);
  });
});

describe('markdown bodies', () => {
  it.each([
    ['# not a heading', '\\# not a heading'],
    ['line\n---', 'line\n\\---'],
    ['```code', '\\```code'],
    ['<!-- hidden -->', '\\<!-- hidden -->'],
    ['bell\u0007 and\r\nCRLF', 'bell and\nCRLF'],
    ['  trailing   \n', 'trailing'],
  ])('%j is escaped to %j', (raw, md) => expect(markdownParagraphs(raw)).toBe(md));

  it('fills one section and keeps the others', () => {
    const body = fillSections('\n## Summary\n\nTODO\n\n## Scope\n\nTODO\n', { Summary: 'What happened.' });
    const sections = parseSections(body, 1);
    expect(sections.map((s) => [s.title, s.content.trim()])).toEqual([['Summary', 'What happened.'], ['Scope', 'TODO']]);
    expect(parseSections(fillSections('\n## Scope\n\nTODO\n', { 'Final report': 'Done.' }), 1).map((s) => s.title)).toEqual(['Scope', 'Final report']);
  });

  it.each([
    ['Phishing email impersonating payroll', 'phishing-email-impersonating-payroll'],
    ['Ünïcode — and punctuation!!', 'unicode-and-punctuation'],
    ['a'.repeat(60), 'a'.repeat(48)],
    ['word '.repeat(20), 'word-word-word-word-word-word-word-word-word'],
    ['', 'imported'],
    ['!!!', 'imported'],
  ])('slug of %j is %j', (title, s) => expect(slug(title)).toBe(s));
});

describe('STIX patterns and ids', () => {
  it.each([
    ['ipv4', '203.0.113.7', "[ipv4-addr:value = '203.0.113.7']"],
    ['domain', "o'brien.example", "[domain-name:value = 'o\\'brien.example']"],
    ['url', 'https://x.example/a\\b', "[url:value = 'https://x.example/a\\\\b']"],
    ['sha256', 'a'.repeat(64), `[file:hashes.'SHA-256' = '${'a'.repeat(64)}']`],
    ['md5', 'b'.repeat(32), `[file:hashes.MD5 = '${'b'.repeat(32)}']`],
    ['asn', 'AS64511', '[autonomous-system:number = 64511]'],
    ['user-agent', 'curl/8', "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'curl/8']"],
  ])('%s %s → %s', (type, value, pattern) => expect(observable(type, value)?.pattern).toBe(pattern));

  it.each([['other', 'x'], ['asn', 'not-a-number']])('%s %s has no pattern', (type, value) => expect(observable(type, value)).toBeUndefined());

  it('uuid v5 matches the RFC 4122 test vector', () => {
    // python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org') == 886313e1-3b8a-5372-9b90-0c9aee199e5d
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('progress line', () => expect(progressLine(3, 6, 'import', 10)).toBe('\rimport [#####-----] 3/6'));
});
