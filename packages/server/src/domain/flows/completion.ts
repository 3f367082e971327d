import type { ApproveStep } from './flow-schema.ts';
import type { Slot } from './state.ts';

export type DecisionRule = NonNullable<ApproveStep['decision']>;

/** How many approvals the assigned slots need (a quorum above the resolved approvers is capped at them). */
export function needed(rule: DecisionRule, assigned: number): number {
  if (assigned === 0) return 0;
  if (rule.mode === 'any') return 1;
  if (rule.mode === 'all') return assigned;
  const want = rule.min ?? Math.ceil(Number(rule.ratio ?? '1') * assigned - 1e-9);
  return Math.min(Math.max(want, 1), assigned);
}

/**
 * Pure: where an approve step stands. It is approved once enough assigned slots approve (any: one, all:
 * every one, quorum: min or ratio) and every added signer approved; rejected as soon as approval became
 * impossible (so `any` rejects only when all reject, `all` on the first reject), on the first reject with
 * `rejectOn: first`, or when an added signer rejects.
 */
export function outcome(slots: readonly Slot[], rule: DecisionRule): 'approved' | 'rejected' | 'pending' {
  let approvals = 0;
  let rejections = 0;
  let assigned = 0;
  let addedOpen = false;
  for (const s of slots) {
    if (s.kind === 'added') {
      if (s.status === 'rejected') return 'rejected';
      if (s.status !== 'approved') addedOpen = true;
      continue;
    }
    assigned++;
    if (s.status === 'approved') approvals++;
    else if (s.status === 'rejected') rejections++;
  }
  const need = needed(rule, assigned);
  if (rule.rejectOn === 'first' && rejections > 0) return 'rejected';
  if (approvals + (assigned - approvals - rejections) < need) return 'rejected';
  return approvals >= need && !addedOpen ? 'approved' : 'pending';
}
