import { toMinor } from './minor.ts';
import { digitsKey, refKey, structuredKey } from './references.ts';
import type { MatchItem } from './types.ts';

/** An open item during a run: `rem` is what is still open after the run's earlier passes. */
export interface Item {
  src: MatchItem;
  id: string;
  customerId: string | null;
  side: 'debit' | 'credit';
  currency: string;
  /** Open amount at the start of the run, in minor units. */
  open: number;
  rem: number;
  /** Due date (or document date) for the oldest-first orders. */
  due: string;
}

const add = (m: Map<string, Item[]>, k: string, it: Item) => {
  const a = m.get(k);
  if (a) a.push(it);
  else m.set(k, [it]);
};

export type DocKeyKind = 'document-number' | 'order-number' | 'contract-number';

/**
 * The open-item snapshot as hash maps, built once per run (ENGINES.md §1.5 index keys): no receipt is ever
 * compared with every open item.
 */
export class CandidateIndex {
  readonly items: Item[] = [];
  readonly byId = new Map<string, Item>();
  readonly byDoc = new Map<string, Item[]>();
  readonly byOrder = new Map<string, Item[]>();
  readonly byContract = new Map<string, Item[]>();
  readonly byDigits = new Map<string, Item[]>();
  readonly byStructured = new Map<string, Item[]>();
  readonly byE2e = new Map<string, Item[]>();
  /** `${customer}|${currency}|${minor}` → open debit items with that open amount. */
  readonly byAmount = new Map<string, Item[]>();
  /** `${currency}|${minor}` → open debit items of any customer (the party-less hint; never decides). */
  readonly byAmountAny = new Map<string, Item[]>();
  /** Open debit items per customer, oldest due first (then id). */
  readonly debitsOf = new Map<string, Item[]>();
  /** Open credit documents (credit notes, prepayments) per customer. */
  readonly creditsOf = new Map<string, Item[]>();

  constructor(items: readonly MatchItem[], contractField?: string) {
    for (const src of items) {
      const open = toMinor(src.open, src.currency);
      if (!(open > 0)) continue;
      const it: Item = {
        src,
        id: src.id,
        customerId: src.customerId,
        side: src.side,
        currency: src.currency,
        open,
        rem: open,
        due: src.dueDate ?? src.documentDate,
      };
      this.items.push(it);
      this.byId.set(it.id, it);
      const nk = refKey(src.number);
      if (nk.length >= 3) add(this.byDoc, nk, it);
      const dk = digitsKey(src.number);
      if (dk) add(this.byDigits, dk, it);
      if (src.orderRef) {
        const ok = refKey(src.orderRef);
        if (ok.length >= 3 && ok !== nk) add(this.byOrder, ok, it);
      }
      const contract = contractField ? src.custom?.[contractField] : undefined;
      if (typeof contract === 'string' && contract) {
        const ck = refKey(contract);
        if (ck.length >= 3) add(this.byContract, ck, it);
      }
      if (src.reference) {
        const sk = structuredKey(src.reference);
        if (sk) add(this.byStructured, sk, it);
        const ek = refKey(src.reference);
        if (ek.length >= 8) add(this.byE2e, ek, it);
      }
      if (!it.customerId) continue;
      if (it.side === 'debit') {
        add(this.byAmount, `${it.customerId}|${it.currency}|${open}`, it);
        add(this.byAmountAny, `${it.currency}|${open}`, it);
        add(this.debitsOf, it.customerId, it);
      } else add(this.creditsOf, it.customerId, it);
    }
    for (const list of this.debitsOf.values())
      list.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  mapOf(kind: DocKeyKind): Map<string, Item[]> {
    return kind === 'document-number' ? this.byDoc : kind === 'order-number' ? this.byOrder : this.byContract;
  }
}
