import { customType } from 'drizzle-orm/pg-core';
import { bankAmountColumn, moneyColumn, rateColumn } from '../../model/money-limits.ts';

/** SQL numeric ↔ decimal string: money never passes through a JavaScript number. */
const numeric = customType<{ data: string; driverData: string; config: { precision: number; scale: number } }>({
  dataType: (c) => (c ? `numeric(${c.precision}, ${c.scale})` : 'numeric'),
  fromDriver: (v) => String(v),
  toDriver: (v) => v,
});

// The precisions are the migrations' (store/schema-drift.test.ts compares them with the migrated database).
/** Ledger amounts: numeric(20,4). */
export const money = (name: string) => numeric(name, moneyColumn);
/** Exchange rates: numeric(24,12). */
export const rate = (name: string) => numeric(name, rateColumn);
/** Amounts as a bank file states them (up to 6 decimals): numeric(22,6). */
export const bankAmount = (name: string) => numeric(name, bankAmountColumn);

/** SQL date ↔ `YYYY-MM-DD` string: business dates carry no time and no zone. */
export const businessDate = customType<{ data: string; driverData: string | Date }>({
  dataType: () => 'date',
  fromDriver: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)),
  toDriver: (v) => v,
});

/** Bytes (attachments kept in the database, uploads waiting for their job) as Buffers, from either driver. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
  toDriver: (v) => v,
});
