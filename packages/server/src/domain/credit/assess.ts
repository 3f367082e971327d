import { compile } from '@hexiao/dsl';
import { customerCreditFigures, type CreditFigures } from '../../store/repos/credit.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope, getCustomer, type Customer } from '../customers/index.ts';
import { getDefinition, versionRef } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, invalid, isHexiaoError } from '../errors.ts';
import { todayIn } from '../ledger/index.ts';
import { Decimal, dec, minorUnits, parsePositiveAmount } from '../money/index.ts';
import { customerFacts } from '../requests/index.ts';
import { builtInCreditPolicy, type CreditPolicyDocument } from './credit-policy.kind.ts';

export const defaultPolicyKey = 'default';

export interface CreditMetrics {
  exposure: string;
  overdue: string;
  overdueRatio: number;
  maxDaysPastDue: number;
  avgDaysBeyondTerms: number;
  badDebts: string;
  openItems: number;
  openDisputes: number;
  brokenPromises: number;
}

export interface CustomerCredit {
  customer: { id: string; code: string; name: string; status: string };
  asOf: string;
  currency: string;
  limit: string | null;
  exposure: string;
  available: string | null;
  metrics: CreditMetrics;
  score: number;
  grade: string;
  policy: { kind: string; key: string; version: number; contentHash: string } | null;
}

export interface CreditCheck extends CustomerCredit {
  amount: string;
  decision: 'allow' | 'warn' | 'block';
  reasons: string[];
}

export async function policyOf(db: Executor, tenantId: string) {
  try {
    const v = await getDefinition<CreditPolicyDocument>(db, tenantId, 'credit-policy', defaultPolicyKey);
    return { doc: v.document, ref: versionRef(v) };
  } catch (e) {
    if (isHexiaoError(e) && e.type === 'not_found') return { doc: builtInCreditPolicy, ref: null };
    throw e;
  }
}

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/** A customer's credit metrics from its payment figures (base currency, its minor units). */
export function metricsOf(f: CreditFigures, places: number): CreditMetrics {
  const exposure = Decimal.max(0, dec(f.openDebit).minus(f.unappliedCredit));
  const open = dec(f.openDebit);
  return {
    exposure: exposure.toFixed(places),
    overdue: dec(f.overdue).toFixed(places),
    overdueRatio: open.isZero() ? 0 : round(dec(f.overdue).div(open).toNumber(), 4),
    maxDaysPastDue: f.maxDaysPastDue,
    avgDaysBeyondTerms: dec(f.paidBase).lte(0) ? 0 : round(dec(f.paidLateDays).div(f.paidBase).toNumber()),
    badDebts: dec(f.badDebts).toFixed(places),
    openItems: f.openItems,
    openDisputes: f.openDisputes,
    brokenPromises: f.brokenPromises,
  };
}

/** The policy's score (clamped to 0–100) and grade for a customer's metrics, the rule compiled once. */
export function scorer(doc: CreditPolicyDocument) {
  const rule = compile(doc.score);
  return (metrics: CreditMetrics, customer: Customer, asOf: string) => {
    const raw = Number(rule({ metrics, customer: customerFacts(customer), asOf }));
    const score = Number.isFinite(raw) ? Math.round(Math.min(100, Math.max(0, raw))) : 0;
    return { score, grade: doc.grades.find((g) => g.min === undefined || score >= g.min)!.grade };
  };
}

async function assess(db: Executor, ctx: ActionCtx, customer: Customer): Promise<CustomerCredit> {
  const { tenant } = ctx;
  const asOf = todayIn(tenant.timeZone);
  const places = minorUnits(tenant.baseCurrency) ?? 2;
  const metrics = metricsOf(await customerCreditFigures(db, tenant.id, customer.id, asOf), places);
  const exposure = dec(metrics.exposure);
  const { doc, ref } = await policyOf(db, tenant.id);
  const { score, grade } = scorer(doc)(metrics, customer, asOf);
  const limit = customer.creditLimit === null ? null : dec(customer.creditLimit);
  return {
    customer: { id: customer.id, code: customer.code, name: customer.name, status: customer.status },
    asOf,
    currency: tenant.baseCurrency,
    limit: limit ? limit.toFixed(places) : null,
    exposure: metrics.exposure,
    available: limit ? limit.minus(exposure).toFixed(places) : null,
    metrics,
    score,
    grade,
    policy: ref,
  };
}

/** A customer's credit as of today: exposure against the limit, payment figures, score and grade (fresh each time). */
export async function customerCredit(db: Executor, ctx: ActionCtx, customerId: string): Promise<CustomerCredit> {
  return assess(db, ctx, await getCustomer(db, ctx.tenant.id, customerId, actorScope(ctx.actor)));
}

/**
 * A credit check before an order is accepted: allow, warn or block, with every reason, from the customer's
 * status, limit, exposure after the order, grade and days past due under the published credit policy.
 */
export async function creditCheck(
  db: Executor,
  ctx: ActionCtx,
  input: { customerId: string; amount: string; currency?: string },
): Promise<CreditCheck> {
  const base = ctx.tenant.baseCurrency;
  if (input.currency !== undefined && input.currency !== base)
    throw invalid('/currency', `credit is checked in the base currency ${base} (got ${input.currency})`);
  const amount = parsePositiveAmount(input.amount, base, '/amount');
  let customer: Customer;
  try {
    customer = await getCustomer(db, ctx.tenant.id, input.customerId, actorScope(ctx.actor));
  } catch (e) {
    if (isHexiaoError(e) && e.type === 'not_found')
      throw new HexiaoError('invalid_data', `/customerId ${input.customerId} is not a customer you can see`, {
        errors: [{ pointer: '/customerId', reason: 'is not a customer of this tenant in your data scope' }],
      });
    throw e;
  }
  const credit = await assess(db, ctx, customer);
  const { doc } = await policyOf(db, ctx.tenant.id);
  const rules = doc.check ?? {};
  const block: string[] = [];
  const warn: string[] = [];
  const places = minorUnits(base) ?? 2;
  const after = dec(credit.exposure).plus(amount);
  if (customer.status !== 'active') block.push(`the customer is ${customer.status}`);
  if (credit.limit === null) {
    const mode = rules.withoutLimit ?? 'warn';
    if (mode !== 'allow') (mode === 'block' ? block : warn).push('the customer has no credit limit');
  } else {
    const limit = dec(credit.limit);
    if (after.gt(limit))
      block.push(
        `exposure after the order ${after.toFixed(places)} exceeds the limit ${credit.limit} by ${after.minus(limit).toFixed(places)} ${base}`,
      );
    else if (after.gt(limit.times(rules.warnAtShare ?? '0.8')))
      warn.push(
        `exposure after the order ${after.toFixed(places)} is over ${dec(rules.warnAtShare ?? '0.8')
          .times(100)
          .toFixed(0)}% of the limit ${credit.limit} ${base}`,
      );
  }
  if (rules.blockGrades?.includes(credit.grade)) block.push(`grade ${credit.grade} (score ${credit.score}) is blocked`);
  else if (rules.warnGrades?.includes(credit.grade)) warn.push(`grade ${credit.grade} (score ${credit.score})`);
  if (rules.blockDaysPastDue !== undefined && credit.metrics.maxDaysPastDue >= rules.blockDaysPastDue)
    block.push(`an item is ${credit.metrics.maxDaysPastDue} days past due (blocked from ${rules.blockDaysPastDue})`);
  return {
    ...credit,
    amount: amount.toFixed(places),
    decision: block.length ? 'block' : warn.length ? 'warn' : 'allow',
    reasons: [...block, ...warn],
  };
}
