import { gateFindings, phasesLeft } from '../lifecycle/gates.ts';
import { SHORTCUT_CONDITIONS } from '../lifecycle/checks.ts';
import type { GateContext } from '../lifecycle/gate-context.ts';
import { phaseDef, phaseIndex, type Lifecycle } from '../lifecycle/lifecycle.ts';
import type { Finding } from '../model/finding.ts';

export type AdvanceKind = 'forward' | 'shortcut' | 'reopen';

export type AdvancePlan =
  | { ok: true; kind: AdvanceKind; from: string; to: string; findings: Finding[]; approvals: { phase: string; from: string[]; description?: string }[] }
  | { ok: false; message: string };

/**
 * Decides whether `phase` may move to `to` (default: the next phase) and what is still missing —
 * with the same code the PR check uses: the gates of every phase the incident will have left
 * (phasesLeft over the incident as it would be after the move), the lifecycle's shortcut conditions,
 * and its reopen rule. Pure.
 */
export function planAdvance(lc: Lifecycle, data: Record<string, unknown>, ctx: GateContext, to?: string): AdvancePlan {
  const from = String(data['phase'] ?? '');
  const cur = phaseDef(lc, from);
  if (!cur) return { ok: false, message: `the incident's phase \`${from}\` is not a lifecycle phase (${lc.phases.map((p) => p.id).join(', ')})` };
  const target = to ?? cur.next[0];
  if (!target) return { ok: false, message: `the incident is \`${from}\`, the last phase; to reopen it use --to <phase> --reason "<why>" (reopen to: ${lc.reopen.to.join(', ')})` };
  if (phaseIndex(lc, target) < 0) return { ok: false, message: `\`${target}\` is not a phase; phases are ${lc.phases.map((p) => p.id).join(', ')}` };

  if (target === from) return { ok: false, message: `the incident is already in \`${from}\`` };
  if (phaseIndex(lc, target) < phaseIndex(lc, from)) {
    if (!lc.reopen.from.includes(from) || !lc.reopen.to.includes(target)) {
      return { ok: false, message: `moving back from \`${from}\` to \`${target}\` is not allowed; an incident reopens from ${lc.reopen.from.join(', ')} to ${lc.reopen.to.join(', ')} only` };
    }
    // A reopened incident has still left every phase before its new one: those gates must hold.
    const after = afterMove(data, target);
    return { ok: true, kind: 'reopen', from, to: target, findings: phasesLeft(lc, after).flatMap((p) => [...gateFindings(after, p, ctx)]), approvals: [] };
  }

  let kind: AdvanceKind;
  if (cur.next.includes(target)) kind = 'forward';
  else {
    const sc = (cur.shortcuts ?? []).find((s) => s.to === target);
    if (!sc) return { ok: false, message: `\`${from}\` moves on to ${cur.next.map((n) => `\`${n}\``).join(' or ')}, not \`${target}\`; phases are not skipped` };
    if (!SHORTCUT_CONDITIONS[sc.when]?.(data)) return { ok: false, message: `the shortcut from \`${from}\` to \`${target}\` does not apply: ${sc.description ?? sc.when}` };
    kind = 'shortcut';
  }
  const after = afterMove(data, target);
  const left = phasesLeft(lc, after);
  const findings = left.flatMap((p) => [...gateFindings(after, p, ctx)]);
  const approvals = left.slice(phaseIndex(lc, from)).filter((p) => p.gate?.approval).map((p) => ({ phase: p.id, from: p.gate!.approval!.from, description: p.gate!.approval!.description }));
  return { ok: true, kind, from, to: target, findings, approvals };
}

/** The incident as the gates will see it once it has moved (phase and history only). */
function afterMove(data: Record<string, unknown>, to: string): Record<string, unknown> {
  const history = Array.isArray(data['phase_history']) ? data['phase_history'] : [];
  return { ...data, phase: to, phase_history: [...history, { phase: to }] };
}
