import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bankAccountConfirmationRefusal,
  enforce,
  reversalApprovalRefusal,
  writeOffApprovalRefusal,
} from './segregation.ts';

describe('segregation of duties', () => {
  it('the requester of a write-off never approves it', () => {
    expect(writeOffApprovalRefusal({ requestedBy: 'u1', approver: 'u1' })).toMatch(/cannot approve/);
    expect(writeOffApprovalRefusal({ requestedBy: 'u1', approver: 'u2' })).toBeUndefined();
    expect(() => enforce(writeOffApprovalRefusal({ requestedBy: 'u1', approver: 'u1' }))).toThrow(
      expect.objectContaining({ type: 'not_allowed' }),
    );
  });

  it('the poster of a settlement is never the only approver of its reversal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a', 'b', 'c'),
        fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 4 }),
        (postedBy, approvers) => {
          const refused = reversalApprovalRefusal({ postedBy, approvers }) !== undefined;
          const someoneElse = approvers.some((a) => a !== postedBy);
          expect(refused).toBe(!someoneElse);
        },
      ),
    );
  });

  it('a bank account change needs a second user', () => {
    expect(bankAccountConfirmationRefusal({ requestedBy: 'u1', confirmer: 'u1' })).toMatch(/second user/);
    expect(bankAccountConfirmationRefusal({ requestedBy: 'u1', confirmer: 'u2' })).toBeUndefined();
  });
});
