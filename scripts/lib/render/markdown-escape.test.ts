import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './markdown-escape.ts';

describe('escapeMarkdown (case 21)', () => {
  it.each([
    ['the case-21 title payload', '$(id) `uname -a` <img src=x onerror=alert(1)> @example-org/security-team',
      '$\\(id\\) \\`uname \\-a\\` &lt;img src=x onerror=alert\\(1\\)&gt; @\u200Bexample\\-org/security\\-team'],
    ['links and images', '[click](https://evil.example) ![x](y)', '\\[click\\]\\(https:\u200B//evil\\.example\\) \\!\\[x\\]\\(y\\)'],
    ['emphasis, headings, tables, issue refs', '**b** _i_ # h | t | #123', '\\*\\*b\\*\\* \\_i\\_ \\# h \\| t \\| \\#123'],
    ['entities stay literal', '&amp; &lt;', '&amp;amp; &amp;lt;'],
    ['line breaks fold to spaces, control characters go', 'a\r\nb\nc\u0007d', 'a b cd'],
    ['mentions of users and teams are broken', '@alice @org/team', '@\u200Balice @\u200Borg/team'],
  ])('%s', (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
