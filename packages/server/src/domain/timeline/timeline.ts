import type { Dispute, PaymentPromise } from '../collections/index.ts';

/** One thing that happened to a receivable, in the order it happened. Amounts are in the receivable's currency. */
export interface TimelineEntry {
  at: string;
  kind:
    | 'posted'
    | 'reversed'
    | 'settled'
    | 'settlement-reversed'
    | 'reminder'
    | 'promise'
    | 'promise-kept'
    | 'promise-broken'
    | 'promise-cancelled'
    | 'dispute'
    | 'dispute-resolved'
    | 'request'
    | 'approval'
    | 'audit';
  ref: {
    type: 'document' | 'settlement' | 'reminder' | 'promise' | 'dispute' | 'request' | 'audit';
    id: string;
    number?: string | null;
  };
  by: string | null;
  amount?: string;
  currency?: string;
  detail: Record<string, unknown>;
}

interface Doc {
  id: string;
  docType: string;
  number: string | null;
  currency: string;
  amount: string;
  postingDate: string;
  createdAt: string;
  createdBy: string | null;
}

export interface TimelineSources {
  document: Doc;
  reversals: Doc[];
  settlements: {
    id: string;
    kind: string;
    postingDate: string;
    createdAt: string;
    createdBy: string | null;
    reason: string | null;
    reversesId: string | null;
    /** What this receivable got (or gave back) in the settlement, in its currency, signed. */
    amount: string;
    counterparts: { id: string; docType: string; number: string | null }[];
  }[];
  reminders: {
    id: string;
    level: string;
    channel: string;
    asOf: string;
    subject: string;
    createdAt: string;
    createdBy: string | null;
  }[];
  promises: PaymentPromise[];
  disputes: Dispute[];
  requests: {
    id: string;
    number: string;
    action: string;
    requestedByName: string;
    createdAt: string;
    approval: {
      status: string;
      history: { type: string; step: string | null; by: string | null; at: string; detail: unknown }[];
    } | null;
  }[];
  audit: { id: string; seq: number; action: string; at: string; actorName: string | null }[];
}

/** Flow events a reader of the receivable's history cares about; the rest is the flow's own bookkeeping. */
const approvalEvents = new Set(['task.decided', 'returned', 'resubmitted', 'performed', 'withdrawn']);
const iso = (v: string) => new Date(v).toISOString();

/** Everything that happened to one receivable, oldest first (ties keep the order the sources give). */
export function buildTimeline(s: TimelineSources): TimelineEntry[] {
  const d = s.document;
  const out: TimelineEntry[] = [
    {
      at: iso(d.createdAt),
      kind: 'posted',
      ref: { type: 'document', id: d.id, number: d.number },
      by: d.createdBy,
      amount: d.amount,
      currency: d.currency,
      detail: { docType: d.docType, postingDate: d.postingDate },
    },
  ];
  for (const r of s.reversals)
    out.push({
      at: iso(r.createdAt),
      kind: 'reversed',
      ref: { type: 'document', id: r.id, number: r.number },
      by: r.createdBy,
      amount: r.amount,
      currency: r.currency,
      detail: { postingDate: r.postingDate },
    });
  for (const st of s.settlements)
    out.push({
      at: iso(st.createdAt),
      kind: st.reversesId ? 'settlement-reversed' : 'settled',
      ref: { type: 'settlement', id: st.id },
      by: st.createdBy,
      amount: st.amount,
      currency: d.currency,
      detail: {
        settlementKind: st.kind,
        postingDate: st.postingDate,
        reason: st.reason,
        with: st.counterparts,
        ...(st.reversesId ? { reverses: st.reversesId } : {}),
      },
    });
  for (const r of s.reminders)
    out.push({
      at: iso(r.createdAt),
      kind: 'reminder',
      ref: { type: 'reminder', id: r.id },
      by: r.createdBy,
      detail: { level: r.level, channel: r.channel, asOf: r.asOf, subject: r.subject },
    });
  for (const p of s.promises) {
    out.push({
      at: iso(p.createdAt),
      kind: 'promise',
      ref: { type: 'promise', id: p.id },
      by: p.createdBy,
      amount: p.amount,
      currency: p.currency,
      detail: { promisedDate: p.promisedDate, madeOn: p.madeOn, note: p.note },
    });
    if (p.outcome)
      out.push({
        at: iso(p.outcome.at),
        kind: `promise-${p.status as 'kept' | 'broken' | 'cancelled'}`,
        ref: { type: 'promise', id: p.id },
        by: p.outcome.by,
        amount: p.outcome.paid,
        currency: p.currency,
        detail: { asOf: p.outcome.asOf, paid: p.outcome.paid, reason: p.outcome.reason },
      });
  }
  for (const d of s.disputes) {
    out.push({
      at: iso(d.createdAt),
      kind: 'dispute',
      ref: { type: 'dispute', id: d.id },
      by: d.createdBy,
      ...(d.amount ? { amount: d.amount, currency: d.currency } : {}),
      detail: { category: d.category, reason: d.reason },
    });
    if (d.resolution)
      out.push({
        at: iso(d.resolution.at),
        kind: 'dispute-resolved',
        ref: { type: 'dispute', id: d.id },
        by: d.resolution.by,
        detail: { resolution: d.resolution.text },
      });
  }
  for (const q of s.requests) {
    out.push({
      at: iso(q.createdAt),
      kind: 'request',
      ref: { type: 'request', id: q.id, number: q.number },
      by: q.requestedByName,
      detail: { action: q.action, status: q.approval?.status ?? null },
    });
    for (const h of q.approval?.history ?? [])
      if (approvalEvents.has(h.type))
        out.push({
          at: iso(h.at),
          kind: 'approval',
          ref: { type: 'request', id: q.id, number: q.number },
          by: h.by,
          detail: { event: h.type, step: h.step, ...(typeof h.detail === 'object' && h.detail ? h.detail : {}) },
        });
  }
  for (const a of s.audit)
    out.push({
      at: iso(a.at),
      kind: 'audit',
      ref: { type: 'audit', id: a.id },
      by: a.actorName,
      detail: { action: a.action, seq: a.seq },
    });
  return out
    .map((e, i) => ({ e, i }))
    .sort((x, y) => (x.e.at < y.e.at ? -1 : x.e.at > y.e.at ? 1 : x.i - y.i))
    .map((x) => x.e);
}
