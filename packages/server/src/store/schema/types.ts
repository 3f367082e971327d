import { customType } from 'drizzle-orm/pg-core';

/** SQL numeric ↔ decimal string: money never passes through a JavaScript number. */
export const money = customType<{ data: string; driverData: string }>({
  dataType: () => 'numeric',
  fromDriver: (v) => String(v),
  toDriver: (v) => v,
});

/** SQL date ↔ `YYYY-MM-DD` string: business dates carry no time and no zone. */
export const businessDate = customType<{ data: string; driverData: string | Date }>({
  dataType: () => 'date',
  fromDriver: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)),
  toDriver: (v) => v,
});
