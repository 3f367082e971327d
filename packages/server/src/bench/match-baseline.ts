/**
 * The plain greedy matcher `hexiao bench match` compares with: the first open invoice whose number appears in
 * the text as a word takes the receipt (up to its open amount), else the oldest open invoice of exactly the
 * receipt's amount — of the payer when its account is on file, else of anyone. What many ERP add-ons do.
 */
import { toMinor } from '../domain/matching/index.ts';
import type { MatchSnapshot } from '../domain/matching/index.ts';

export interface BaselineDecision {
  receiptId: string;
  documents: string[];
}

interface Open {
  id: string;
  customerId: string | null;
  due: string;
  rem: number;
}

export function greedyBaseline(s: MatchSnapshot): BaselineDecision[] {
  const byNumber = new Map<string, Open>();
  const byAmount = new Map<string, Open[]>();
  const payerOf = new Map<string, string>();
  for (const c of s.customers) for (const a of c.accounts) payerOf.set(a, c.id);
  const opens: Open[] = [];
  for (const it of s.items) {
    if (it.side !== 'debit') continue;
    const o = {
      id: it.id,
      customerId: it.customerId,
      due: it.dueDate ?? it.documentDate,
      rem: toMinor(it.open, it.currency),
    };
    opens.push(o);
    byNumber.set(it.number, o);
  }
  opens.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1));
  for (const o of opens) {
    for (const k of [`*|${o.rem}`, `${o.customerId}|${o.rem}`]) {
      const l = byAmount.get(k);
      if (l) l.push(o);
      else byAmount.set(k, [o]);
    }
  }
  const out: BaselineDecision[] = [];
  for (const r of s.receipts) {
    const amount = toMinor(r.amount, r.currency);
    let hit: Open | undefined;
    for (const word of (r.text ?? '').split(/[\s,;:]+/)) {
      const o = byNumber.get(word);
      if (o && o.rem > 0) {
        hit = o;
        break;
      }
    }
    if (!hit) {
      const payer = r.payerAccount ? payerOf.get(r.payerAccount) : undefined;
      hit = byAmount.get(`${payer ?? '*'}|${amount}`)?.find((o) => o.rem === amount);
    }
    if (!hit) {
      out.push({ receiptId: r.id, documents: [] });
      continue;
    }
    hit.rem -= Math.min(hit.rem, amount);
    out.push({ receiptId: r.id, documents: [hit.id] });
  }
  return out;
}
