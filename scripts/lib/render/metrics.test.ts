import { describe, expect, it } from 'vitest';
import { incidentMetrics, portfolioMetrics, stats } from './metrics.ts';

const H = 3_600_000;
const at = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * H).toISOString();

describe('metrics', () => {
  it.each([
    [[5], { n: 1, median: 5, p90: 5 }],
    [[3, 1, 2], { n: 3, median: 2, p90: 3 }],
    [[4, 1, 3, 2], { n: 4, median: 2.5, p90: 4 }],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { n: 10, median: 5.5, p90: 9 }],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], { n: 11, median: 60, p90: 100 }],
  ])('median and nearest-rank p90 of %j', (values, expected) => {
    expect(stats(values)).toEqual(expected);
  });

  it('has no statistics for no values', () => {
    expect(stats([])).toBeUndefined();
  });

  it('computes each duration from its two timestamps, and leaves out missing or reversed ones', () => {
    const m = incidentMetrics({ timestamps: { occurred_at: at(0), detected_at: at(2), acknowledged_at: at(2.5), contained_at: at(1), resolved_at: at(50) } });
    expect(m).toEqual({ detect: 2 * H, acknowledge: 0.5 * H, resolve: 48 * H });
  });

  it('reads offsets: the same instant written in two zones is zero apart', () => {
    expect(incidentMetrics({ timestamps: { detected_at: '2026-01-01T10:00:00+02:00', acknowledged_at: '2026-01-01T08:00:00Z' } })).toEqual({ acknowledge: 0 });
  });

  it('groups by severity and category, unclassified when missing', () => {
    const p = portfolioMetrics([
      { severity: 'sev1', category: 'intrusions', metrics: { contain: 1 * H } },
      { severity: 'sev1', category: 'availability', metrics: { contain: 3 * H } },
      { severity: 'sev2', metrics: { contain: 10 * H, detect: 5 * H } },
    ]);
    expect(p.overall.contain).toEqual({ n: 3, median: 3 * H, p90: 10 * H });
    expect(p.bySeverity['sev1']!.contain).toEqual({ n: 2, median: 2 * H, p90: 3 * H });
    expect(Object.keys(p.byCategory)).toEqual(['availability', 'intrusions', 'unclassified']);
    expect(p.byCategory['unclassified']!.detect).toEqual({ n: 1, median: 5 * H, p90: 5 * H });
  });
});
