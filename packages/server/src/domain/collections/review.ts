import * as repo from '../../store/repos/collections.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { dec } from '../money/index.ts';
import { paidSince } from './promises.ts';

export interface BrokenPromise {
  id: string;
  documentId: string;
  customerId: string;
  promisedDate: string;
  currency: string;
  amount: string;
  paid: string;
}

export interface PromiseReview {
  kept: number;
  broken: BrokenPromise[];
}

/**
 * Records what came of the open promises as of a date: kept once the item has been paid the promised amount
 * since the promise (or settled), broken when the promised date is before `asOf` and it was not. Each outcome
 * is recorded once (an insert-only row with its reason and reviewer), whoever reviews at the same time; the
 * caller escalates the broken ones.
 */
export async function reviewPromises(tx: Executor, ctx: ActionCtx, asOf: string): Promise<PromiseReview> {
  const open = (await repo.openPromises(tx, ctx.tenant.id)).filter((r) => r.promise.madeOn <= asOf);
  const outcomes: repo.PromiseOutcomeInsert[] = [];
  const byId = new Map(open.map((r) => [r.promise.id, r]));
  for (const r of open) {
    const paid = paidSince(r);
    const kept = paid.gte(dec(r.promise.amount)) || (r.openNow !== null && dec(r.openNow).isZero());
    if (!kept && r.promise.promisedDate >= asOf) continue;
    outcomes.push({
      tenantId: ctx.tenant.id,
      promiseId: r.promise.id,
      outcome: kept ? 'kept' : 'broken',
      asOf,
      paid: paid.toFixed(),
      reason: kept ? null : `${paid.toFixed()} of ${dec(r.promise.amount).toFixed()} paid by ${r.promise.promisedDate}`,
      createdBy: ctx.actor.name,
    });
  }
  const recorded = new Set(await repo.insertPromiseOutcomes(tx, outcomes));
  const mine = outcomes.filter((o) => recorded.has(o.promiseId));
  return {
    kept: mine.filter((o) => o.outcome === 'kept').length,
    broken: mine
      .filter((o) => o.outcome === 'broken')
      .map((o) => {
        const p = byId.get(o.promiseId)!.promise;
        return {
          id: p.id,
          documentId: p.documentId,
          customerId: p.customerId,
          promisedDate: p.promisedDate,
          currency: p.currency,
          amount: dec(p.amount).toFixed(),
          paid: o.paid,
        };
      }),
  };
}

/** Per document, what collections know of it as of a date (open dispute, promised date, broken promises). */
export const collectionFlags = (db: Executor, tenantId: string, asOf: string) =>
  repo.collectionFlags(db, tenantId, asOf);
export type { CollectionFlags } from '../../store/repos/collections.ts';
