import { customType } from 'drizzle-orm/pg-core';

/** SQL numeric ↔ decimal string: money never passes through a JavaScript number. */
const numeric = customType<{ data: string; driverData: string; config: { precision: number; scale: number } }>({
  dataType: (c) => (c ? `numeric(${c.precision}, ${c.scale})` : 'numeric'),
  fromDriver: (v) => String(v),
  toDriver: (v) => v,
});

// The precisions are the migrations' (store/schema-drift.test.ts compares them with the migrated database).
/** Ledger amounts: numeric(20,4). */
export const money = (name: string) => numeric(name, { precision: 20, scale: 4 });
/** Exchange rates: numeric(24,12). */
export const rate = (name: string) => numeric(name, { precision: 24, scale: 12 });
/** Amounts as a bank file states them (up to 6 decimals): numeric(22,6). */
export const bankAmount = (name: string) => numeric(name, { precision: 22, scale: 6 });

/** SQL date ↔ `YYYY-MM-DD` string: business dates carry no time and no zone. */
export const businessDate = customType<{ data: string; driverData: string | Date }>({
  dataType: () => 'date',
  fromDriver: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)),
  toDriver: (v) => v,
});
