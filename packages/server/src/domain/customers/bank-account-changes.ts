import * as changes from '../../store/repos/bank-account-changes.ts';
import * as repo from '../../store/repos/customers.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { bankAccountConfirmationRefusal, enforce } from '../identity/index.ts';
import { newId } from '../ids.ts';
import { activeBankAccountRow, normaliseBankAccount } from './bank-account.ts';
import type { BankAccountInput } from './customer-schema.ts';
import { actorScope } from './use-cases.ts';
import type { RowScope } from '../identity/index.ts';

export interface BankAccountChange {
  id: string;
  customerId: string;
  action: 'add' | 'remove';
  accountId: string | null;
  details: BankAccountInput;
  status: 'pending' | 'confirmed' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

const view = (r: changes.BankAccountChangeRow): BankAccountChange => ({
  id: r.id,
  customerId: r.customerId,
  action: r.action as BankAccountChange['action'],
  accountId: r.accountId,
  details: r.details as BankAccountInput,
  status: r.status as BankAccountChange['status'],
  requestedBy: r.requestedBy,
  requestedAt: new Date(r.requestedAt).toISOString(),
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
});

const who = (ctx: ActionCtx) => ctx.actor.userId ?? ctx.actor.id;

/**
 * Requests adding or removing a payer bank account. Nothing changes until a second user confirms:
 * a redirected payer account is how payment fraud starts.
 */
export async function requestBankAccountChange(
  deps: DomainDeps,
  ctx: ActionCtx,
  customerId: string,
  change: { action: 'add'; account: BankAccountInput } | { action: 'remove'; accountId: string },
): Promise<BankAccountChange> {
  return deps.db.transaction(async (tx) => {
    const customer = await repo.findCustomer(tx, ctx.tenant.id, customerId, true, actorScope(ctx.actor));
    if (!customer) throw new HexiaoError('not_found', `customer ${customerId} does not exist`);
    const record = `customer ${customer.code}`;
    let details: BankAccountInput;
    let accountId: string | null = null;
    if (change.action === 'add') {
      details = normaliseBankAccount(change.account, '', record);
    } else {
      const existing = (await repo.listBankAccounts(tx, ctx.tenant.id, [customerId])).find(
        (a) => a.id === change.accountId && a.status === 'active',
      );
      if (!existing) throw new HexiaoError('not_found', `${record} has no active bank account ${change.accountId}`);
      accountId = existing.id;
      details = {
        iban: existing.iban ?? undefined,
        accountNumber: existing.accountNumber ?? undefined,
        bankName: existing.bankName ?? undefined,
      };
    }
    const row = await changes.insertChange(tx, {
      tenantId: ctx.tenant.id,
      id: newId(),
      customerId,
      action: change.action,
      accountId,
      details,
      status: 'pending',
      requestedBy: who(ctx),
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'bank-account.change-requested',
      entityType: 'customer',
      entityId: customerId,
      after: view(row),
    });
    return view(row);
  });
}

/** Confirms (by another user) or rejects a pending change; a confirmed change takes effect in the same transaction. */
export async function decideBankAccountChange(
  deps: DomainDeps,
  ctx: ActionCtx,
  changeId: string,
  decision: 'confirmed' | 'rejected',
): Promise<BankAccountChange> {
  return deps.db.transaction(async (tx) => {
    const pending = await changes.findChange(tx, ctx.tenant.id, changeId, true);
    const scope = actorScope(ctx.actor);
    if (pending && scope && !(await repo.findCustomer(tx, ctx.tenant.id, pending.customerId, false, scope)))
      throw new HexiaoError('not_found', `bank account change ${changeId} does not exist`);
    if (!pending) throw new HexiaoError('not_found', `bank account change ${changeId} does not exist`);
    if (pending.status !== 'pending')
      throw new HexiaoError('unexpected_state', `bank account change ${changeId} is already ${pending.status}`);
    if (decision === 'confirmed')
      enforce(bankAccountConfirmationRefusal({ requestedBy: pending.requestedBy, confirmer: who(ctx) }));
    const decided = await changes.decideChange(tx, ctx.tenant.id, changeId, decision, who(ctx));
    if (decision === 'confirmed') {
      const d = pending.details as BankAccountInput;
      if (pending.action === 'add')
        await repo.insertBankAccounts(tx, [activeBankAccountRow(ctx.tenant.id, pending.customerId, d, newId())]);
      else await changes.setBankAccountStatus(tx, ctx.tenant.id, pending.accountId!, 'removed');
    }
    await recordAudit(tx, ctx, deps.auditKey, {
      action: `bank-account.change-${decision}`,
      entityType: 'customer',
      entityId: pending.customerId,
      before: view(pending),
      after: view(decided),
    });
    return view(decided);
  });
}

export async function listBankAccountChanges(
  deps: DomainDeps,
  tenantId: string,
  status?: string,
  scope?: RowScope,
): Promise<BankAccountChange[]> {
  return (await changes.listChanges(deps.db, tenantId, status, scope)).map(view);
}
