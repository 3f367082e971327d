// An in-memory model of the ledger (no database): the property tests run the same commands against it and
// against the real store and compare. It reuses the domain's pure planners, so it checks persistence and
// concurrency, not the arithmetic itself.
import type { TenantCtx } from '../../packages/server/src/domain/context.ts';
import { canonicalJson } from '../../packages/server/src/domain/audit/index.ts';
import { HexiaoError, invalid } from '../../packages/server/src/domain/errors.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';
import {
  planAllocation,
  planSettlementReversal,
  type AllocationLineInput,
} from '../../packages/server/src/domain/settlement/index.ts';
import {
  builtInMapping,
  mirrorVoucher,
  naturalSide,
  periodOf,
  planDocument,
  planReversal,
  validatePostInput,
  voucherNo,
  type DocumentPlan,
  type LedgerDocument,
  type LedgerSnapshot,
  type OpenItem,
  type PostDocumentInput,
  type ResolvedMapping,
  type SettlementLine,
  type StoredVoucher,
  type VoucherDraft,
} from '../../packages/server/src/domain/ledger/index.ts';
import { refuseInvalid } from '../../packages/server/src/domain/ledger/validate-input.ts';

export interface MemoryCall {
  /** Idempotency-Key of the request. */
  key?: string;
  /** Called between steps, like LedgerDeps.fault; throwing there must leave the model unchanged. */
  fault?: (step: string) => void;
}

type Settlement = LedgerSnapshot['settlements'][number] & { customerId: string | null };

/**
 * The ledger as a pure in-memory model: the same planners as the database use-cases, applied to maps,
 * each call atomic (a throw restores the state) and idempotent per key. Property tests run thousands of
 * operation sequences through it and compare the database with it.
 */

/** The in-memory model numbers each voucher when it saves it, as a posting outside a bulk run does. */
type NumberedVoucher = Omit<StoredVoucher, 'createdAt' | 'createdBy'>;
export class MemoryLedger {
  documents = new Map<string, LedgerDocument>();
  openItems = new Map<string, OpenItem>();
  vouchers: NumberedVoucher[] = [];
  settlements: Settlement[] = [];
  closedPeriods = new Set<string>();
  private counters = new Map<string, number>();
  private keys = new Map<string, { hash: string; result: unknown }>();

  constructor(
    readonly tenant: TenantCtx,
    readonly customers: ReadonlySet<string>,
    readonly mapping: ResolvedMapping = builtInMapping,
  ) {}

  snapshot(): LedgerSnapshot {
    return {
      documents: [...this.documents.values()],
      openItems: [...this.openItems.values()],
      vouchers: this.vouchers,
      settlements: this.settlements,
    };
  }

  post(input: PostDocumentInput, call: MemoryCall = {}) {
    return this.atomically('POST /documents', call.key, input, () => {
      refuseInvalid(validatePostInput(input), input.type);
      const postingDate = input.postingDate ?? input.documentDate;
      this.requireOpen(postingDate);
      if (input.customerId && !this.customers.has(input.customerId))
        throw invalid('/customerId', 'is not a customer of this tenant');
      if (input.custom && Object.keys(input.custom).length)
        throw invalid('/custom', 'custom fields need a published object type');
      if (input.fxRate === undefined && input.currency !== this.tenant.baseCurrency)
        throw invalid('/fxRate', 'is required: no rate in the model');
      const id = newId();
      const number = input.number ?? `${input.type}-${id}`;
      if ([...this.documents.values()].some((d) => d.docType === input.type && d.number === number))
        throw new HexiaoError('conflict', `${input.type} ${number} already exists`);
      const kind = input.adjustmentKind ?? null;
      const plan = planDocument(this.tenant, this.mapping, {
        id,
        docType: input.type,
        adjustmentKind: kind,
        receivableType: 'default',
        side: input.side ?? naturalSide(input.type, kind),
        number,
        customerId: input.customerId ?? null,
        bankAccountId: null,
        currency: input.currency,
        amount: dec(input.amount).toFixed(),
        taxAmount: dec(input.taxAmount ?? '0').toFixed(),
        fxRate: input.fxRate ?? '1',
        documentDate: input.documentDate,
        postingDate,
        valueDate: input.valueDate ?? null,
        dueDate: input.dueDate ?? null,
        reversesId: null,
        orderRef: null,
        deliveryRef: null,
        reference: null,
        description: null,
        reason: null,
        custom: {},
        voucherId: newId(),
      });
      call.fault?.('post:before-write');
      const voucher = this.saveDocument(plan);
      call.fault?.('post:after-document');
      for (const [k, r] of (input.relievesEstimates ?? []).entries()) {
        const est = this.documents.get(r.estimateId);
        if (!est || est.docType !== 'estimate' || est.reversesId)
          throw invalid(`/relievesEstimates/${k}/estimateId`, 'is not a posted estimate');
        if (est.customerId !== plan.document.customerId)
          throw invalid(`/relievesEstimates/${k}/estimateId`, 'belongs to another customer');
        const red = planReversal(this.tenant, this.mapping, {
          original: est,
          originalOpen: this.openItems.get(est.id)!,
          id: newId(),
          voucherId: newId(),
          number: `${est.number}-R${number}-${k}`,
          postingDate,
          reason: 'relief',
          amount: dec(r.amount),
        });
        this.saveDocument(red.red);
        this.openItems.set(est.id, red.originalOpen);
        this.settlements.push({
          id: newId(),
          kind: 'document-reversal',
          reversesId: null,
          voucherId: null,
          customerId: est.customerId,
          lines: [red.offset],
        });
      }
      call.fault?.('post:before-audit');
      return { document: plan.document, voucher };
    });
  }

  allocate(input: { lines: AllocationLineInput[]; postingDate: string }, call: MemoryCall = {}) {
    return this.atomically('POST /settlements', call.key, input, () => {
      this.requireOpen(input.postingDate);
      const docs = new Map(
        [...new Set(input.lines.flatMap((l) => [l.debitDocumentId, l.creditDocumentId]))]
          .filter((id) => this.documents.has(id))
          .map((id) => [id, { document: this.documents.get(id)!, open: this.openItems.get(id)! }]),
      );
      const id = newId();
      const plan = planAllocation(this.tenant, this.mapping, docs, input.lines, {
        settlementId: id,
        postingDate: input.postingDate,
      });
      call.fault?.('allocate:before-write');
      const voucher = plan.voucher ? this.saveVoucher(plan.voucher) : null;
      this.settlements.push({
        id,
        kind: 'allocation',
        reversesId: null,
        voucherId: voucher?.id ?? null,
        customerId: plan.customerId,
        lines: plan.lines,
      });
      call.fault?.('allocate:after-lines');
      for (const o of plan.open.values()) this.openItems.set(o.documentId, o);
      return { settlementId: id, lines: plan.lines, voucher };
    });
  }

  reverseDocument(input: { documentId: string; reason: string; postingDate: string }, call: MemoryCall = {}) {
    return this.atomically('POST /documents/reversal', call.key, input, () => {
      this.requireOpen(input.postingDate);
      const original = this.documents.get(input.documentId);
      if (!original) throw new HexiaoError('not_found', `document ${input.documentId} does not exist`);
      if (input.postingDate < original.postingDate) throw invalid('/postingDate', 'is before the original');
      const originalVoucher = this.vouchers.find((v) => v.id === original.voucherId);
      const plan = planReversal(this.tenant, this.mapping, {
        original,
        originalOpen: this.openItems.get(original.id)!,
        originalVoucher,
        id: newId(),
        voucherId: newId(),
        number: `${original.number}-R`,
        postingDate: input.postingDate,
        reason: input.reason,
      });
      call.fault?.('reverse:before-write');
      const voucher = this.saveDocument(plan.red);
      this.openItems.set(original.id, plan.originalOpen);
      call.fault?.('reverse:after-open-item');
      this.settlements.push({
        id: newId(),
        kind: 'document-reversal',
        reversesId: null,
        voucherId: null,
        customerId: original.customerId,
        lines: [plan.offset],
      });
      return { reversal: plan.red.document, voucher };
    });
  }

  reverseSettlement(input: { settlementId: string; reason: string; postingDate: string }, call: MemoryCall = {}) {
    return this.atomically('POST /settlements/reversal', call.key, input, () => {
      this.requireOpen(input.postingDate);
      const original = this.settlements.find((s) => s.id === input.settlementId);
      if (!original) throw new HexiaoError('not_found', `settlement ${input.settlementId} does not exist`);
      if (original.kind !== 'allocation') throw new HexiaoError('conflict', `settlement is a ${original.kind}`);
      if (this.settlements.some((s) => s.reversesId === original.id))
        throw new HexiaoError('conflict', 'settlement is already reversed');
      const docs = new Map(
        original.lines
          .flatMap((l) => [l.debitDocumentId, l.creditDocumentId])
          .map((id) => [id, { document: this.documents.get(id)!, open: this.openItems.get(id)! }]),
      );
      const plan = planSettlementReversal({ lines: original.lines, docs, originalVoucher: null });
      const ov = this.vouchers.find((v) => v.id === original.voucherId);
      const id = newId();
      const voucher = ov
        ? this.saveVoucher(
            mirrorVoucher(ov, {
              voucherDate: input.postingDate,
              sourceType: 'settlement',
              sourceId: id,
              description: `reversal of ${ov.voucherNo}`,
              currency: ov.currency,
              mappingKey: ov.mappingKey,
              mappingVersion: ov.mappingVersion,
            }),
          )
        : null;
      call.fault?.('unsettle:after-voucher');
      this.settlements.push({
        id,
        kind: 'reversal',
        reversesId: original.id,
        voucherId: voucher?.id ?? null,
        customerId: original.customerId,
        lines: plan.lines as SettlementLine[],
      });
      for (const o of plan.open.values()) this.openItems.set(o.documentId, o);
      call.fault?.('unsettle:after-open-items');
      return { settlementId: id, voucher };
    });
  }

  private requireOpen(date: string) {
    if (this.closedPeriods.has(periodOf(date)))
      throw new HexiaoError('period_closed', `period ${periodOf(date)} is closed`);
  }

  private saveVoucher(draft: VoucherDraft): NumberedVoucher {
    const period = periodOf(draft.voucherDate);
    const number = (this.counters.get(period) ?? 0) + 1;
    this.counters.set(period, number);
    const v = { ...draft, id: newId(), period, number, voucherNo: voucherNo(period, number) };
    this.vouchers.push(v);
    return v;
  }

  private saveDocument(plan: DocumentPlan): NumberedVoucher {
    const voucher = this.saveVoucher(plan.voucher);
    const document = { ...plan.document, voucherId: voucher.id };
    this.documents.set(document.id, document);
    this.openItems.set(document.id, plan.openItem);
    return voucher;
  }

  private atomically<T>(route: string, key: string | undefined, request: unknown, fn: () => T): T {
    const hash = canonicalJson(request ?? null);
    if (key !== undefined) {
      const seen = this.keys.get(`${route}|${key}`);
      if (seen) {
        if (seen.hash !== hash)
          throw new HexiaoError('idempotency_mismatch', `Idempotency-Key ${key} was used for a different request`);
        return structuredClone(seen.result) as T;
      }
    }
    const saved = structuredClone({
      d: this.documents,
      o: this.openItems,
      v: this.vouchers,
      s: this.settlements,
      c: this.counters,
    });
    try {
      const result = fn();
      if (key !== undefined) this.keys.set(`${route}|${key}`, { hash, result: structuredClone(result) });
      return result;
    } catch (e) {
      this.documents = saved.d;
      this.openItems = saved.o;
      this.vouchers = saved.v;
      this.settlements = saved.s;
      this.counters = saved.c;
      throw e;
    }
  }
}
