/** camt.054 → canonical records: the same entry mapping as camt.053 (camt-common/entry.ts). */
export { mapEntry, type LineDraft } from '../camt-common/index.ts';
