import type { Executor } from '../../store/db.ts';
import * as repo from '../../store/repos/customers.ts';
import { insertChange } from '../../store/repos/bank-account-changes.ts';
import { findCurrentDefinition } from '../../store/repos/definitions.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { checkCustomFields } from '../definitions/index.ts';
import { HexiaoError } from '../errors.ts';
import { groupBy } from '../group-by.ts';
import { newId } from '../ids.ts';
import { actorPermissions, rowScopeOf, type RowScope } from '../identity/index.ts';
import { activeBankAccountRow, normaliseBankAccount } from './bank-account.ts';
import type { FromSchema } from 'json-schema-to-ts';
import type { CustomerInput, CustomerUpdate, customerViewSchema } from './customer-schema.ts';

/** A customer as the API returns it, derived from its schema (customer-schema.ts). */
export type Customer = FromSchema<typeof customerViewSchema>;

export function toCustomer(r: repo.CustomerRow, accounts?: repo.BankAccountRow[]): Customer {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    taxId: r.taxId,
    peppolId: r.peppolId,
    gln: r.gln,
    region: r.region,
    salesOwner: r.salesOwner,
    billingEmail: r.billingEmail,
    parentId: r.parentId,
    currency: r.currency,
    paymentTermsDays: r.paymentTermsDays,
    creditLimit: r.creditLimit,
    status: r.status,
    objectType: r.objectType ? { key: r.objectType, version: r.objectTypeVersion! } : null,
    custom: r.custom as Record<string, unknown>,
    ...(accounts
      ? {
          bankAccounts: accounts.map((a) => ({
            id: a.id,
            iban: a.iban,
            accountNumber: a.accountNumber,
            bankName: a.bankName,
            bic: a.bic,
            holderName: a.holderName,
            status: a.status,
          })),
        }
      : {}),
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

async function resolveParent(
  tx: Executor,
  tenantId: string,
  code: string | undefined,
  pointer: string,
  record: string,
) {
  if (!code) return null;
  const parent = await repo.findCustomerByCode(tx, tenantId, code);
  if (!parent)
    throw new HexiaoError('invalid_data', `${record}: ${pointer} names customer ${code}, which does not exist`, {
      pointer,
      record,
    });
  return parent.id;
}

/**
 * Creates customers (one or a batch) with their payer bank accounts, all or nothing. The accounts are active at
 * once only when the creator may change bank accounts; otherwise each waits, as a pending bank-account change,
 * for a second person (a payer account is where refunds go and how receipts are recognised).
 */
export async function createCustomers(deps: DomainDeps, ctx: ActionCtx, inputs: CustomerInput[]): Promise<Customer[]> {
  const accountsActive = actorPermissions(ctx.actor).has('bank-account.write');
  const tenantId = ctx.tenant.id;
  return deps.db.transaction(async (tx) => {
    // what the checks read, in one query each (an import creates customers a thousand at a time)
    const stored = new Map(
      (
        await repo.findCustomersByCodes(tx, tenantId, [
          ...inputs.map((x) => x.code),
          ...inputs.flatMap((x) => (x.parentCode ? [x.parentCode] : [])),
        ])
      ).map((c) => [c.code, c.id]),
    );
    const types = new Map<string, ReturnType<typeof findCurrentDefinition>>();
    const loadType = (key: string) => {
      if (!types.has(key)) types.set(key, findCurrentDefinition(tx, tenantId, 'object-type', key));
      return types.get(key)!;
    };
    // checked in input order, as one by one: the first refusal is the one reported; a parent may come earlier in the batch
    const made = new Map<string, string>();
    const rows: repo.CustomerInsert[] = [];
    const accountsOf: ReturnType<typeof normaliseBankAccount>[][] = [];
    for (const [i, input] of inputs.entries()) {
      const base = inputs.length > 1 ? `/${i}` : '';
      const record = `customer ${input.code}`;
      if (stored.has(input.code) || made.has(input.code))
        throw new HexiaoError('conflict', `${record} already exists`, { pointer: `${base}/code`, record });
      const type = await checkCustomFields(tx, tenantId, 'customer', input.objectType, input.custom, record, loadType);
      accountsOf.push(
        (input.bankAccounts ?? []).map((a, j) => normaliseBankAccount(a, `${base}/bankAccounts/${j}`, record)),
      );
      const parentId = input.parentCode ? (made.get(input.parentCode) ?? stored.get(input.parentCode)) : null;
      if (parentId === undefined)
        throw new HexiaoError(
          'invalid_data',
          `${record}: ${base}/parentCode names customer ${input.parentCode}, which does not exist`,
          { pointer: `${base}/parentCode`, record },
        );
      const id = newId();
      made.set(input.code, id);
      rows.push({
        tenantId,
        id,
        code: input.code,
        name: input.name,
        taxId: input.taxId ?? null,
        peppolId: input.peppolId ?? null,
        gln: input.gln ?? null,
        region: input.region ?? null,
        salesOwner: input.salesOwner ?? null,
        billingEmail: input.billingEmail ?? null,
        parentId,
        currency: input.currency ?? null,
        paymentTermsDays: input.paymentTermsDays ?? null,
        creditLimit: input.creditLimit ?? null,
        objectType: type?.key ?? null,
        objectTypeVersion: type?.version ?? null,
        custom: input.custom ?? {},
        status: input.status ?? 'active',
      });
    }
    // one statement: a child row naming a parent of the same statement passes, foreign keys are checked at its end
    const inserted = new Map((await repo.insertCustomers(tx, rows)).map((r) => [r.id, r]));
    const bank = await repo.insertBankAccounts(
      tx,
      accountsActive
        ? rows.flatMap((row, i) => accountsOf[i]!.map((a) => activeBankAccountRow(tenantId, row.id, a, newId())))
        : [],
    );
    const requested: { customerId: string; change: Awaited<ReturnType<typeof insertChange>> }[] = [];
    if (!accountsActive)
      for (const [i, row] of rows.entries())
        for (const a of accountsOf[i]!)
          requested.push({
            customerId: row.id,
            change: await insertChange(tx, {
              tenantId,
              id: newId(),
              customerId: row.id,
              action: 'add',
              accountId: null,
              details: a,
              status: 'pending',
              requestedBy: ctx.actor.userId ?? ctx.actor.id,
            }),
          });
    const accountRows = groupBy(bank, (b) => b.customerId);
    const created = rows.map((row) => toCustomer(inserted.get(row.id)!, accountRows.get(row.id) ?? []));
    await recordAudit(
      tx,
      ctx,
      deps.auditKey,
      ...created.map((c) => ({ action: 'customer.create', entityType: 'customer', entityId: c.id, after: c })),
      ...requested.map((r) => ({
        action: 'bank-account.change-requested',
        entityType: 'customer',
        entityId: r.customerId,
        after: { id: r.change.id, action: 'add', details: r.change.details, status: 'pending' },
      })),
    );
    return created;
  });
}

export async function updateCustomer(
  deps: DomainDeps,
  ctx: ActionCtx,
  id: string,
  patch: CustomerUpdate,
): Promise<Customer> {
  return deps.db.transaction(async (tx) => {
    const before = await repo.findCustomer(tx, ctx.tenant.id, id, true, actorScope(ctx.actor));
    if (!before) throw new HexiaoError('not_found', `customer ${id} does not exist`);
    const record = `customer ${before.code}`;
    const set: Partial<repo.CustomerInsert> = {};
    for (const k of [
      'name',
      'taxId',
      'peppolId',
      'gln',
      'region',
      'salesOwner',
      'billingEmail',
      'currency',
      'paymentTermsDays',
      'creditLimit',
      'status',
    ] as const)
      if (patch[k] !== undefined) (set as Record<string, unknown>)[k] = patch[k];
    if (patch.parentCode !== undefined) {
      set.parentId = await resolveParent(tx, ctx.tenant.id, patch.parentCode, '/parentCode', record);
      if (set.parentId === id)
        throw new HexiaoError('invalid_data', `${record}: /parentCode cannot be the customer itself`, {
          pointer: '/parentCode',
          record,
        });
    }
    if (patch.custom !== undefined || patch.objectType !== undefined) {
      const custom = patch.custom ?? (before.custom as Record<string, unknown>);
      const type = await checkCustomFields(
        tx,
        ctx.tenant.id,
        'customer',
        patch.objectType ?? before.objectType ?? undefined,
        custom,
        record,
      );
      Object.assign(set, { custom, objectType: type?.key ?? null, objectTypeVersion: type?.version ?? null });
    }
    const after = await repo.updateCustomer(tx, ctx.tenant.id, id, set);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'customer.update',
      entityType: 'customer',
      entityId: id,
      before: toCustomer(before),
      after: toCustomer(after),
    });
    return toCustomer(after);
  });
}

/** The row scope of an actor, for the store to turn into SQL. */
export const actorScope = rowScopeOf;

export async function getCustomer(db: Executor, tenantId: string, id: string, scope?: RowScope): Promise<Customer> {
  const row = await repo.findCustomer(db, tenantId, id, false, scope);
  if (!row) throw new HexiaoError('not_found', `customer ${id} does not exist`);
  return toCustomer(row, await repo.listBankAccounts(db, tenantId, [id]));
}

export async function listCustomers(
  db: Executor,
  tenantId: string,
  filter: repo.CustomerFilter,
  scope?: RowScope,
): Promise<{ items: Customer[]; next: string | null }> {
  const rows = await repo.listCustomers(db, tenantId, { ...filter, limit: filter.limit + 1 }, scope);
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map((r) => toCustomer(r)),
    next: rows.length > filter.limit ? page[page.length - 1]!.code : null,
  };
}
