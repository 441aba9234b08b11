import { describe, expect, it } from 'vitest';
import { mermaidText, phaseChart, toMermaid, toSvg } from './chart.ts';

const TITLES = { detection: 'Detection & acknowledgement', closed: 'Closed' };
const hostile = 'Evil: title; # with `code` ```\nnewline <script>alert(1)</script> & "quotes" %% {braces}';

describe('charts', () => {
  it.each([
    ['Detection & acknowledgement', 'Detection and acknowledgement'],
    ['a: b; c # d', 'a b c d'],
    ['```mermaid\nend', 'mermaid end'],
    ['', 'untitled'],
    ['x'.repeat(80), `${'x'.repeat(57)}...`],
  ])('mermaid text %j becomes %j', (input, expected) => {
    expect(mermaidText(input)).toBe(expected);
  });

  it('keeps hostile incident text from breaking out of the gantt', () => {
    const model = phaseChart({ phase_history: [{ phase: 'detection', entered_at: '2026-01-01T00:00:00Z' }], timestamps: { detected_at: '2026-01-01T00:00:00Z' } }, { ...TITLES, detection: hostile }, Date.parse('2026-01-02T00:00:00Z'))!;
    const text = toMermaid(hostile, model);
    const lines = text.split('\n');
    expect(lines.slice(2, 5)).toEqual(['    dateFormat YYYY-MM-DD HH:mm', '    axisFormat %d %b %H:%M', '    todayMarker off']);
    for (const l of [lines[1]!, ...lines.slice(5)]) expect(l).toMatch(/^ {4}[A-Za-z0-9 .,()/'+:-]*$/);
    expect(text.split('\n').filter((l) => / :(?:active|done|crit|milestone)/.test(l))).toHaveLength(2);
  });

  it('escapes every piece of text in the SVG', () => {
    const model = phaseChart({ phase_history: [{ phase: 'detection', entered_at: '2026-01-01T00:00:00Z' }] }, { detection: hostile }, Date.parse('2026-01-02T00:00:00Z'))!;
    const svg = toSvg(hostile, model);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg.startsWith('<svg ') && svg.endsWith('</svg>')).toBe(true);
  });

  it('draws an open phase to the right edge and says it is ongoing', () => {
    const model = phaseChart({ phase_history: [{ phase: 'detection', entered_at: '2026-01-01T00:00:00Z' }, { phase: 'closed', entered_at: '2026-01-03T00:00:00Z' }] }, TITLES, 0)!;
    expect(model.bars).toEqual([{ label: 'Detection & acknowledgement', from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-01-03T00:00:00Z'), open: false, tone: 'done' }]);
    const open = phaseChart({ phase_history: [{ phase: 'detection', entered_at: '2026-01-01T00:00:00Z' }] }, TITLES, Date.parse('2026-02-01T00:00:00Z'))!;
    expect(open.bars[0]!.open).toBe(true);
    expect(toSvg('t', open)).toContain('ongoing');
  });
});
