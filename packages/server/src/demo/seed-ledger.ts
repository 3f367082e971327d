import type { ActionCtx } from '../domain/context.ts';
import { recordFxRates } from '../domain/fx/index.ts';
import { dec } from '../domain/money/index.ts';
import { allocate } from '../domain/settlement/index.ts';
import { seedDemoReceiptsForMatching } from './seed-matching.ts';
import {
  createCompanyBankAccount,
  hasDocuments,
  postDocument,
  postDocuments,
  reverseDocument,
  todayIn,
  type LedgerDeps,
  type PostDocumentInput,
} from '../domain/ledger/index.ts';
import { addDays } from './dates.ts';
import { commercialDates } from './commercial-dates.ts';

export interface DemoLedgerSummary {
  skipped: boolean;
  documents: number;
  settlements: number;
}

/** A small deterministic generator, so every demo start shows the same books. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Gives the demo tenant books a new user can browse: FX rates, two company bank accounts, estimates,
 * invoices in CNY and USD, receipts (one unidentified), full and partial settlements (one with a
 * realised FX difference), an estimate relieved by its invoice, a reversed invoice, and receipts nobody has
 * settled yet for a matching run (seed-matching.ts). Skipped when the
 * tenant already has documents.
 */
export async function seedDemoLedger(
  deps: LedgerDeps,
  ctx: ActionCtx,
  customers: readonly (string | { id: string })[],
  o: {
    count?: number;
    today?: string;
    /** Invoices of the published `receivable` object type, with the dates commercial aging starts from. */
    commercialDates?: boolean;
  } = {},
): Promise<DemoLedgerSummary> {
  const ids = customers.map((c) => (typeof c === 'string' ? c : c.id)).slice(0, o.count ?? 20);
  if (await hasDocuments(deps.db, ctx.tenant.id)) return { skipped: true, documents: 0, settlements: 0 };
  const rnd = prng(20261125);
  const today = o.today ?? todayIn(ctx.tenant.timeZone);
  const start = addDays(today, -100);
  const base = ctx.tenant.baseCurrency;
  const rates = ['7.1012', '7.1235', '7.1588', '7.1420'];
  await recordFxRates(
    deps,
    ctx,
    [
      ...rates.map((rate, i) => ({
        rateDate: addDays(start, i * 30),
        fromCurrency: 'USD',
        toCurrency: base,
        rate,
        source: 'demo',
      })),
      ...rates.map((rate, i) => ({
        rateDate: addDays(start, i * 30),
        fromCurrency: 'EUR',
        toCurrency: base,
        rate: dec(rate).times('1.08').toDecimalPlaces(4).toFixed(),
        source: 'demo',
      })),
    ].filter((r) => r.fromCurrency !== base),
  );
  const cny = await createCompanyBankAccount(deps, ctx, {
    code: 'ICBC-SH-001',
    name: 'ICBC Shanghai operating account',
    accountNumber: '1001 2345 6789 0001',
    bankName: 'ICBC',
    currency: 'CNY',
    glAccount: '1002',
  });
  const usd = await createCompanyBankAccount(deps, ctx, {
    code: 'BOC-USD-001',
    name: 'Bank of China USD account',
    accountNumber: '4567 8901 2345',
    bankName: 'Bank of China',
    currency: 'USD',
    glAccount: '1002',
  });
  // plan everything first (deterministic), then post in a few batches: estimates, invoices, receipts
  const estimates: PostDocumentInput[] = [];
  const invoices: PostDocumentInput[] = [];
  const payments: { invoice: number; receipt: PostDocumentInput }[] = [];
  for (const [i, customerId] of ids.entries()) {
    const foreign = i % 7 === 3 && base !== 'USD';
    const currency = foreign ? 'USD' : base;
    for (let k = 0; k < 2 + (i % 2); k++) {
      const day = addDays(start, Math.floor(rnd() * 85));
      const net = dec(String(Math.round(1000 + rnd() * 99000)))
        .div(foreign ? '7' : '1')
        .toDecimalPlaces(2);
      const tax = foreign ? dec('0') : net.times('0.13').toDecimalPlaces(2);
      const number = `INV-${day.slice(0, 7).replace('-', '')}-${String(i * 10 + k).padStart(4, '0')}`;
      const orderRef = `SO-${String(i * 10 + k).padStart(5, '0')}`;
      // every fifth customer's first order was delivered before it was billed: an estimate the invoice relieves by reference
      if (k === 0 && i % 5 === 0)
        estimates.push({
          type: 'estimate',
          number: `EST-${String(i).padStart(4, '0')}`,
          customerId,
          currency,
          amount: net.times('1.5').toFixed(2),
          documentDate: addDays(day, -10),
          orderRef,
          // the same order's dates as the invoice that relieves it
          ...(o.commercialDates ? commercialDates(day, { estimated: true }) : {}),
        });
      invoices.push({
        type: 'invoice',
        number,
        customerId,
        currency,
        amount: net.plus(tax).toFixed(2),
        taxAmount: tax.toFixed(2),
        documentDate: day,
        dueDate: addDays(day, 30),
        orderRef,
        ...(o.commercialDates ? commercialDates(day, { estimated: k === 0 && i % 5 === 0 }) : {}),
      });
      const roll = rnd();
      if (roll < 0.25 || addDays(day, 12) > today) continue; // still open
      const amount = roll < 0.6 ? net.plus(tax) : net.plus(tax).times('0.4').toDecimalPlaces(2);
      const later = addDays(day, 10 + Math.floor(rnd() * 20));
      const payDate = later > today ? today : later;
      payments.push({
        invoice: invoices.length - 1,
        receipt: {
          type: 'receipt',
          customerId,
          currency,
          amount: amount.toFixed(2),
          documentDate: payDate,
          valueDate: payDate,
          bankAccountId: foreign ? usd.id : cny.id,
          reference: number,
        },
      });
    }
  }
  await postDocuments(deps, ctx, estimates);
  const postedInvoices = await postDocuments(deps, ctx, invoices);
  const postedReceipts = await postDocuments(
    deps,
    ctx,
    payments.map((p) => p.receipt),
  );
  let settlements = 0;
  for (const [j, p] of payments.entries()) {
    const inv = postedInvoices[p.invoice]!.document;
    const rct = postedReceipts[j]!.document;
    await allocate(deps, ctx, {
      postingDate: rct.postingDate,
      lines: [{ debitDocumentId: inv.id, creditDocumentId: rct.id, amount: rct.amount }],
      reason: `receipt for ${inv.number}`,
    });
    settlements += 1;
  }
  let documents =
    estimates.length + invoices.length + payments.length + postedInvoices.reduce((n, x) => n + x.reliefs.length, 0);
  if (ids.length) {
    await postDocument(deps, ctx, {
      type: 'receipt',
      currency: base,
      amount: '8888.00',
      documentDate: addDays(today, -3),
      bankAccountId: cny.id,
      reference: 'unidentified transfer',
    });
    const wrong = await postDocument(deps, ctx, {
      type: 'invoice',
      number: 'INV-DUPLICATE-0001',
      customerId: ids[0]!,
      currency: base,
      amount: '1130.00',
      taxAmount: '130.00',
      documentDate: addDays(today, -5),
    });
    await reverseDocument(deps, ctx, {
      documentId: wrong.document.id,
      reason: 'billed twice',
      postingDate: addDays(today, -4),
    });
    documents += 3;
    const paid = new Set(payments.map((p) => p.invoice));
    documents += await seedDemoReceiptsForMatching(
      deps,
      ctx,
      invoices
        .filter((_, k) => !paid.has(k))
        .map((i) => ({
          number: i.number!,
          customerId: i.customerId ?? null,
          currency: i.currency,
          amount: i.amount,
          documentDate: i.documentDate,
        })),
      { date: addDays(today, -2), bankAccountId: cny.id },
    );
  }
  return { skipped: false, documents, settlements };
}
