/**
 * Synthetic ledger for `hexiao bench match`: customers, open invoices and bank receipts with a realistic mix,
 * each receipt carrying the truth (the invoices it pays, or none) so precision can be measured. Receipts that
 * no matcher can settle alone (a duplicate, noise, a payment of one of two identical invoices) are not auto-matchable.
 * Seeded, so two runs of the same size see the same data.
 */
import { fromMinor, toMinor } from '../domain/matching/index.ts';
import type { MatchCustomer, MatchItem, MatchReceipt, MatchSnapshot } from '../domain/matching/index.ts';

export type ReceiptKind =
  | 'exact-reference'
  | 'reformatted-reference'
  | 'full-width-reference'
  | 'no-reference'
  | 'several-invoices'
  | 'instalment'
  | 'bank-fee'
  | 'discount'
  | 'parent-pays-subsidiary'
  | 'new-account-name-only'
  | 'recurring-same-amount'
  | 'duplicate'
  | 'noise';

/** Share of each kind in the mix (sums to 1). */
export const mix: Record<ReceiptKind, number> = {
  'exact-reference': 0.29,
  'reformatted-reference': 0.1,
  'full-width-reference': 0.04,
  'no-reference': 0.15,
  'several-invoices': 0.08,
  instalment: 0.06,
  'bank-fee': 0.05,
  discount: 0.03,
  'parent-pays-subsidiary': 0.03,
  'new-account-name-only': 0.02,
  'recurring-same-amount': 0.02,
  duplicate: 0.02,
  noise: 0.11,
};

export interface Truth {
  kind: ReceiptKind;
  /** The invoices this receipt pays (document ids, sorted); empty when nothing should be settled. */
  documents: string[];
  /** Whether a careful matcher may settle it without a person (duplicates and noise must not be). */
  autoMatchable: boolean;
}

export interface BenchLedger {
  snapshot: MatchSnapshot;
  truth: Map<string, Truth>;
}

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A German IBAN with valid check digits: bank code (8 digits) and account (10 digits). */
function iban(bank: string, account: number): string {
  const bban = `${bank}${pad(account, 10)}`;
  const check = 98n - (BigInt(`${bban}131400`) % 97n); // D=13, E=14, then 00
  return `DE${String(check).padStart(2, '0')}${bban}`;
}
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
const fullWidth = (s: string) =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

/**
 * `receipts` receipts against about as many open invoices (the ones nobody pays stay open as distractors),
 * over receipts / 10 customers, 5% of them subsidiaries of another customer.
 */
export function generateLedger(receipts: number, seed = 13): BenchLedger {
  const rand = rng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const nCustomers = Math.max(20, Math.floor(receipts / 10));
  const customers: MatchCustomer[] = [];
  for (let i = 0; i < nCustomers; i++) {
    const parent = i > 10 && rand() < 0.05 ? customers[int(10)]!.id : null;
    customers.push({
      id: `c${pad(i, 7)}`,
      code: `C${pad(i, 7)}`,
      name: `Customer ${pad(i, 7)} Trading Co., Ltd.`,
      taxId: `91${pad(i, 16)}`,
      parentId: parent,
      accounts: [iban('37040044', i)],
    });
  }
  const subsidiaries = customers.filter((c) => c.parentId);
  const byId = new Map(customers.map((c) => [c.id, c]));

  const items: MatchItem[] = [];
  let invoiceSeq = 0;
  const newInvoice = (c: MatchCustomer, minor: number): MatchItem => {
    const n = ++invoiceSeq;
    const issued = int(300);
    const amount = fromMinor(minor, 'EUR');
    const it: MatchItem = {
      id: `i${pad(n, 8)}`,
      customerId: c.id,
      docType: 'invoice',
      side: 'debit',
      number: `INV-2026-${pad(n, 7)}`,
      currency: 'EUR',
      amount,
      open: amount,
      documentDate: day(issued),
      dueDate: day(issued + 30),
      orderRef: null,
      reference: null,
    };
    items.push(it);
    return it;
  };
  // cents or whole units (services and contracts bill round amounts: the hard case for amount-only matching)
  const amountMinor = () => (rand() < 0.3 ? (100 + int(20_000)) * 100 : 10_000 + int(5_000_000));
  const someCustomer = () => customers[int(nCustomers)]!;

  const list: MatchReceipt[] = [];
  const truth = new Map<string, Truth>();
  const kinds = Object.entries(mix) as [ReceiptKind, number][];
  const pickKind = (): ReceiptKind => {
    let x = rand();
    for (const [k, p] of kinds) if ((x -= p) < 0) return k;
    return 'noise';
  };
  const add = (
    kind: ReceiptKind,
    r: Omit<MatchReceipt, 'id' | 'number' | 'currency' | 'customerId'>,
    docs: MatchItem[],
  ) => {
    const n = list.length + 1;
    const full: MatchReceipt = {
      id: `r${pad(n, 8)}`,
      number: `RCT-${pad(n, 8)}`,
      currency: 'EUR',
      customerId: null,
      ...r,
    };
    list.push(full);
    truth.set(full.id, {
      kind,
      documents: docs.map((d) => d.id).sort(),
      autoMatchable: kind !== 'duplicate' && kind !== 'noise' && kind !== 'recurring-same-amount',
    });
    return full;
  };
  // invoices are issued in the first 300 days of the year, the statement covers the month after
  const line = (c: MatchCustomer, minor: number, text: string | null) => {
    const date = day(300 + int(30));
    return {
      amount: fromMinor(minor, 'EUR'),
      documentDate: date,
      valueDate: date,
      endToEndId: null,
      bankReference: `BR${pad(list.length + 1, 10)}`,
      creditorReference: null,
      payerName: c.name.toUpperCase(),
      payerAccount: c.accounts[0]!,
      text,
    };
  };

  while (list.length < receipts) {
    const kind = pickKind();
    const c = someCustomer();
    switch (kind) {
      case 'exact-reference': {
        const inv = newInvoice(c, amountMinor());
        add(kind, line(c, minorOf(inv), `Payment ${inv.number}`), [inv]);
        break;
      }
      case 'reformatted-reference': {
        const inv = newInvoice(c, amountMinor());
        const ref = rand() < 0.5 ? inv.number.toLowerCase().replace(/-/g, ' ') : inv.number.replace(/-/g, '');
        add(kind, line(c, minorOf(inv), `inv ref ${ref} thank you`), [inv]);
        break;
      }
      case 'full-width-reference': {
        const inv = newInvoice(c, amountMinor());
        add(kind, line(c, minorOf(inv), `货款 ${fullWidth(inv.number)}`), [inv]);
        break;
      }
      case 'no-reference': {
        const inv = newInvoice(c, 10_000 + int(5_000_000) + (int(99) + 1));
        add(kind, line(c, minorOf(inv), 'payment as agreed'), [inv]);
        break;
      }
      case 'several-invoices': {
        const k = 2 + int(3);
        const invs = Array.from({ length: k }, () => newInvoice(c, amountMinor()));
        const total = invs.reduce((s, i) => s + minorOf(i), 0);
        const text = rand() < 0.5 ? invs.map((i) => i.number).join(', ') : invs.map((i) => i.number).join(' ; ');
        add(kind, line(c, total, `Invoices ${text}`), invs);
        break;
      }
      case 'instalment': {
        const inv = newInvoice(c, amountMinor() * 2);
        const half = Math.floor(minorOf(inv) / 2);
        add(kind, line(c, half, `Instalment 1 of 2 ${inv.number}`), [inv]);
        if (list.length < receipts) add(kind, line(c, minorOf(inv) - half, `Instalment 2 of 2 ${inv.number}`), [inv]);
        break;
      }
      case 'bank-fee': {
        const inv = newInvoice(c, 50_000 + int(5_000_000));
        add(kind, line(c, minorOf(inv) - (100 + int(900)), `${inv.number} charges deducted`), [inv]);
        break;
      }
      case 'discount': {
        const inv = newInvoice(c, 50_000 + int(5_000_000));
        const paid = minorOf(inv) - Math.round(minorOf(inv) * 0.02);
        add(kind, line(c, paid, `${inv.number} less 2% discount`), [inv]);
        break;
      }
      case 'parent-pays-subsidiary': {
        const sub = subsidiaries.length ? subsidiaries[int(subsidiaries.length)]! : c;
        const parent = (sub.parentId ? byId.get(sub.parentId) : undefined) ?? sub;
        const inv = newInvoice(sub, amountMinor());
        add(kind, line(parent, minorOf(inv), `for ${sub.name} ${inv.number}`), [inv]);
        break;
      }
      case 'new-account-name-only': {
        // paid from an account not on file, the name written the bank's way
        const inv = newInvoice(c, amountMinor());
        add(
          kind,
          {
            ...line(c, minorOf(inv), `Payment ${inv.number}`),
            payerName: c.name.replace('Co., Ltd.', 'LIMITED').toUpperCase(),
            payerAccount: iban('30060000', int(1e10)),
          },
          [inv],
        );
        break;
      }
      case 'recurring-same-amount': {
        // two identical monthly invoices, a payment without reference: nobody can tell which one it pays
        const minor = (100 + int(20_000)) * 100;
        const first = newInvoice(c, minor);
        newInvoice(c, minor);
        add(kind, line(c, minor, 'monthly fee'), [first]);
        break;
      }
      case 'duplicate': {
        // the same payment sent twice: a twin of an exact-reference receipt; the second must wait for a person
        const inv = newInvoice(c, amountMinor());
        const first = add('exact-reference', line(c, minorOf(inv), `Payment ${inv.number}`), [inv]);
        if (list.length < receipts) {
          const { id: _id, number: _n, currency: _c, customerId: _cu, ...twin } = first;
          add(kind, { ...twin, bankReference: `BR-DUP-${first.id}` }, []);
        }
        break;
      }
      case 'noise': {
        const stranger = `Unknown Payer ${int(1_000_000)} GmbH`;
        add(
          kind,
          {
            ...line(c, 10_000 + int(5_000_000) + 1, rand() < 0.5 ? `ref ${int(1e9)}` : null),
            payerName: stranger,
            payerAccount: iban('50010517', int(1e10)),
          },
          [],
        );
        break;
      }
    }
  }
  // invoices nobody pays in this statement: the other half of the open book
  while (items.length < receipts) newInvoice(someCustomer(), amountMinor());
  return { snapshot: { customers, items, receipts: list }, truth };
}

const minorOf = (it: MatchItem) => toMinor(it.amount, it.currency);
