import { findCustomer, listCustomerRows } from '../../store/repos/customers.ts';
import { findCurrentDefinition } from '../../store/repos/definitions.ts';
import { keepStatisticsCurrent } from '../../store/repos/statistics.ts';
import { getCompanyBankAccount } from '../../store/repos/company-bank-accounts.ts';
import {
  existingNumbers,
  findDocumentByNumber,
  findOpenEstimatesOf,
  isUniqueViolation,
} from '../../store/repos/documents.ts';
import { customerExposureBase, lockOpenItems, updateOpenItem } from '../../store/repos/open-items.ts';
import { insertSettlement } from '../../store/repos/settlements.ts';
import type { Executor } from '../../store/db.ts';
import { batchDigest, recordAudit, type AuditInput } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { checkCustomFields, type ObjectTypeRef } from '../definitions/index.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { groupBy } from '../group-by.ts';
import { quoteToBase, staleRateDays } from '../fx/index.ts';
import { newId } from '../ids.ts';
import { Decimal, dec } from '../money/index.ts';
import { datePolicy, requireOpenPeriod } from '../periods/index.ts';
import type { ResolvedMapping } from './account-mapping.ts';
import type { LedgerDeps } from './deps.ts';
import { saveDocumentPlan, saveDocumentPlans } from './persist.ts';
import { describeDocument, planDocument, type DocumentFacts, type DocumentPlan } from './post-plan.ts';
import { resolveAccountMapping } from './resolve-mapping.ts';
import { planReversal } from './reverse-plan.ts';
import {
  customerOptional,
  naturalSide,
  reliefNumber,
  type LedgerDocument,
  type OpenItem,
  type Voucher,
} from './types.ts';
import { refuseInvalid, validatePostInput, type PostDocumentInput } from './validate-input.ts';

export interface PostedDocument {
  document: LedgerDocument;
  openItem: OpenItem;
  voucher: Voucher;
  /** Red documents of the estimates an invoice relieved. */
  reliefs: { document: LedgerDocument; voucher: Voucher; settlementId: string }[];
  /** What the posting let through but says; the audit entry carries them too. */
  warnings: string[];
}

const prefixes: Record<string, string> = {
  estimate: 'EST',
  invoice: 'INV',
  receipt: 'RCT',
  prepayment: 'PRE',
  refund: 'REF',
  'credit-note': 'CN',
  adjustment: 'ADJ',
};
/** An invoice naming an order or delivery (and no estimates of its own) relieves that order's open estimates. */
const relievesByReference = (x: PostDocumentInput) =>
  Boolean(x.type === 'invoice' && x.relievesEstimates === undefined && x.customerId && (x.orderRef || x.deliveryRef));
const uuidText = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const autoNumber = (type: string, date: string, id: string) =>
  `${prefixes[type]}-${date.replace(/-/g, '')}-${id.slice(-8).toUpperCase()}`;

/**
 * Posts one document in one transaction: open period, known customer and bank account, custom fields
 * valid for the object type, rate frozen, balanced voucher from the account mapping, open item; an
 * invoice also relieves the estimates it bills. A refused posting writes nothing.
 */
export async function postDocument(
  deps: LedgerDeps,
  ctx: ActionCtx,
  input: PostDocumentInput,
): Promise<PostedDocument> {
  refuseInvalid(validatePostInput(input), labelOf(input));
  return withConflicts(labelOf(input), '/number', () =>
    deps.db.transaction(async (tx) => {
      const mapping = await resolveAccountMapping(tx, ctx.tenant.id);
      const prepared = await prepareDocument(tx, ctx, mapping, input, '', new Lookups());
      const posted = await writeDocument(tx, deps, ctx, mapping, prepared);
      deps.fault?.('post:before-audit');
      await recordAudit(tx, ctx, deps.auditKey, auditOf(mapping, prepared, posted));
      return posted;
    }),
  );
}

/**
 * Posts many documents in one transaction, all or nothing (an import batch, a demo): errors point into
 * `/documents/<i>/…`, lookups are shared, a batch without estimate reliefs is written with one
 * multi-row statement per table and one counter step, and the audit log gets one entry carrying the
 * sha-256 and count of the batch.
 */
export async function postDocuments(
  deps: LedgerDeps,
  ctx: ActionCtx,
  inputs: PostDocumentInput[],
): Promise<PostedDocument[]> {
  const errors = inputs.flatMap((input, i) =>
    validatePostInput(input).map((e) => ({ pointer: `/documents/${i}${e.pointer}`, reason: e.reason })),
  );
  refuseInvalid(errors, `batch of ${inputs.length} documents`);
  if (inputs.length === 0) return [];
  const numbers = new Map<string, number>();
  inputs.forEach((input, i) => {
    if (!input.number) return;
    const k = `${input.type}|${input.number}`;
    if (numbers.has(k))
      throw new HexiaoError('conflict', `${input.type} ${input.number} appears twice in the batch`, {
        pointer: `/documents/${i}/number`,
      });
    numbers.set(k, i);
  });
  return withConflicts(`batch of ${inputs.length} documents`, '/documents', () =>
    deps.db.transaction(async (tx) => {
      const mapping = await resolveAccountMapping(tx, ctx.tenant.id);
      const lookups = new Lookups();
      const given = inputs.flatMap((x) => (x.number ? [{ type: x.type, number: x.number }] : []));
      const taken = await existingNumbers(tx, ctx.tenant.id, given);
      const clash = inputs.findIndex((x) => x.number && taken.has(`${x.type}|${x.number}`));
      if (clash >= 0)
        throw new HexiaoError('conflict', `${inputs[clash]!.type} ${inputs[clash]!.number} already exists`, {
          pointer: `/documents/${clash}/number`,
        });
      lookups.numbersChecked = true;
      // the batch's customers in one query rather than one round trip each
      const ids = [
        ...new Set(inputs.flatMap((x) => (x.customerId && uuidText.test(x.customerId) ? [x.customerId] : []))),
      ];
      if (ids.length > 1) {
        const found = new Map((await listCustomerRows(tx, ctx.tenant.id, ids)).map((c) => [c.id, c]));
        for (const id of ids) lookups.once(`customer|${id}`, () => Promise.resolve(found.get(id)));
      }
      // and the open estimates its invoices may relieve by reference
      const byReference = inputs.filter((x) => relievesByReference(x) && uuidText.test(x.customerId!));
      if (byReference.length > 1) {
        const estimates = await findOpenEstimatesOf(
          tx,
          ctx.tenant.id,
          [...new Set(byReference.map((x) => x.customerId!))],
          {
            orderRefs: [...new Set(byReference.flatMap((x) => (x.orderRef ? [x.orderRef] : [])))],
            deliveryRefs: [...new Set(byReference.flatMap((x) => (x.deliveryRef ? [x.deliveryRef] : [])))],
          },
        );
        lookups.openEstimates = groupBy(estimates, (e) => e.customerId);
      }
      const prepared: Prepared[] = [];
      for (const [i, input] of inputs.entries())
        prepared.push(await prepareDocument(tx, ctx, mapping, input, `/documents/${i}`, lookups));
      deps.fault?.('post:before-write');
      let out: PostedDocument[];
      if (prepared.some((p) => (Array.isArray(p.relief) ? p.relief : p.relief.byReference).length > 0)) {
        out = [];
        for (const p of prepared) out.push(await writeDocument(tx, deps, ctx, mapping, p));
      } else {
        const vouchers = await saveDocumentPlans(
          tx,
          ctx,
          prepared.map((p) => ({ plan: p.plan, objectType: p.objectType })),
        );
        out = prepared.map((p, i) => ({
          document: p.plan.document,
          openItem: p.plan.openItem,
          voucher: vouchers[i]!,
          reliefs: [],
          warnings: p.warnings,
        }));
      }
      await keepStatisticsCurrent(tx, out.length);
      const audits = prepared.map((p, i) => auditOf(mapping, p, out[i]!));
      await recordAudit(tx, ctx, deps.auditKey, {
        action: 'document.post-batch',
        entityType: 'document',
        batchSha256: batchDigest(audits.map((a) => ({ id: a.entityId, ...(a.after as object) }))),
        recordCount: audits.length,
        definitions: audits[0]!.definitions,
      });
      return out;
    }),
  );
}

const labelOf = (input: PostDocumentInput) => `${input.type}${input.number ? ` ${input.number}` : ''}`;

export async function withConflicts<T>(label: string, pointer: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw new HexiaoError('conflict', `${label} already exists`, { pointer, cause: e });
    throw e;
  }
}

/** Reads a batch shares: each period, customer, object type, bank account and rate is looked up once. */
class Lookups {
  private readonly cache = new Map<string, Promise<unknown>>();
  /** Estimates locked so far: one object per estimate, so later documents of a batch see earlier reliefs. */
  readonly estimates: Locked = new Map();
  /** The batch checked its document numbers in one query. */
  numbersChecked = false;
  /** Each customer's exposure so far in this batch (base currency), for the credit-limit warning. */
  readonly exposure = new Map<string, Decimal>();
  /** A batch's open estimates by customer, read once before its invoices are prepared. */
  openEstimates?: Map<string, Awaited<ReturnType<typeof findOpenEstimatesOf>>>;
  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.cache.set(key, p);
    }
    return p;
  }
}

interface Prepared {
  input: PostDocumentInput;
  at: string;
  plan: DocumentPlan;
  /** What the posting let through but says (an old rate, a posting date before the document date). */
  warnings: string[];
  objectType: ObjectTypeRef | null;
  /** Explicit reliefs, or the estimates to relieve by reference (amounts worked out at write time). */
  relief: { estimateId: string; amount: string }[] | { byReference: string[] };
  estimates: Locked;
}

/** Every check and read of a posting, and its pure plan; locks the estimates it relieves (before any counter). */
async function prepareDocument(
  tx: Executor,
  ctx: ActionCtx,
  mapping: ResolvedMapping,
  input: PostDocumentInput,
  at: string,
  lookups: Lookups,
): Promise<Prepared> {
  const label = labelOf(input);
  const bad = (pointer: string, reason: string) => invalid(`${at}${pointer}`, reason, label);
  const postingDate = input.postingDate ?? input.documentDate;
  const tenantId = ctx.tenant.id;
  await lookups.once(`period|${postingDate.slice(0, 7)}`, () =>
    requireOpenPeriod(tx, tenantId, postingDate, `${at}/postingDate`),
  );
  const customer = input.customerId
    ? await lookups.once(`customer|${input.customerId}`, () => findCustomer(tx, tenantId, input.customerId!))
    : undefined;
  if (input.customerId && !customer) throw bad('/customerId', `is not a customer of this tenant (${input.customerId})`);
  // a blocked customer's cash is still taken; new debts are not
  const side = input.side ?? naturalSide(input.type, input.adjustmentKind ?? null);
  if (customer && customer.status !== 'active' && side === 'debit' && input.type !== 'refund')
    throw bad('/customerId', `is ${customer.status}: no new ${input.type} for this customer`);
  const appliesTo = customerOptional.has(input.type) ? 'receipt' : 'receivable';
  const plain = !input.custom || Object.keys(input.custom).length === 0;
  const objectType = plain
    ? await lookups.once(`object-type|${appliesTo}|${input.objectType ?? ''}`, () =>
        checkCustomFields(tx, tenantId, appliesTo, input.objectType, input.custom, label),
      )
    : await checkCustomFields(tx, tenantId, appliesTo, input.objectType, input.custom, label, (key) =>
        lookups.once(`definition|object-type|${key}`, () => findCurrentDefinition(tx, tenantId, 'object-type', key)),
      );
  const bank = input.bankAccountId
    ? await lookups.once(`bank|${input.bankAccountId}`, () => getCompanyBankAccount(tx, tenantId, input.bankAccountId!))
    : undefined;
  if (input.bankAccountId && (!bank || bank.status !== 'active'))
    throw bad('/bankAccountId', 'is not an active company bank account');
  if (input.currency === ctx.tenant.baseCurrency && input.fxRate !== undefined && !dec(input.fxRate).eq(1))
    throw bad('/fxRate', `must be 1 or omitted: ${input.currency} is the base currency (got ${input.fxRate})`);
  const warnings: string[] = [];
  if (postingDate < input.documentDate) {
    if ((await lookups.once('date-policy', () => datePolicy(tx, tenantId))).postingBeforeDocument === 'refuse')
      throw bad(
        '/postingDate',
        `is before the document date ${input.documentDate} (tenant policy ledger.dates.postingBeforeDocument: refuse)`,
      );
    warnings.push(`posting date ${postingDate} is before the document date ${input.documentDate}`);
  }
  let fxRate = input.fxRate;
  if (fxRate === undefined) {
    const quote = await lookups.once(`fx|${input.currency}|${input.documentDate}|${input.rateType ?? ''}`, () =>
      quoteToBase(tx, tenantId, input.currency, ctx.tenant.baseCurrency, input.documentDate, input.rateType),
    );
    fxRate = quote.rate;
    const maxAge = (await lookups.once('date-policy', () => datePolicy(tx, tenantId))).maxRateAgeDays;
    if (maxAge !== null && quote.ageDays > maxAge)
      throw bad(
        '/fxRate',
        `is required: the newest ${input.currency}→${ctx.tenant.baseCurrency} rate (${quote.rateDate}) is ${quote.ageDays} days old on ${input.documentDate}, over the tenant's limit of ${maxAge} (ledger.fx.maxRateAgeDays)`,
      );
    if (quote.ageDays > staleRateDays)
      warnings.push(
        `the ${input.currency}→${ctx.tenant.baseCurrency} rate ${quote.rate} is ${quote.ageDays} days old (quoted ${quote.rateDate}${quote.inverse ? ' as its inverse' : ''}) on ${input.documentDate}`,
      );
  }
  const id = newId();
  const number = input.number ?? autoNumber(input.type, postingDate, id);
  if (input.number && !lookups.numbersChecked && (await findDocumentByNumber(tx, tenantId, input.type, number)))
    throw new HexiaoError('conflict', `${input.type} ${number} already exists`, {
      pointer: `${at}/number`,
      record: label,
    });
  const kind = input.adjustmentKind ?? null;
  const facts: DocumentFacts = {
    id,
    docType: input.type,
    adjustmentKind: kind,
    receivableType: objectType?.key ?? 'default',
    side: input.side ?? naturalSide(input.type, kind),
    number,
    customerId: input.customerId ?? null,
    bankAccountId: bank?.id ?? null,
    currency: input.currency,
    amount: dec(input.amount).toFixed(),
    taxAmount: dec(input.taxAmount ?? '0').toFixed(),
    fxRate,
    documentDate: input.documentDate,
    postingDate,
    valueDate: input.valueDate ?? null,
    dueDate: input.dueDate ?? null,
    reversesId: null,
    orderRef: input.orderRef ?? null,
    deliveryRef: input.deliveryRef ?? null,
    reference: input.reference ?? null,
    description: input.description ?? null,
    reason: null,
    custom: input.custom ?? {},
    voucherId: newId(),
  };
  const plan = pointedAt(at, label, () =>
    planDocument(ctx.tenant, mapping, facts, bank ? { bankAccount: { code: bank.glAccount, name: bank.name } } : {}),
  );
  if (customer && customer.creditLimit !== null && plan.openItem.side === 'debit' && input.type !== 'refund') {
    const limit = dec(customer.creditLimit);
    const before = lookups.exposure.get(customer.id) ?? dec(await customerExposureBase(tx, tenantId, customer.id));
    const after = before.plus(plan.document.baseAmount);
    lookups.exposure.set(customer.id, after);
    if (after.gt(limit))
      warnings.push(
        `${customer.code} ${customer.name} is over its credit limit: exposure ${after.toFixed()} ${ctx.tenant.baseCurrency} after this ${input.type}, limit ${limit.toFixed()}`,
      );
  }
  // open items before the voucher counter, as every posting path does, so two postings never deadlock
  const open = await openEstimatesFor(tx, tenantId, input, lookups);
  const candidates = open
    .filter(
      (e) =>
        (input.orderRef && e.orderRef === input.orderRef) || (input.deliveryRef && e.deliveryRef === input.deliveryRef),
    )
    .map((e) => e.id);
  const toLock = [...(input.relievesEstimates ?? []).map((r) => r.estimateId), ...candidates].filter(
    (x) => !lookups.estimates.has(x),
  );
  for (const [k, v] of await lockOpenItems(tx, tenantId, toLock)) lookups.estimates.set(k, v);
  return {
    input,
    at,
    plan,
    warnings,
    objectType,
    relief: input.relievesEstimates ?? { byReference: candidates },
    estimates: lookups.estimates,
  };
}

/** The open estimates of the invoice's customer it may relieve by reference: read with the batch, or now. */
async function openEstimatesFor(tx: Executor, tenantId: string, input: PostDocumentInput, lookups: Lookups) {
  if (!relievesByReference(input)) return [];
  if (lookups.openEstimates && uuidText.test(input.customerId!))
    return lookups.openEstimates.get(input.customerId!) ?? [];
  return findOpenEstimatesOf(tx, tenantId, [input.customerId!], {
    orderRefs: input.orderRef ? [input.orderRef] : [],
    deliveryRefs: input.deliveryRef ? [input.deliveryRef] : [],
  });
}

async function writeDocument(
  tx: Executor,
  deps: LedgerDeps,
  ctx: ActionCtx,
  mapping: ResolvedMapping,
  p: Prepared,
): Promise<PostedDocument> {
  deps.fault?.('post:before-write');
  const voucher = await saveDocumentPlan(tx, ctx, p.plan, p.objectType);
  deps.fault?.('post:after-document');
  const d = p.plan.document;
  const relief = Array.isArray(p.relief)
    ? p.relief
    : reliefByReference(p.estimates, p.relief.byReference, d.currency, dec(d.amount).minus(d.taxAmount));
  const reliefs = await relieveEstimates(tx, deps, ctx, mapping, d, relief, p.estimates, p.at);
  return { document: p.plan.document, openItem: p.plan.openItem, voucher, reliefs, warnings: p.warnings };
}

function auditOf(mapping: ResolvedMapping, p: Prepared, posted: PostedDocument): AuditInput {
  const d = p.plan.document;
  return {
    action: 'document.post',
    entityType: 'document',
    entityId: d.id,
    after: {
      type: d.docType,
      number: d.number,
      currency: d.currency,
      amount: d.amount,
      fxRate: d.fxRate,
      baseAmount: d.baseAmount,
      voucherNo: posted.voucher.voucherNo,
      relieved: posted.reliefs.map((r) => r.document.number),
      ...(p.warnings.length ? { warnings: p.warnings } : {}),
    },
    definitions: [
      { kind: 'account-mapping', key: mapping.key, version: mapping.version },
      ...(p.objectType ? [{ kind: 'object-type', ...p.objectType }] : []),
    ],
  };
}

type Locked = Awaited<ReturnType<typeof lockOpenItems>>;

/** Runs a pure step whose field errors point into the document; in a batch they point into `/documents/<i>`. */
function pointedAt<T>(at: string, record: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!at || !(e instanceof HexiaoError) || e.type !== 'invalid_data' || !e.errors.length) throw e;
    const errors = e.errors.map((x) => ({ pointer: `${at}${x.pointer}`, reason: x.reason }));
    throw new HexiaoError('invalid_data', `${record}: ${errors.map((x) => `${x.pointer} ${x.reason}`).join('; ')}`, {
      errors,
      record,
      cause: e,
    });
  }
}

/**
 * Pure: an invoice naming an order or delivery reference (and no explicit relief) relieves the open
 * estimates with that reference in its currency, oldest first, up to its net amount.
 */
function reliefByReference(
  locked: Locked,
  ids: string[],
  currency: string,
  net: Decimal,
): { estimateId: string; amount: string }[] {
  const out: { estimateId: string; amount: string }[] = [];
  let left = net;
  for (const id of ids) {
    const e = locked.get(id);
    if (!e || e.document.currency !== currency || left.lte(0)) continue;
    const take = Decimal.min(left, dec(e.open.openAmount));
    if (take.gt(0)) out.push({ estimateId: id, amount: take.toFixed() });
    left = left.minus(take);
  }
  return out;
}

async function relieveEstimates(
  tx: Executor,
  deps: LedgerDeps,
  ctx: ActionCtx,
  mapping: ResolvedMapping,
  invoice: LedgerDocument,
  reliefs: { estimateId: string; amount: string }[],
  locked: Locked,
  at: string,
) {
  const out: PostedDocument['reliefs'] = [];
  for (const [k, r] of reliefs.entries()) {
    const p = `${at}/relievesEstimates/${k}`;
    const est = locked.get(r.estimateId);
    if (!est || est.document.docType !== 'estimate' || est.document.reversesId)
      throw invalid(`${p}/estimateId`, 'is not a posted estimate of this tenant');
    if (est.document.customerId !== invoice.customerId)
      throw invalid(`${p}/estimateId`, `${describeDocument(est.document)} belongs to another customer`);
    const seq = out.filter((x) => x.document.reversesId === est.document.id).length + 1;
    const plan = planReversal(ctx.tenant, mapping, {
      original: est.document,
      originalOpen: est.open,
      id: newId(),
      voucherId: newId(),
      number: reliefNumber(est.document.number, invoice.number, seq),
      postingDate: invoice.postingDate,
      reason: `relieved by invoice ${invoice.number}`,
      amount: dec(r.amount),
    });
    const voucher = await saveDocumentPlan(tx, ctx, plan.red);
    await updateOpenItem(tx, ctx.tenant.id, plan.originalOpen);
    est.open = plan.originalOpen;
    const settlementId = newId();
    await insertSettlement(
      tx,
      ctx.tenant.id,
      {
        id: settlementId,
        kind: 'document-reversal',
        customerId: invoice.customerId,
        postingDate: invoice.postingDate,
        period: invoice.period,
        reversesId: null,
        reason: plan.red.document.reason,
        voucherId: null,
      },
      [plan.offset],
      ctx.actor.name,
    );
    deps.fault?.('post:after-relief');
    out.push({ document: plan.red.document, voucher, settlementId });
  }
  return out;
}
