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

/** Payment terms applied to T0: net N days, or end of T0's month plus N days. */
export type Terms = { type: 'net'; days: number } | { type: 'endOfMonth'; days: number };

export const termsPattern = '^(net|eom)[0-9]{1,3}$';

/** `net30` → net 30 days, `eom60` → end of month + 60 days. */
export function parseTerms(s: string): Terms | undefined {
  const m = /^(net|eom)([0-9]{1,3})$/.exec(s);
  if (!m) return undefined;
  return { type: m[1] === 'net' ? 'net' : 'endOfMonth', days: Number(m[2]) };
}

export const termsText = (t: Terms | undefined): string | null =>
  t ? `${t.type === 'net' ? 'net' : 'eom'}${t.days}` : null;
