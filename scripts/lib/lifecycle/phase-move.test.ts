import { describe, expect, it } from 'vitest';
import { shippedLifecycle } from '../io/shipped-lifecycle.ts';
import { classifyMove } from './phase-move.ts';

const lc = shippedLifecycle();
const falsePositive = { determination: 'false-positive', disposition_rationale: 'Benign scanner.' };
const confirmed = { determination: 'successful-attempt' };
const steps = (m: ReturnType<typeof classifyMove>) => (m.kind === 'forward' ? m.steps.map((s) => `${s.from}→${s.to}${s.shortcut ? ` (${s.shortcut})` : ''}`) : m.kind);

describe('classifyMove over the shipped lifecycle', () => {
  it.each([
    ['one step', 'detection', 'preliminary-analysis', confirmed, undefined, ['detection→preliminary-analysis']],
    ['several steps', 'detection', 'notification', confirmed, undefined, ['detection→preliminary-analysis', 'preliminary-analysis→logging', 'logging→notification']],
    ['the closing shortcut when its condition holds', 'preliminary-analysis', 'closed', falsePositive, undefined, ['preliminary-analysis→closed (closing-shortcut)']],
    ['the shortcut without its condition is still what a one-step close meant', 'preliminary-analysis', 'closed', confirmed, undefined, ['preliminary-analysis→closed (closing-shortcut)']],
    ['…unless every gate of the long way holds', 'preliminary-analysis', 'closed', confirmed, () => true,
      ['preliminary-analysis→logging', 'logging→notification', 'notification→investigation', 'investigation→final-report', 'final-report→feedback', 'feedback→closed']],
    ['backwards', 'closed', 'investigation', confirmed, undefined, 'back'],
    ['unchanged', 'logging', 'logging', confirmed, undefined, 'same'],
    ['an unknown phase', 'logging', 'triage', confirmed, undefined, 'unknown'],
  ] as const)('%s', (_name, before, after, head, holds, expected) => {
    expect(steps(classifyMove(lc, before, after, head, holds))).toEqual(expected);
  });
});
