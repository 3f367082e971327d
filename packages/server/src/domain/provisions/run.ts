import * as repo from '../../store/repos/provisioning.ts';
import { isUniqueViolation } from '../../store/repos/documents.ts';
import { newestPublishedOfKind } from '../../store/repos/write-offs.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { toCustomer } from '../customers/index.ts';
import { getDefinition, versionRef } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import {
  accountByRole,
  isDate,
  resolveAccountMapping,
  saveVoucher,
  todayIn,
  VoucherBuilder,
  type LedgerDeps,
} from '../ledger/index.ts';
import { dec, roundMoney, ZERO, type Decimal } from '../money/index.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import { customerFacts, daysOverdue } from '../requests/index.ts';
import { compilePlan, daysBetween, provideLine, type CompiledPlan, type ProvisionLine } from './compute.ts';
import type { ProvisionPlanDocument } from './provision-plan.kind.ts';
import { runView, type ProvisioningRunView } from './views.ts';

export interface ProvisioningRunInput {
  /** The plan: its key (newest published of the kind when omitted) and version (the current one when omitted). */
  plan?: { key: string; version?: number };
  /** The receivables as they stood at the end of this date (default today). */
  asOf?: string;
  /** The voucher's date (default the as-of date); its period must be open. */
  postingDate?: string;
  /** Computes and returns the same report, posting and storing nothing. */
  dryRun?: boolean;
}

interface CustomerLine {
  customerId: string | null;
  items: number;
  openBase: Decimal;
  required: Decimal;
  carried: Decimal;
}

const startOf = (plan: CompiledPlan, r: repo.ReceivableAsOf): string | null => {
  const t0 = plan.doc.t0 ?? 'dueDate';
  if (t0 === 'documentDate') return r.documentDate;
  if (t0 === 'postingDate') return r.postingDate;
  return r.dueDate ?? r.documentDate;
};

async function planVersion(db: Executor, tenantId: string, ref: ProvisioningRunInput['plan']) {
  const key = ref?.key ?? (await newestPublishedOfKind(db, tenantId, 'provision-plan'))?.key;
  if (!key)
    throw invalid('/plan', 'is required: no provision plan is published (publish one of kind provision-plan first)');
  const v = await getDefinition<ProvisionPlanDocument>(db, tenantId, 'provision-plan', key, ref?.version ?? 'current');
  if (v.status === 'draft') throw invalid('/plan/version', `is a draft: only a published plan provisions`);
  return v;
}

/** Each receivable's required allowance, then per customer against what the allowance account carries. */
async function compute(db: Executor, ctx: ActionCtx, plan: CompiledPlan, asOf: string, allowanceCode: string) {
  const tenantId = ctx.tenant.id;
  const items = await repo.receivablesAsOf(db, tenantId, asOf);
  const customerIds = [...new Set(items.map((i) => i.customerId).filter((c): c is string => c !== null))];
  const customers = new Map(
    (await repo.customersByIds(db, tenantId, customerIds)).map((c) => [c.id, customerFacts(toCustomer(c))]),
  );
  const lines: ProvisionLine[] = items.map((r) => {
    const start = startOf(plan, r);
    return provideLine(
      plan,
      {
        item: {
          id: r.documentId,
          number: r.number,
          docType: r.docType,
          receivableType: r.receivableType,
          currency: r.currency,
          amount: dec(r.amount).toFixed(),
          openAmount: dec(r.open).toFixed(),
          postingDate: r.postingDate,
          dueDate: r.dueDate,
          daysOverdue: daysOverdue(r.dueDate, asOf),
        },
        customer: r.customerId ? (customers.get(r.customerId) ?? {}) : {},
        days: start ? daysBetween(start, asOf) : null,
        asOf,
      },
      r,
      ctx.tenant.baseCurrency,
    );
  });
  const byCustomer = new Map<string | null, CustomerLine>();
  const line = (customerId: string | null) => {
    let l = byCustomer.get(customerId);
    if (!l) byCustomer.set(customerId, (l = { customerId, items: 0, openBase: ZERO, required: ZERO, carried: ZERO }));
    return l;
  };
  for (const l of lines) {
    const c = line(l.customerId);
    c.items += 1;
    c.openBase = c.openBase.plus(l.openBase);
    c.required = c.required.plus(l.required);
  }
  // with a sales percentage, the allowance carried without a customer is the general allowance it builds
  const general = plan.doc.salesPercentage !== undefined;
  for (const [customerId, balance] of await repo.allowanceByCustomer(db, tenantId, allowanceCode, asOf))
    if (!dec(balance).isZero() && !(general && customerId === null)) line(customerId).carried = dec(balance);
  return {
    lines,
    customers: [...byCustomer.values()].sort((a, b) => (a.customerId ?? '').localeCompare(b.customerId ?? '')),
  };
}

/** The allowance by stage and bucket, in the plan's order of stages and buckets (unclaimed items last). */
function summary(plan: CompiledPlan, lines: ProvisionLine[]) {
  const cells = new Map<
    string,
    { stage: string | null; bucket: string | null; items: number; openBase: Decimal; required: Decimal }
  >();
  for (const l of lines) {
    const k = `${l.stage}|${l.bucket}`;
    const c = cells.get(k) ?? { stage: l.stage, bucket: l.bucket, items: 0, openBase: ZERO, required: ZERO };
    c.items += 1;
    c.openBase = c.openBase.plus(l.openBase);
    c.required = c.required.plus(l.required);
    cells.set(k, c);
  }
  const order = new Map<string, number>();
  plan.doc.stages.forEach((st, i) => {
    order.set(`${st.id}|null`, i * 1000);
    (st.buckets ?? []).forEach((b, j) => order.set(`${st.id}|${b.id}`, i * 1000 + j + 1));
  });
  const rank = (c: { stage: string | null; bucket: string | null }) =>
    order.get(`${c.stage}|${c.bucket}`) ?? Number.MAX_SAFE_INTEGER;
  return [...cells.values()]
    .sort((a, b) => rank(a) - rank(b) || `${a.stage}|${a.bucket}`.localeCompare(`${b.stage}|${b.bucket}`))
    .map((c) => ({ ...c, openBase: c.openBase.toFixed(), required: c.required.toFixed() }));
}

/**
 * Percentage of credit sales (ENGINES.md §3.2): the rate times the invoices posted since the plan's previous run
 * (the day after its as-of date) or, for the first run, since the first of the as-of month, through `asOf`.
 */
async function salesCharge(
  db: Executor,
  tenantId: string,
  planKey: string,
  doc: ProvisionPlanDocument,
  asOf: string,
  currency: string,
) {
  if (!doc.salesPercentage) return null;
  const previous = await repo.previousRunAsOf(db, tenantId, planKey, asOf);
  const from = previous
    ? new Date(Date.parse(`${previous}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    : `${asOf.slice(0, 7)}-01`;
  const creditSales = dec(await repo.creditSales(db, tenantId, from, asOf));
  const rate = doc.salesPercentage.rate;
  const expense = roundMoney(creditSales.times(rate), currency, doc.rounding ?? 'half_up');
  return { from, to: asOf, creditSales, rate, expense: expense.isNeg() ? ZERO : expense };
}

/**
 * The tax side of a run's net charge (top-up less release): not deductible until the loss is realised, so it is
 * added back to taxable income, and the tax on it is a deferred tax asset (a release reverses both).
 */
function deferredTax(doc: ProvisionPlanDocument, net: Decimal, currency: string) {
  if (!doc.deferredTax || (doc.mode ?? 'allowance') !== 'allowance') return null;
  const rate = doc.deferredTax.rate;
  return { rate, addBack: net, deferredTax: roundMoney(net.times(rate), currency, 'half_up') };
}

/**
 * A provisioning run (ENGINES.md §3): for an as-of date and a published plan version, the allowance each
 * customer's open receivables require against the allowance carried, and one voucher with the difference —
 * a top-up (Dr bad-debt expense, Cr allowance) or a release (the reverse), per customer. One run per (plan
 * version, as-of date): running it again answers the first run and posts nothing. A dry run answers the same
 * report and writes nothing. A direct-write-off plan reports what an allowance would be and posts nothing.
 */
export async function runProvisioning(
  deps: LedgerDeps,
  ctx: ActionCtx,
  input: ProvisioningRunInput,
): Promise<ProvisioningRunView> {
  const today = todayIn(ctx.tenant.timeZone);
  const asOf = input.asOf ?? today;
  if (!isDate(asOf)) throw invalid('/asOf', 'is not a calendar date');
  if (asOf > today) throw invalid('/asOf', `is after today (${today}): an allowance is for what is known`);
  const postingDate = input.postingDate ?? asOf;
  if (!isDate(postingDate)) throw invalid('/postingDate', 'is not a calendar date');
  if (postingDate < asOf) throw invalid('/postingDate', `is before the as-of date ${asOf}`);
  const tenantId = ctx.tenant.id;
  const attempt = () =>
    deps.db.transaction(async (tx) => {
      const v = await planVersion(tx, tenantId, input.plan);
      const plan = compilePlan(v.document);
      const ref = { planKey: v.key, planVersion: v.version, asOf };
      if (!input.dryRun) {
        const earlier = await repo.findProvisioningRun(tx, tenantId, ref);
        if (earlier) return runView(tx, tenantId, earlier, { replayed: true });
        await requireOpenPeriod(tx, tenantId, postingDate, '/postingDate');
      }
      const mapping = await resolveAccountMapping(tx, tenantId);
      const allowance = accountByRole(mapping, 'allowance');
      const expense = accountByRole(mapping, 'bad-debt-expense');
      const { lines, customers } = await compute(tx, ctx, plan, asOf, allowance.code);
      const mode = plan.doc.mode ?? 'allowance';
      const id = newId();
      const diff = (c: CustomerLine) => (mode === 'allowance' ? c.required.minus(c.carried) : ZERO);
      const voucher = new VoucherBuilder({
        voucherDate: postingDate,
        sourceType: 'provisioning-run',
        sourceId: id,
        description: `provision for doubtful receivables as of ${asOf} (${v.key} v${v.version})`,
        currency: ctx.tenant.baseCurrency,
        mappingKey: mapping.key,
        mappingVersion: mapping.version,
      });
      let topUp = ZERO;
      let released = ZERO;
      for (const c of customers) {
        const d = diff(c);
        if (d.isZero()) continue;
        const extra = { customerId: c.customerId, memo: d.isPos() ? 'top-up' : 'release' };
        voucher.debit(expense, d, extra).credit(allowance, d, extra);
        if (d.isPos()) topUp = topUp.plus(d);
        else released = released.plus(d.neg());
      }
      const sales = await salesCharge(tx, tenantId, v.key, plan.doc, asOf, ctx.tenant.baseCurrency);
      if (sales && mode === 'allowance' && sales.expense.isPos()) {
        const extra = {
          customerId: null,
          memo: `general allowance: ${sales.rate} of credit sales ${sales.from}..${sales.to}`,
        };
        voucher.debit(expense, sales.expense, extra).credit(allowance, sales.expense, extra);
        topUp = topUp.plus(sales.expense);
      }
      const tax = deferredTax(plan.doc, topUp.minus(released), ctx.tenant.baseCurrency);
      if (tax && !tax.deferredTax.isZero()) {
        const asset = accountByRole(mapping, 'deferred-tax-asset');
        const income = accountByRole(mapping, 'income-tax');
        const extra = { memo: `deferred tax at ${tax.rate} on the net provision charge` };
        if (tax.deferredTax.isPos())
          voucher.debit(asset, tax.deferredTax, extra).credit(income, tax.deferredTax, extra);
        else voucher.debit(income, tax.deferredTax.neg(), extra).credit(asset, tax.deferredTax.neg(), extra);
      }
      const sum = (f: (c: CustomerLine) => Decimal) => customers.reduce((s, c) => s.plus(f(c)), ZERO);
      const row: repo.ProvisioningRunRow = {
        tenantId,
        id,
        planKey: v.key,
        planVersion: v.version,
        planHash: v.contentHash ?? '',
        asOf,
        postingDate,
        mode,
        currency: ctx.tenant.baseCurrency,
        items: lines.length,
        required: sum((c) => c.required).toFixed(),
        carried: sum((c) => c.carried).toFixed(),
        topUp: topUp.toFixed(),
        released: released.toFixed(),
        voucherId: null,
        summary: {
          plan: versionRef(v),
          byStage: summary(plan, lines),
          salesPercentage: sales
            ? {
                from: sales.from,
                to: sales.to,
                creditSales: sales.creditSales.toFixed(),
                rate: sales.rate,
                expense: mode === 'allowance' ? sales.expense.toFixed() : '0',
              }
            : null,
          tax: tax ? { rate: tax.rate, addBack: tax.addBack.toFixed(), deferredTax: tax.deferredTax.toFixed() } : null,
        },
        createdBy: ctx.actor.name,
        createdAt: new Date().toISOString(),
      };
      const lineRows = customers.map((c, i) => ({
        tenantId,
        runId: id,
        lineNo: i + 1,
        customerId: c.customerId,
        items: c.items,
        openBase: c.openBase.toFixed(),
        required: c.required.toFixed(),
        carried: c.carried.toFixed(),
        difference: diff(c).toFixed(),
      }));
      if (input.dryRun) return runView(tx, tenantId, row, { dryRun: true, lines: lineRows });
      if (!topUp.isZero() || !released.isZero() || (tax && !tax.deferredTax.isZero()))
        row.voucherId = (await saveVoucher(tx, ctx, voucher.build())).id;
      await repo.insertProvisioningRun(tx, row, lineRows);
      await recordAudit(tx, ctx, deps.auditKey, {
        action: 'provisioning.run',
        entityType: 'provisioning-run',
        entityId: id,
        after: {
          asOf,
          postingDate,
          required: row.required,
          carried: row.carried,
          topUp: row.topUp,
          released: row.released,
        },
        definitions: [{ kind: 'provision-plan', key: v.key, version: v.version }],
      });
      return runView(tx, tenantId, row, {});
    });
  try {
    return await attempt();
  } catch (e) {
    // the same run started at the same moment elsewhere: it won, and answers for both
    if (!input.dryRun && isUniqueViolation(e)) return attempt();
    throw e;
  }
}
