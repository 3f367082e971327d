import { isCurrency } from '@hexiao/plugins/sdk';
import { MappingError } from '../xml-dom/index.ts';
import { parseDate, parseDecimal } from '../orders-csv/values.ts';
import type { MasterCsvFormat } from './format.ts';

/** Readers of typed cells with the configured number and date formats; each throws a MappingError naming the field. */
export function cellReaders(cfg: MasterCsvFormat) {
  const dateFormat = cfg.dateFormat ?? 'YYYY-MM-DD';
  return {
    required<T extends string | undefined>(v: T, field: string, what = field): string {
      if (v === undefined || v === '') throw new MappingError(field, `${what} is missing`);
      return v;
    },
    date: (v: string | undefined, field: string) => (v === undefined ? undefined : parseDate(v, dateFormat, field)),
    /** A non-negative exact amount, as a canonical decimal string. */
    amount(v: string | undefined, field: string): string | undefined {
      if (v === undefined) return undefined;
      const d = parseDecimal(v, cfg, field);
      if (d.isNegative()) throw new MappingError(field, `"${v}" is negative`);
      return d.toFixed();
    },
    currency(v: string | undefined, field: string): string | undefined {
      if (v === undefined) return undefined;
      const c = v.toUpperCase();
      if (!isCurrency(c)) throw new MappingError(field, `"${v}" is not an ISO 4217 currency code`);
      return c;
    },
    days(v: string | undefined, field: string): number | undefined {
      if (v === undefined) return undefined;
      if (!/^\d{1,4}$/.test(v)) throw new MappingError(field, `"${v}" is not a whole number of days`);
      return Number(v);
    },
  };
}
