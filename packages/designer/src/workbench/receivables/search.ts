/** The receivables list's filters as URL search parameters: a chart's drill-down and the list's own filters share them. */
export interface ReceivablesSearch {
  asOf?: string;
  dueFrom?: string;
  dueTo?: string;
  customerId?: string;
  currency?: string;
  region?: string;
  salesOwner?: string;
  bucket?: string;
}

const date = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps only well-formed filters: a hand-edited URL never reaches the API as a 400. */
export function parseReceivablesSearch(raw: Record<string, unknown>): ReceivablesSearch {
  const s = (k: string, re: RegExp) => (typeof raw[k] === 'string' && re.test(raw[k]) ? { [k]: raw[k] } : {});
  return {
    ...s('asOf', date),
    ...s('dueFrom', date),
    ...s('dueTo', date),
    ...s('customerId', uuid),
    ...s('currency', /^[A-Z]{3}$/),
    ...s('region', /^.{1,100}$/),
    ...s('salesOwner', /^.{1,200}$/),
    ...(typeof raw.bucket === 'string' && raw.bucket.length <= 60 ? { bucket: raw.bucket } : {}),
  };
}
