/** Locale formatting of amounts and dates. Amounts stay decimal strings: Intl formats the string exactly. */
export type Locale = 'en' | 'zh';
const tag = (l: Locale) => (l === 'zh' ? 'zh-CN' : 'en-US');

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: string | null | undefined, currency: string, lang: Locale): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const key = `${lang}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(tag(lang), { style: 'currency', currency, currencyDisplay: 'symbol' });
    } catch {
      f = new Intl.NumberFormat(tag(lang), { minimumFractionDigits: 2 });
    }
    moneyFormats.set(key, f);
  }
  // A string argument is formatted as the exact decimal (ECMA-402 NumberFormat v3), never through a float.
  return f.format(amount as unknown as number);
}

export function formatNumber(n: number | string, lang: Locale): string {
  return new Intl.NumberFormat(tag(lang)).format(n as number);
}

/** A calendar date (YYYY-MM-DD) without any time-zone shift. */
export function formatDate(date: string | null | undefined, lang: Locale): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : new Date(date);
  return new Intl.DateTimeFormat(tag(lang), { dateStyle: 'medium', timeZone: m ? 'UTC' : undefined }).format(d);
}

export function formatDateTime(iso: string | null | undefined, lang: Locale): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(tag(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatBytes(n: number, lang: Locale): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(tag(lang), { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}
