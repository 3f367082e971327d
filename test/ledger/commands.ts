import fc from 'fast-check';
import { expect } from 'vitest';
import { MemoryLedger } from './memory-ledger.ts';
import { verifyLedger, type PostDocumentInput } from '../../packages/server/src/domain/ledger/index.ts';
import { dec, Decimal } from '../../packages/server/src/domain/money/index.ts';

/** Thrown by an injected fault between the steps of a posting. */
export class FaultError extends Error {
  override name = 'FaultError';
}

type Fault = null | 0 | 1;
export type Cmd =
  | {
      t: 'post';
      kind:
        | 'invoice'
        | 'receipt'
        | 'unidentified'
        | 'prepayment'
        | 'refund'
        | 'credit-note'
        | 'discount'
        | 'penalty'
        | 'rounding'
        | 'estimate';
      customer: 0 | 1;
      usd: boolean;
      cents: number;
      tax: boolean;
      rate: string;
      oct: boolean;
      day: number;
      key: boolean;
      fault: Fault;
    }
  | { t: 'relief'; est: number; pct: number; cents: number; key: boolean; fault: Fault }
  | { t: 'alloc'; d: number; c: number; pct: number; pick: boolean; key: boolean; fault: Fault }
  | { t: 'rev-doc'; i: number; fault: Fault }
  | { t: 'rev-st'; i: number; fault: Fault }
  | { t: 'replay'; i: number }
  | { t: 'mismatch'; i: number }
  | { t: 'close-oct' };

const fault = fc.constantFrom<Fault>(null, null, null, null, null, null, null, 0, 1);
const postArb = fc.record({
  t: fc.constant('post' as const),
  kind: fc.constantFrom(
    'invoice',
    'invoice',
    'receipt',
    'receipt',
    'unidentified',
    'prepayment',
    'refund',
    'credit-note',
    'discount',
    'penalty',
    'rounding',
    'estimate',
  ),
  customer: fc.constantFrom<0 | 1>(0, 1),
  usd: fc.boolean(),
  cents: fc.integer({ min: 1, max: 2_000_000 }),
  tax: fc.boolean(),
  rate: fc.constantFrom('7.1', '7.25', '6.9871'),
  oct: fc.boolean(),
  day: fc.integer({ min: 1, max: 27 }),
  key: fc.boolean(),
  fault,
});
export const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 6, arbitrary: postArb },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('relief' as const),
      est: fc.nat(),
      pct: fc.integer({ min: 1, max: 120 }),
      cents: fc.integer({ min: 100, max: 500_000 }),
      key: fc.boolean(),
      fault,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('alloc' as const),
      d: fc.nat(),
      c: fc.nat(),
      pct: fc.integer({ min: 1, max: 105 }),
      pick: fc.constantFrom(true, true, true, false),
      key: fc.boolean(),
      fault,
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('rev-doc' as const), i: fc.nat(), fault }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('rev-st' as const), i: fc.nat(), fault }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('replay' as const), i: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('mismatch' as const), i: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ t: 'close-oct' as const }) },
);
/** A few postings first, then any mix of commands. */
export const sequenceArb = (max = 14) =>
  fc
    .tuple(fc.array(postArb, { minLength: 2, maxLength: 6 }), fc.array(cmdArb, { minLength: 1, maxLength: max }))
    .map(([a, b]): Cmd[] => [...a, ...b]);

export type Op = 'post' | 'alloc' | 'rev-doc' | 'rev-st' | 'close';

/** What the runner drives: the in-memory model (always) and, in the database test, the database too. */
export interface Driver {
  run(op: Op, input: unknown, call: { key?: string; faultAt: Fault }): Promise<{ id: string; body: unknown }>;
  openAmounts(): Promise<Map<string, string>>;
}

export function modelDriver(model: MemoryLedger): Driver {
  return {
    async run(op, input, call) {
      let n = 0;
      const f = (step: string) => {
        if (call.faultAt !== null && n++ === call.faultAt) throw new FaultError(step);
      };
      const c = { key: call.key, fault: f };
      if (op === 'post') {
        const r = model.post(input as PostDocumentInput, c);
        return { id: r.document.id, body: r };
      }
      if (op === 'alloc') {
        const r = model.allocate(input as never, c);
        return { id: r.settlementId, body: r };
      }
      if (op === 'rev-doc') {
        const r = model.reverseDocument(input as never, c);
        return { id: r.reversal.id, body: r };
      }
      if (op === 'rev-st') {
        const r = model.reverseSettlement(input as never, c);
        return { id: r.settlementId, body: r };
      }
      model.closedPeriods.add('2026-10');
      return { id: '2026-10', body: null };
    },
    async openAmounts() {
      return new Map([...model.openItems.values()].map((o) => [o.documentId, dec(o.openAmount).toFixed()]));
    },
  };
}

const kindOf = (e: unknown): string => {
  for (let x = e as { name?: string; type?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) {
    if (x.name === 'FaultError') return 'fault';
    if (typeof x.type === 'string') return x.type;
  }
  return `unexpected: ${String((e as Error)?.stack ?? e)}`;
};

interface Pair {
  m: string;
  d: string;
}

/**
 * Runs one command sequence on the model and, when given, on the database in lockstep: after each
 * step both agree (success or the same refusal), the model's ledger verifies, the open amounts match,
 * and replays return the first answer without posting again.
 */
export async function runSequence(
  cmds: Cmd[],
  model: MemoryLedger,
  customers: { m: string[]; d: string[] },
  db?: Driver,
) {
  const m = modelDriver(model);
  const docs: (Pair & { currency: string })[] = [];
  const estimates: Pair[] = [];
  const settlements: Pair[] = [];
  const keyed: { op: Op; key: string; input: { m: unknown; d: unknown }; body?: { m: unknown; d: unknown } }[] = [];
  let keys = 0;
  const stats = { ok: {} as Record<string, number>, refused: {} as Record<string, number>, replays: 0 };
  const step = async (op: Op, input: { m: unknown; d: unknown }, call: { key?: string; faultAt: Fault }) => {
    let mr: { id: string; body: unknown } | undefined;
    let me: string | undefined;
    try {
      mr = await m.run(op, input.m, call);
    } catch (e) {
      me = kindOf(e);
    }
    let dr: { id: string; body: unknown } | undefined;
    if (db) {
      let de: string | undefined;
      try {
        dr = await db.run(op, input.d, call);
      } catch (e) {
        de = kindOf(e);
      }
      expect(de, `database vs model on ${op} ${JSON.stringify(input.m)}`).toBe(me);
    }
    expect(me === undefined || !me.startsWith('unexpected'), me).toBe(true);
    const bucket = me ? stats.refused : stats.ok;
    const name = me ? `${op}:${me}` : op;
    bucket[name] = (bucket[name] ?? 0) + 1;
    return mr ? { m: mr, d: dr ?? mr } : undefined;
  };
  for (const c of cmds) {
    if (c.t === 'post') {
      const usd = c.usd && c.kind !== 'estimate';
      const type =
        c.kind === 'unidentified'
          ? 'receipt'
          : c.kind === 'discount' || c.kind === 'penalty' || c.kind === 'rounding'
            ? 'adjustment'
            : c.kind;
      const amount = new Decimal(c.cents).div(100);
      const base: PostDocumentInput = {
        type,
        ...(type === 'adjustment' ? { adjustmentKind: c.kind as 'discount' | 'penalty' | 'rounding' } : {}),
        ...(c.kind === 'rounding' && c.tax ? { side: 'credit' as const } : {}),
        currency: usd ? 'USD' : 'CNY',
        amount: amount.toFixed(2),
        ...(c.tax && (type === 'invoice' || type === 'credit-note') && c.cents > 10
          ? { taxAmount: amount.times('0.13').toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2) }
          : {}),
        ...(usd ? { fxRate: c.rate } : {}),
        documentDate: `2026-${c.oct ? '10' : '11'}-${String(c.day).padStart(2, '0')}`,
      };
      const input = {
        m: { ...base, customerId: c.kind === 'unidentified' ? null : customers.m[c.customer] },
        d: { ...base, customerId: c.kind === 'unidentified' ? null : customers.d[c.customer] },
      };
      const key = c.key ? `k-${keys++}` : undefined;
      const r = await step('post', input, { key, faultAt: c.fault });
      if (key) keyed.push({ op: 'post', key, input, body: r ? { m: r.m.body, d: r.d.body } : undefined });
      if (r) {
        docs.push({ m: r.m.id, d: r.d.id, currency: base.currency });
        if (type === 'estimate') estimates.push({ m: r.m.id, d: r.d.id });
      }
    } else if (c.t === 'relief') {
      if (!estimates.length) continue;
      const est = estimates[c.est % estimates.length]!;
      const estDoc = model.documents.get(est.m)!;
      const open = dec(model.openItems.get(est.m)!.openAmount);
      const relief = Decimal.max(
        open.times(c.pct).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN),
        dec('0.01'),
      ).toFixed(2);
      const base = {
        type: 'invoice' as const,
        currency: 'CNY',
        amount: new Decimal(c.cents).div(100).toFixed(2),
        documentDate: '2026-11-27',
      };
      const cust = (id: string) => (id === estDoc.customerId ? id : id);
      const input = {
        m: {
          ...base,
          customerId: cust(estDoc.customerId!),
          relievesEstimates: [{ estimateId: est.m, amount: relief }],
        },
        d: {
          ...base,
          customerId: customers.d[customers.m.indexOf(estDoc.customerId!)],
          relievesEstimates: [{ estimateId: est.d, amount: relief }],
        },
      };
      const key = c.key ? `k-${keys++}` : undefined;
      const r = await step('post', input, { key, faultAt: c.fault });
      if (key) keyed.push({ op: 'post', key, input, body: r ? { m: r.m.body, d: r.d.body } : undefined });
      if (r) docs.push({ m: r.m.id, d: r.d.id, currency: 'CNY' });
    } else if (c.t === 'alloc') {
      if (docs.length < 2) continue;
      const live = (side: string) =>
        docs.filter((x) => model.documents.get(x.m)!.side === side && model.openItems.get(x.m)!.status !== 'settled');
      const dl = c.pick ? live('debit') : docs;
      const dd = dl.length ? dl[c.d % dl.length]! : docs[c.d % docs.length]!;
      const who = model.documents.get(dd.m)!.customerId;
      const cl = c.pick
        ? live('credit').filter((x) => [who, null].includes(model.documents.get(x.m)!.customerId))
        : docs;
      const cc = cl.length ? cl[c.c % cl.length]! : docs[c.c % docs.length]!;
      const od = model.openItems.get(dd.m)!;
      const oc = model.openItems.get(cc.m)!;
      const lim = Decimal.min(dec(od.openAmount), dec(oc.openAmount));
      const amount =
        c.pct > 100
          ? dec(od.openAmount).plus('0.01')
          : Decimal.max(lim.times(c.pct).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN), dec('0.01'));
      // across currencies the credit side is the debit amount at the two documents' rates, as a clerk would enter it
      // (issue 10 #4 refuses an implied rate far from the rates)
      const creditAmount = amount
        .times(model.documents.get(dd.m)!.fxRate)
        .div(model.documents.get(cc.m)!.fxRate)
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const extra = dd.currency !== cc.currency ? { creditAmount: creditAmount.toFixed(2) } : {};
      const input = {
        m: {
          postingDate: '2026-11-28',
          lines: [{ debitDocumentId: dd.m, creditDocumentId: cc.m, amount: amount.toFixed(2), ...extra }],
        },
        d: {
          postingDate: '2026-11-28',
          lines: [{ debitDocumentId: dd.d, creditDocumentId: cc.d, amount: amount.toFixed(2), ...extra }],
        },
      };
      const key = c.key ? `k-${keys++}` : undefined;
      const r = await step('alloc', input, { key, faultAt: c.fault });
      if (key) keyed.push({ op: 'alloc', key, input, body: r ? { m: r.m.body, d: r.d.body } : undefined });
      if (r) settlements.push({ m: r.m.id, d: r.d.id });
    } else if (c.t === 'rev-doc') {
      if (!docs.length) continue;
      const x = docs[c.i % docs.length]!;
      const r = await step(
        'rev-doc',
        {
          m: { documentId: x.m, reason: 'test', postingDate: '2026-11-28' },
          d: { documentId: x.d, reason: 'test', postingDate: '2026-11-28' },
        },
        { faultAt: c.fault },
      );
      if (r) docs.push({ m: r.m.id, d: r.d.id, currency: x.currency });
    } else if (c.t === 'rev-st') {
      if (!settlements.length) continue;
      const x = settlements[c.i % settlements.length]!;
      const r = await step(
        'rev-st',
        {
          m: { settlementId: x.m, reason: 'test', postingDate: '2026-11-28' },
          d: { settlementId: x.d, reason: 'test', postingDate: '2026-11-28' },
        },
        { faultAt: c.fault },
      );
      if (r) settlements.push({ m: r.m.id, d: r.d.id });
    } else if (c.t === 'replay' || c.t === 'mismatch') {
      if (!keyed.length) continue;
      const k = keyed[c.i % keyed.length]!;
      if (c.t === 'mismatch' && !k.body) continue;
      const before = { docs: model.documents.size, vouchers: model.vouchers.length };
      const change = (x: unknown) =>
        c.t === 'mismatch' ? { ...(x as object), postingDate: '2026-11-27', documentDate: '2026-11-27' } : x;
      let mr: unknown;
      let me: string | undefined;
      try {
        mr = (await m.run(k.op, change(k.input.m), { key: k.key, faultAt: null })).body;
      } catch (e) {
        me = kindOf(e);
      }
      let dr: unknown;
      if (db) {
        let de: string | undefined;
        try {
          dr = (await db.run(k.op, change(k.input.d), { key: k.key, faultAt: null })).body;
        } catch (e) {
          de = kindOf(e);
        }
        expect(de).toBe(me);
      }
      if (c.t === 'mismatch') expect(me).toBe('idempotency_mismatch');
      else if (k.body) {
        expect(me).toBeUndefined();
        expect(mr).toEqual(k.body.m);
        if (db) expect(dr).toEqual(k.body.d);
        expect({ docs: model.documents.size, vouchers: model.vouchers.length }).toEqual(before);
        stats.replays += 1;
      } else if (!me) {
        // the first attempt was refused or failed, so the key was never stored: the retry may post now
        k.body = { m: mr, d: dr ?? mr };
      }
    } else {
      await step('close', { m: null, d: null }, { faultAt: null });
    }
    expect(verifyLedger(model.snapshot())).toEqual([]);
    if (db) {
      const [mo, dbo] = [await m.openAmounts(), await db.openAmounts()];
      expect(dbo.size).toBe(mo.size);
      for (const x of docs) expect(dbo.get(x.d), `open amount of ${x.d}`).toBe(mo.get(x.m));
    }
  }
  return stats;
}
