import type { ColumnRef } from './config.ts';

/** Resolves column references against a header row (names are matched trimmed, case-insensitively). */
export class ColumnIndex {
  private readonly byName = new Map<string, number[]>();

  constructor(header: string[] | undefined) {
    header?.forEach((raw, i) => {
      const name = raw.trim().toLowerCase();
      const list = this.byName.get(name);
      if (list) list.push(i);
      else this.byName.set(name, [i]);
    });
  }

  /** Index of one column, or undefined when the header has no such column. */
  indexOf(ref: string | number): number | undefined {
    if (typeof ref === 'number') return ref;
    const m = /^(.*)#(\d+)$/.exec(ref);
    const name = (m ? m[1]! : ref).trim().toLowerCase();
    const nth = m ? Number(m[2]) - 1 : 0;
    return this.byName.get(name)?.[nth];
  }

  /** True when at least one alternative of the reference exists. */
  has(ref: ColumnRef): boolean {
    return (Array.isArray(ref) ? ref : [ref]).some((r) => this.indexOf(r) !== undefined);
  }

  /** The first non-empty cell among the reference's alternatives. */
  get(row: string[], ref: ColumnRef | undefined): string | undefined {
    if (ref === undefined) return undefined;
    for (const r of Array.isArray(ref) ? ref : [ref]) {
      const i = this.indexOf(r);
      const v = i === undefined ? undefined : row[i]?.trim();
      if (v) return v;
    }
    return undefined;
  }
}

/** Builds a date parser from a format such as `DD/MM/YYYY` (a trailing time is ignored). */
export function dateParser(format: string): (raw: string) => string | undefined {
  const order: string[] = [];
  let pattern = '';
  for (let i = 0; i < format.length;) {
    const rest = format.slice(i);
    const token = ['YYYY', 'YY', 'MM', 'DD', 'M', 'D'].find((t) => rest.startsWith(t));
    if (token) {
      order.push(token[0]!);
      pattern += token === 'YYYY' ? '(\\d{4})' : token === 'YY' ? '(\\d{2})' : '(\\d{1,2})';
      i += token.length;
    } else {
      pattern += format[i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    }
  }
  const re = new RegExp(`^${pattern}(?:[ T].*)?$`);
  return (raw) => {
    const m = re.exec(raw.trim());
    if (!m) return undefined;
    let y = '';
    let mo = '';
    let d = '';
    order.forEach((t, i) => {
      const v = m[i + 1]!;
      if (t === 'Y') y = v.length === 2 ? (Number(v) >= 80 ? `19${v}` : `20${v}`) : v;
      else if (t === 'M') mo = v.padStart(2, '0');
      else d = v.padStart(2, '0');
    });
    const month = Number(mo);
    const day = Number(d);
    if (!y || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    const date = new Date(Date.UTC(Number(y), month - 1, day));
    if (date.getUTCMonth() !== month - 1) return undefined; // 31/02 and the like
    return `${y}-${mo}-${d}`;
  };
}
