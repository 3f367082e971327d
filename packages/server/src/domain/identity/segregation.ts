import { HexiaoError } from '../errors.ts';

/**
 * Segregation of duties, as policy functions the approval flows call. Each returns a reason when the
 * action is refused, undefined when it is allowed.
 */

/** The user who requested a write-off cannot approve it. */
export function writeOffApprovalRefusal(o: { requestedBy: string; approver: string }): string | undefined {
  return o.requestedBy === o.approver ? 'the user who requested a write-off cannot approve it' : undefined;
}

/** The user who posted a settlement cannot be the only approver of its reversal. */
export function reversalApprovalRefusal(o: { postedBy: string; approvers: readonly string[] }): string | undefined {
  const others = new Set(o.approvers.filter((a) => a !== o.postedBy));
  if (!o.approvers.length) return 'a settlement reversal needs an approver';
  return others.size === 0
    ? 'the user who posted the settlement cannot be the only approver of its reversal'
    : undefined;
}

/** A change of a customer's payer bank accounts needs a second user's confirmation. */
export function bankAccountConfirmationRefusal(o: { requestedBy: string; confirmer: string }): string | undefined {
  return o.requestedBy === o.confirmer ? 'a payer bank account change must be confirmed by a second user' : undefined;
}

export function enforce(refusal: string | undefined): void {
  if (refusal) throw new HexiaoError('not_allowed', refusal);
}
