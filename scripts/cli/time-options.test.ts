/** Times given on the command line: real calendar times only, as the record itself is checked. */
import { describe, expect, it } from 'vitest';
import { parseTimeOption } from './edit-session.ts';
import { instantOption } from './instant-option.ts';

const NOW = new Date('2026-12-03T12:00:00Z');

describe('time options', () => {
  it.each(['2026-02-30T00:00:00Z', '2026-11-31T10:00:00+01:00', '2026-11-19T24:00:00Z', '2026-11-19T12:60:00Z'])('refuses the impossible %s', (v) => {
    expect(instantOption(v)).toBeUndefined();
    expect(() => parseTimeOption('--at', v, NOW)).toThrow(/must be an RFC 3339 time with an offset/);
  });

  it('accepts real times; instantOption also without seconds, parseTimeOption keeps the text', () => {
    expect(instantOption('2026-11-19T12:00Z')).toBe(Date.parse('2026-11-19T12:00:00Z'));
    expect(instantOption('2026-11-19T13:00:00+01:00')).toBe(Date.parse('2026-11-19T12:00:00Z'));
    expect(parseTimeOption('--at', '2026-12-03T10:30:00+01:00', NOW)).toBe('2026-12-03T10:30:00+01:00');
    expect(() => parseTimeOption('--at', '2026-12-04T10:30:00Z', NOW)).toThrow(/is in the future/);
  });
});
