import { findCustomer } from '../../store/repos/customers.ts';
import { getCompanyBankAccount } from '../../store/repos/company-bank-accounts.ts';
import { findDocumentByNumber, isUniqueViolation } from '../../store/repos/documents.ts';
import { lockOpenItems, updateOpenItem } from '../../store/repos/open-items.ts';
import { insertSettlement } from '../../store/repos/settlements.ts';
import type { Executor } from '../../store/db.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { checkCustomFields } from '../definitions/index.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { rateToBase } from '../fx/index.ts';
import { newId } from '../identity/secrets.ts';
import { dec } from '../money/index.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import type { ResolvedMapping } from './account-mapping.ts';
import type { LedgerDeps } from './deps.ts';
import { saveDocumentPlan } from './persist.ts';
import { describeDocument, planDocument, type DocumentFacts } from './post-plan.ts';
import { resolveAccountMapping } from './resolve-mapping.ts';
import { planReversal } from './reverse-plan.ts';
import { customerOptional, naturalSide, type LedgerDocument, type OpenItem, type Voucher } from './types.ts';
import { refuseInvalid, validatePostInput, type PostDocumentInput } from './validate-input.ts';

export interface PostedDocument {
  document: LedgerDocument;
  openItem: OpenItem;
  voucher: Voucher;
  /** Red documents of the estimates an invoice relieved. */
  reliefs: { document: LedgerDocument; voucher: Voucher; settlementId: string }[];
}

const prefixes: Record<string, string> = { estimate: 'EST', invoice: 'INV', receipt: 'RCT', prepayment: 'PRE', refund: 'REF', 'credit-note': 'CN', adjustment: 'ADJ' };
const autoNumber = (type: string, date: string, id: string) => `${prefixes[type]}-${date.replace(/-/g, '')}-${id.slice(-8).toUpperCase()}`;

/**
 * Posts one document in one transaction: open period, known customer and bank account, custom fields
 * valid for the object type, rate frozen, balanced voucher from the account mapping, open item; an
 * invoice also relieves the estimates it bills. A refused posting writes nothing.
 */
export async function postDocument(deps: LedgerDeps, ctx: ActionCtx, input: PostDocumentInput): Promise<PostedDocument> {
  const label = `${input.type}${input.number ? ` ${input.number}` : ''}`;
  refuseInvalid(validatePostInput(input), label);
  const postingDate = input.postingDate ?? input.documentDate;
  try {
    return await deps.db.transaction(async (tx) => {
      const tenantId = ctx.tenant.id;
      await requireOpenPeriod(tx, tenantId, postingDate);
      if (input.customerId && !(await findCustomer(tx, tenantId, input.customerId)))
        throw invalid('/customerId', `is not a customer of this tenant (${input.customerId})`, label);
      const appliesTo = customerOptional.has(input.type) ? 'receipt' : 'receivable';
      const objectType = await checkCustomFields(tx, tenantId, appliesTo, input.objectType, input.custom, label);
      const bank = input.bankAccountId ? await getCompanyBankAccount(tx, tenantId, input.bankAccountId) : undefined;
      if (input.bankAccountId && (!bank || bank.status !== 'active')) throw invalid('/bankAccountId', 'is not an active company bank account', label);
      const fxRate = input.fxRate ?? (await rateToBase(tx, tenantId, input.currency, ctx.tenant.baseCurrency, input.documentDate, input.rateType));
      const mapping = await resolveAccountMapping(tx, tenantId);
      const id = newId();
      const number = input.number ?? autoNumber(input.type, postingDate, id);
      if (await findDocumentByNumber(tx, tenantId, input.type, number)) throw new HexiaoError('conflict', `${input.type} ${number} already exists`, { pointer: '/number', record: label });
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
      const plan = planDocument(ctx.tenant, mapping, facts, bank ? { bankAccount: { code: bank.glAccount, name: bank.name } } : {});
      // open items before the voucher counter, as every posting path does, so two postings never deadlock
      const estimates = await lockOpenItems(tx, tenantId, (input.relievesEstimates ?? []).map((r) => r.estimateId));
      deps.fault?.('post:before-write');
      const voucher = await saveDocumentPlan(tx, ctx, plan, objectType);
      deps.fault?.('post:after-document');
      const reliefs = await relieveEstimates(tx, deps, ctx, mapping, plan.document, input.relievesEstimates ?? [], estimates);
      deps.fault?.('post:before-audit');
      await recordAudit(tx, ctx, deps.auditKey, {
        action: 'document.post',
        entityType: 'document',
        entityId: id,
        after: { type: input.type, number, currency: input.currency, amount: facts.amount, fxRate, baseAmount: plan.document.baseAmount, voucherNo: voucher.voucherNo, relieved: reliefs.map((r) => r.document.number) },
        definitions: [{ kind: 'account-mapping', key: mapping.key, version: mapping.version }, ...(objectType ? [{ kind: 'object-type', ...objectType }] : [])],
      });
      return { document: plan.document, openItem: plan.openItem, voucher, reliefs };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new HexiaoError('conflict', `${label} already exists`, { pointer: '/number', cause: e });
    throw e;
  }
}

type Locked = Awaited<ReturnType<typeof lockOpenItems>>;

async function relieveEstimates(tx: Executor, deps: LedgerDeps, ctx: ActionCtx, mapping: ResolvedMapping, invoice: LedgerDocument, reliefs: { estimateId: string; amount: string }[], locked: Locked) {
  const out: PostedDocument['reliefs'] = [];
  for (const [k, r] of reliefs.entries()) {
    const p = `/relievesEstimates/${k}`;
    const est = locked.get(r.estimateId);
    if (!est || est.document.docType !== 'estimate' || est.document.reversesId) throw invalid(`${p}/estimateId`, 'is not a posted estimate of this tenant');
    if (est.document.customerId !== invoice.customerId) throw invalid(`${p}/estimateId`, `${describeDocument(est.document)} belongs to another customer`);
    const seq = out.filter((x) => x.document.reversesId === est.document.id).length + 1;
    const plan = planReversal(ctx.tenant, mapping, {
      original: est.document,
      originalOpen: est.open,
      id: newId(),
      voucherId: newId(),
      number: `${est.document.number}-R${invoice.number}${seq > 1 ? `-${seq}` : ''}`,
      postingDate: invoice.postingDate,
      reason: `relieved by invoice ${invoice.number}`,
      amount: dec(r.amount),
    });
    const voucher = await saveDocumentPlan(tx, ctx, plan.red);
    await updateOpenItem(tx, ctx.tenant.id, plan.originalOpen);
    est.open = plan.originalOpen;
    const settlementId = newId();
    await insertSettlement(tx, ctx.tenant.id, { id: settlementId, kind: 'document-reversal', customerId: invoice.customerId, postingDate: invoice.postingDate, period: invoice.period, reversesId: null, reason: plan.red.document.reason, voucherId: null }, [plan.offset], ctx.actor.name);
    deps.fault?.('post:after-relief');
    out.push({ document: plan.red.document, voucher, settlementId });
  }
  return out;
}
