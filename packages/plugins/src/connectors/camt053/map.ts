/**
 * camt.053 → canonical records. The mapping is shared with camt.054 (camt-common): one bank line per
 * entry, or per transaction of a batch whose transactions add up to the entry; the statement record
 * comes after its lines and carries the balances and any reconciliation warning.
 */
export { mapEntry, type LineDraft } from '../camt-common/index.ts';
