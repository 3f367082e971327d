/**
 * Where aging starts counting (T0): a document date column, or a date the document's object type keeps as a
 * custom field (`custom.shipmentDate`, `custom.revenueDate`, `custom.orderDate`, `custom.estimateDate`,
 * `custom.manualDate`, …). Payment terms then move T0 to the date from which days past due count.
 */
export const t0Columns = ['dueDate', 'documentDate', 'postingDate', 'valueDate'] as const;
export type T0Column = (typeof t0Columns)[number];

/** `dueDate` | `documentDate` (the invoice date) | `postingDate` | `valueDate` | `custom.<field>`. */
export type T0 = T0Column | `custom.${string}`;

export const t0Pattern = '^(dueDate|documentDate|postingDate|valueDate|custom\\.[A-Za-z][A-Za-z0-9_]{0,63})$';

export const isT0 = (s: string): s is T0 => new RegExp(t0Pattern).test(s);

/** One instalment: due `days` after T0, for `percent` of the document (equal shares when no part names one). */
export interface Instalment {
  days: number;
  percent?: number;
}

/**
 * Payment terms applied to T0: net N days, end of T0's month plus N days, or instalments (each part of the
 * document due N days after T0; what was paid settles the earliest part first).
 */
export type Terms =
  { type: 'net'; days: number } | { type: 'endOfMonth'; days: number } | { type: 'instalments'; parts: Instalment[] };

export const maxInstalments = 24;

/** `net30`, `eom60`, `inst30/60/90` (equal thirds) or `inst30:40/60:60` (40 % at 30 days, 60 % at 60). */
export function parseTerms(s: string): Terms | undefined {
  const m = /^(net|eom)([0-9]{1,3})$/.exec(s);
  if (m) return { type: m[1] === 'net' ? 'net' : 'endOfMonth', days: Number(m[2]) };
  if (!s.startsWith('inst') || s.length > 200) return undefined;
  const texts = s.slice(4).split('/');
  if (!texts.every((t) => /^[0-9]{1,3}(:[0-9]{1,3}(\.[0-9]{1,4})?)?$/.test(t))) return undefined;
  const parts = texts.map((p) => {
    const [days, percent] = p.split(':');
    return { days: Number(days), ...(percent !== undefined ? { percent: Number(percent) } : {}) };
  });
  const terms: Terms = { type: 'instalments', parts };
  return instalmentErrors(parts).length ? undefined : terms;
}

/** Why a list of instalments cannot be a schedule (empty when it can). */
export function instalmentErrors(parts: Instalment[]): { index: number | null; reason: string }[] {
  const errors: { index: number | null; reason: string }[] = [];
  if (!parts.length || parts.length > maxInstalments)
    return [{ index: null, reason: `must list 1 to ${maxInstalments} instalments` }];
  const named = parts.filter((p) => p.percent !== undefined).length;
  if (named && named < parts.length) errors.push({ index: null, reason: 'name a percent on every part or on none' });
  parts.forEach((p, i) => {
    if (i && p.days <= parts[i - 1]!.days)
      errors.push({ index: i, reason: `days must ascend: ${p.days} after ${parts[i - 1]!.days}` });
    if (p.percent !== undefined && (!(p.percent > 0) || !/^[0-9]{1,3}(\.[0-9]{1,4})?$/.test(String(p.percent))))
      errors.push({ index: i, reason: 'percent must be above 0 with at most 4 decimals' });
  });
  // whole ten-thousandths of a percent: summing them as integers is exact
  const total = parts.reduce((n, p) => n + Math.round((p.percent ?? 0) * 10_000), 0);
  if (named === parts.length && total !== 1_000_000)
    errors.push({ index: null, reason: `percents must add up to 100 (they add up to ${total / 10_000})` });
  return errors;
}

export function termsText(t: Terms | undefined): string | null {
  if (!t) return null;
  if (t.type === 'instalments')
    return `inst${t.parts.map((p) => (p.percent === undefined ? `${p.days}` : `${p.days}:${p.percent}`)).join('/')}`;
  return `${t.type === 'net' ? 'net' : 'eom'}${t.days}`;
}
