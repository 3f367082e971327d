import * as repo from '../../store/repos/collections.ts';
import type { RowScope } from '../../store/repos/customers.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps, Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { isDate, todayIn } from '../ledger/index.ts';
import { dec, Decimal, minorUnits, parsePositiveAmount } from '../money/index.ts';
import { openReceivable } from './open-receivable.ts';

export const promiseStatuses = ['open', 'kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof promiseStatuses)[number];

export interface PromiseInput {
  promisedDate: string;
  /** Defaults to everything open on the item. */
  amount?: string;
  note?: string;
  /** When the customer made it (recorded later from a call or a letter); today when absent. */
  madeOn?: string;
}

/** A customer's promise to pay (part of) one receivable by a date, and what came of it. */
export interface PaymentPromise {
  id: string;
  documentId: string;
  customerId: string;
  promisedDate: string;
  currency: string;
  amount: string;
  /** Paid on the item since the promise was made (its open amount then less its open amount now). */
  paidSince: string;
  madeOn: string;
  note: string | null;
  status: PromiseStatus;
  /** Open and its date has passed: the next review records it broken unless the money arrives first. */
  due: boolean;
  outcome: { asOf: string; paid: string; reason: string | null; by: string | null; at: string } | null;
  createdBy: string | null;
  createdAt: string;
}

export function paidSince(r: repo.PromiseRow): Decimal {
  return Decimal.max(dec(r.promise.openAtPromise).minus(dec(r.openNow ?? '0')), 0);
}

function view(r: repo.PromiseRow, today: string): PaymentPromise {
  const p = r.promise;
  const places = minorUnits(p.currency) ?? 2;
  const status: PromiseStatus = r.outcome?.outcome ?? 'open';
  return {
    id: p.id,
    documentId: p.documentId,
    customerId: p.customerId,
    promisedDate: p.promisedDate,
    currency: p.currency,
    amount: dec(p.amount).toFixed(places),
    paidSince: paidSince(r).toFixed(places),
    madeOn: p.madeOn,
    note: p.note,
    status,
    due: status === 'open' && p.promisedDate < today,
    outcome: r.outcome
      ? {
          asOf: r.outcome.asOf,
          paid: dec(r.outcome.paid).toFixed(places),
          reason: r.outcome.reason,
          by: r.outcome.createdBy,
          at: r.outcome.createdAt,
        }
      : null,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
  };
}

/**
 * Records a customer's promise, made today or on an earlier day, to pay an open receivable (all of it by
 * default) by a date.
 * Until the date the collection plan expects the money then and reminders wait; the daily review records
 * it kept once the item has been paid that much, or broken when the date passes first.
 */
export async function makePromise(
  deps: DomainDeps,
  ctx: ActionCtx,
  documentId: string,
  input: PromiseInput,
  scope: RowScope | undefined,
): Promise<PaymentPromise> {
  const today = todayIn(ctx.tenant.timeZone);
  const madeOn = input.madeOn ?? today;
  for (const [field, value] of [
    ['promisedDate', input.promisedDate],
    ['madeOn', madeOn],
  ] as const)
    if (!isDate(value)) throw invalid(`/${field}`, `must be a calendar date YYYY-MM-DD (got ${JSON.stringify(value)})`);
  if (madeOn > today) throw invalid('/madeOn', `${madeOn} is in the future (today is ${today})`);
  if (input.promisedDate < madeOn)
    throw invalid('/promisedDate', `${input.promisedDate} is before the day the promise was made (${madeOn})`);
  return deps.db.transaction(async (tx) => {
    const { document, customerId, item } = await openReceivable(tx, ctx.tenant.id, documentId, scope);
    if (madeOn < document.documentDate)
      throw invalid('/madeOn', `${madeOn} is before the receivable's date (${document.documentDate})`);
    const open = dec(item.openAmount);
    const amount = input.amount === undefined ? open : parsePositiveAmount(input.amount, item.currency, '/amount');
    if (amount.gt(open))
      throw invalid('/amount', `is more than the ${open.toFixed()} ${item.currency} still open on the receivable`);
    const id = newId();
    await repo.insertPromise(tx, {
      tenantId: ctx.tenant.id,
      id,
      documentId,
      customerId,
      promisedDate: input.promisedDate,
      currency: item.currency,
      amount: amount.toFixed(),
      openAtPromise: open.toFixed(),
      madeOn,
      note: input.note ?? null,
      createdBy: ctx.actor.name,
    });
    const made = await getPromise(tx, ctx, id, undefined);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'promise.make',
      entityType: 'document',
      entityId: documentId,
      after: made,
    });
    return made;
  });
}

export async function getPromise(
  db: Executor,
  ctx: ActionCtx,
  id: string,
  scope: RowScope | undefined,
): Promise<PaymentPromise> {
  const [r] = await repo.listPromises(db, ctx.tenant.id, { id, ...(scope ? { scope } : {}), limit: 1 });
  if (!r) throw new HexiaoError('not_found', `promise ${id} does not exist`);
  return view(r, todayIn(ctx.tenant.timeZone));
}

export async function listPromises(
  db: Executor,
  ctx: ActionCtx,
  f: Omit<repo.CollectionFilter, 'id'>,
): Promise<PaymentPromise[]> {
  const today = todayIn(ctx.tenant.timeZone);
  return (await repo.listPromises(db, ctx.tenant.id, f)).map((r) => view(r, today));
}

/** Withdraws an open promise (the customer took it back, or it was recorded in error), with a reason. */
export async function cancelPromise(
  deps: DomainDeps,
  ctx: ActionCtx,
  id: string,
  reason: string,
  scope: RowScope | undefined,
): Promise<PaymentPromise> {
  return deps.db.transaction(async (tx) => {
    const before = await getPromise(tx, ctx, id, scope);
    const recorded = await repo.insertPromiseOutcomes(tx, [
      {
        tenantId: ctx.tenant.id,
        promiseId: id,
        outcome: 'cancelled',
        asOf: todayIn(ctx.tenant.timeZone),
        paid: before.paidSince,
        reason,
        createdBy: ctx.actor.name,
      },
    ]);
    if (!recorded.length)
      throw new HexiaoError('conflict', `promise ${id} is ${before.status} already`, { pointer: '/path/id' });
    const after = await getPromise(tx, ctx, id, undefined);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'promise.cancel',
      entityType: 'document',
      entityId: before.documentId,
      before,
      after,
    });
    return after;
  });
}
