import { nameParts, nameSimilarity } from '@hexiao/dsl';
import { refKey, type Token } from './references.ts';
import type { MatchCustomer, MatchReceipt } from './types.ts';

export type PayerMethod = 'receipt' | 'account' | 'tax-id' | 'name' | 'fuzzy-name';

export interface PayerResult {
  customerId: string | null;
  method: PayerMethod | null;
  /** 0–100: how sure the identification is (fuzzy: the similarity). */
  confidence: number;
  detail: string;
}

const none: PayerResult = { customerId: null, method: null, confidence: 0, detail: 'payer not identified' };

/** A name as a key: normalised, legal forms dropped (`ACME Trading Co., Ltd.` = `Acme Trading Limited`). */
export function nameKey(name: string): string {
  const p = nameParts(name);
  return `${p.latin.join(' ')}|${p.cjk.join('')}`;
}

function grams(name: string): string[] {
  const p = nameParts(name);
  return [...p.latin.filter((t) => t.length >= 3).map((t) => `l:${t.slice(0, 4)}`), ...p.cjk.map((g) => `c:${g}`)];
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const a = m.get(k);
  if (a) {
    if (!a.includes(v)) a.push(v);
  } else m.set(k, [v]);
};

/** Customers by payer account, tax id and name (hash maps built once per run), and their groups. */
export class PayerIndex {
  readonly customers = new Map<string, MatchCustomer>();
  private readonly byAccount = new Map<string, string[]>();
  private readonly byTaxId = new Map<string, string[]>();
  private readonly byName = new Map<string, string[]>();
  private readonly children = new Map<string, string[]>();
  private byGram: Map<string, string[]> | undefined;
  private readonly groups = new Map<string, ReadonlySet<string>>();

  /** Accounts an analyst adopted from clerks' settlements: account key → customer and how often it was seen. */
  private readonly learned = new Map<string, { customerId: string; settlements: number }>();

  constructor(
    customers: readonly MatchCustomer[],
    learned: readonly { account: string; customerId: string; settlements?: number }[] = [],
  ) {
    for (const c of customers) {
      this.customers.set(c.id, c);
      for (const a of c.accounts) {
        const k = refKey(a);
        if (k) push(this.byAccount, k, c.id);
      }
      if (c.taxId) push(this.byTaxId, refKey(c.taxId), c.id);
      const nk = nameKey(c.name);
      if (nk !== '|') push(this.byName, nk, c.id);
      if (c.parentId) push(this.children, c.parentId, c.id);
    }
    // the customer master wins: a learned account never overrides an account on file
    for (const l of learned) {
      const k = refKey(l.account);
      if (k && !this.byAccount.has(k) && this.customers.has(l.customerId))
        this.learned.set(k, { customerId: l.customerId, settlements: l.settlements ?? 1 });
    }
  }

  /** The customers a payer may settle for: itself and every subsidiary below it. */
  group(customerId: string): ReadonlySet<string> {
    let g = this.groups.get(customerId);
    if (!g) {
      const out = new Set<string>([customerId]);
      const queue = [customerId];
      while (queue.length)
        for (const c of this.children.get(queue.pop()!) ?? []) if (!out.has(c)) (out.add(c), queue.push(c));
      g = out;
      this.groups.set(customerId, g);
    }
    return g;
  }

  /** The nearest customer whose group holds all these customers (a parent paying for subsidiaries), or null. */
  commonPayer(ids: readonly string[]): string | null {
    if (ids.length === 0) return null;
    for (let c: string | null = ids[0]!; c; c = this.customers.get(c)?.parentId ?? null) {
      const g = this.group(c);
      if (ids.every((i) => g.has(i))) return c;
    }
    return null;
  }

  name(id: string | null): string {
    if (!id) return 'no customer';
    const c = this.customers.get(id);
    return c ? `${c.code} ${c.name}` : id;
  }

  /**
   * Who paid (ENGINES.md §1.5 S1): the receipt's own customer, else the payer account, a tax id in the text, the
   * exact name, and a fuzzy name only with a margin over the runner-up. A key shared by two customers names none.
   */
  identify(r: MatchReceipt, tokens: () => Token[], fuzzy: { threshold: number; margin: number }): PayerResult {
    if (r.customerId && this.customers.has(r.customerId))
      return {
        customerId: r.customerId,
        method: 'receipt',
        confidence: 100,
        detail: `receipt of ${this.name(r.customerId)}`,
      };
    if (r.payerAccount) {
      const hits = this.byAccount.get(refKey(r.payerAccount));
      if (hits?.length === 1)
        return {
          customerId: hits[0]!,
          method: 'account',
          confidence: 100,
          detail: `payer account ${r.payerAccount} is ${this.name(hits[0]!)}'s`,
        };
      const l = this.learned.get(refKey(r.payerAccount));
      if (l)
        return {
          customerId: l.customerId,
          method: 'account',
          confidence: 100,
          detail: `payer account ${r.payerAccount} was settled by hand for ${this.name(l.customerId)} ${l.settlements} times (learned)`,
        };
    }
    if (this.byTaxId.size) {
      for (const t of tokens()) {
        if (t.text.length !== 18) continue;
        const hits = this.byTaxId.get(t.text);
        if (hits?.length === 1)
          return { customerId: hits[0]!, method: 'tax-id', confidence: 100, detail: `tax id ${t.text} in the text` };
      }
    }
    if (!r.payerName) return none;
    const exact = this.byName.get(nameKey(r.payerName));
    if (exact?.length === 1)
      return { customerId: exact[0]!, method: 'name', confidence: 100, detail: `payer name "${r.payerName}"` };
    if (exact && exact.length > 1)
      return { ...none, detail: `payer name "${r.payerName}" is shared by ${exact.length} customers` };
    return this.fuzzy(r.payerName, fuzzy);
  }

  private fuzzy(payerName: string, o: { threshold: number; margin: number }): PayerResult {
    if (!this.byGram) {
      this.byGram = new Map();
      for (const c of this.customers.values()) for (const g of grams(c.name)) push(this.byGram, g, c.id);
    }
    const counts = new Map<string, number>();
    for (const g of grams(payerName)) {
      const ids = this.byGram.get(g);
      // a gram most customers share (上海, trading) says nothing
      if (!ids || ids.length > 2000) continue;
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const scored = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 30)
      .map(([id]) => ({ id, s: nameSimilarity(payerName, this.customers.get(id)!.name) * 100 }))
      .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1));
    const [top, second] = scored;
    if (!top || top.s < o.threshold)
      return {
        ...none,
        detail: top
          ? `payer name "${payerName}" is closest to ${this.name(top.id)} (${top.s.toFixed(0)} < ${o.threshold})`
          : none.detail,
      };
    if (second && top.s - second.s < o.margin)
      return {
        ...none,
        detail: `payer name "${payerName}" fits ${this.name(top.id)} (${top.s.toFixed(0)}) and ${this.name(second.id)} (${second.s.toFixed(0)}) alike`,
      };
    return {
      customerId: top.id,
      method: 'fuzzy-name',
      confidence: Math.round(top.s),
      detail: `payer name "${payerName}" is like ${this.name(top.id)} (${top.s.toFixed(0)})`,
    };
  }
}
