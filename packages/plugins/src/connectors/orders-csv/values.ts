import { Decimal } from '@hexiao/dsl';
import { MappingError } from '../xml-dom/index.ts';

export interface NumberFormat {
  decimalSeparator?: '.' | ',';
  thousandsSeparator?: string;
}

/** Parses an amount written with the configured separators ("1.234,50", "1,234.50", "-12"). */
export function parseDecimal(text: string, fmt: NumberFormat, field: string): Decimal {
  let t = text.trim();
  const thousands = fmt.thousandsSeparator ?? '';
  if (thousands) t = t.split(thousands).join('');
  if ((fmt.decimalSeparator ?? '.') === ',') t = t.replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) throw new MappingError(field, `"${text}" is not an amount`);
  return new Decimal(t);
}

const patterns = new Map<string, RegExp>();

/** Parses a date by a format of YYYY, MM, DD and literal characters; anything after the date (a time) is ignored. */
export function parseDate(text: string, format: string, field: string): string {
  let re = patterns.get(format);
  if (!re) {
    const body = format
      .split(/(YYYY|MM|DD)/)
      .map((part) =>
        part === 'YYYY'
          ? '(?<y>\\d{4})'
          : part === 'MM'
            ? '(?<m>\\d{1,2})'
            : part === 'DD'
              ? '(?<d>\\d{1,2})'
              : part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
      )
      .join('');
    re = new RegExp(`^${body}(?:[ T].*)?$`);
    patterns.set(format, re);
  }
  const g = re.exec(text.trim())?.groups;
  if (!g) throw new MappingError(field, `"${text}" does not match the date format ${format}`);
  const y = +g.y!,
    m = +g.m!,
    d = +g.d!;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d)
    throw new MappingError(field, `"${text}" is not a valid date`);
  return `${g.y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
