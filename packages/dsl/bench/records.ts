/** Deterministic synthetic receivables records for the benchmark (receipt + candidate invoice + customer). */

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const currencies = ['EUR', 'EUR', 'EUR', 'USD', 'CNY'];
const segments = ['key', 'standard', 'standard', 'small'];
const risks = ['A', 'B', 'C', 'D', 'E'];

function date(dayOfYear: number): string {
  return new Date(Date.UTC(2025, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

function amount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export interface BenchRecord {
  receipt: { amount: string; currency: string; value_date: string; reference: string };
  invoice: { number: string; open_amount: string; currency: string; due_date: string };
  customer: { id: string; segment: string; risk: string };
  writeoff: { amount: string; days_past_due: number };
  days_past_due: number;
}

export function makeRecords(n: number, seed = 42): BenchRecord[] {
  const r = rng(seed);
  const out: BenchRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const cents = 1000 + Math.floor(r() * 10_000_000);
    const due = Math.floor(r() * 300);
    const paid = due + Math.floor(r() * 120) - 20;
    const same = r() < 0.5;
    const open = same ? cents : cents + Math.floor(r() * 500) - 250;
    const cur = currencies[Math.floor(r() * currencies.length)]!;
    out[i] = {
      receipt: {
        amount: same && r() < 0.2 ? amount(open).replace(/0$/, '') : amount(cents),
        currency: r() < 0.95 ? cur : 'USD',
        value_date: date(paid),
        reference: `INV-${100000 + i}`,
      },
      invoice: { number: `INV-${100000 + i}`, open_amount: amount(open), currency: cur, due_date: date(due) },
      customer: {
        id: `C${i % 5000}`,
        segment: segments[i % segments.length]!,
        risk: risks[Math.floor(r() * risks.length)]!,
      },
      writeoff: { amount: amount(Math.floor(r() * 1_000_000)), days_past_due: Math.floor(r() * 500) },
      days_past_due: Math.floor(r() * 400) - 30,
    };
  }
  return out;
}

/** JSON Schema of a benchmark record: money as `format: decimal`, dates as `format: date`. */
export const recordSchema = {
  type: 'object',
  properties: {
    receipt: {
      type: 'object',
      properties: {
        amount: { type: 'string', format: 'decimal' },
        currency: { type: 'string' },
        value_date: { type: 'string', format: 'date' },
        reference: { type: 'string' },
      },
    },
    invoice: {
      type: 'object',
      properties: {
        number: { type: 'string' },
        open_amount: { type: 'string', format: 'decimal' },
        currency: { type: 'string' },
        due_date: { type: 'string', format: 'date' },
      },
    },
    customer: {
      type: 'object',
      properties: { id: { type: 'string' }, segment: { type: 'string' }, risk: { type: 'string' } },
    },
    writeoff: {
      type: 'object',
      properties: { amount: { type: 'string', format: 'decimal' }, days_past_due: { type: 'integer' } },
    },
    days_past_due: { type: 'integer' },
  },
} as const;
