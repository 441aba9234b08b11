import { describe, expect, it } from 'vitest';
import { renumberNodeIds } from './print-pdf.ts';

/** Chromium numbers tagged-PDF structure elements from a counter that differs between runs. */
describe('renumberNodeIds', () => {
  const pdf = (a: number, b: number) => `<</S /P /ID (node000000${a})>> <</S /Table /ID (node000000${b})>> /Names [(node000000${a}) 3 0 R (node000000${b}) 4 0 R]`;

  it('gives two prints whose counters differ the same bytes, of the same length', () => {
    expect(renumberNodeIds(pdf(63, 97))).toBe(renumberNodeIds(pdf(64, 98)));
    expect(renumberNodeIds(pdf(63, 97))).toHaveLength(pdf(63, 97).length);
    expect(renumberNodeIds(pdf(63, 97))).toBe('<</S /P /ID (node00000001)>> <</S /Table /ID (node00000002)>> /Names [(node00000001) 3 0 R (node00000002) 4 0 R]');
  });

  it('keeps the order of the ids (the ID name tree stays sorted) and leaves other text alone', () => {
    expect(renumberNodeIds(pdf(90, 12))).toBe('<</S /P /ID (node00000002)>> <</S /Table /ID (node00000001)>> /Names [(node00000002) 3 0 R (node00000001) 4 0 R]');
    expect(renumberNodeIds('%PDF-1.7 no tags')).toBe('%PDF-1.7 no tags');
  });
});
