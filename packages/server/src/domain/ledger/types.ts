import type {
  AdjustmentKind,
  DerivedDocumentType,
  DocumentType,
  PostableType,
  Side,
  StoredVoucherHead,
  WriteOffKind,
} from '../../model/ledger.ts';

export type {
  Side,
  DocumentType,
  PostableType,
  DerivedDocumentType,
  WriteOffKind,
  AdjustmentKind,
  LedgerDocument,
  OpenItem,
  VoucherLineDraft,
  VoucherDraft,
  SettlementLine,
} from '../../model/ledger.ts';

export const documentTypes = [
  'estimate',
  'invoice',
  'receipt',
  'prepayment',
  'refund',
  'credit-note',
  'adjustment',
] as const satisfies readonly PostableType[];
export const derivedDocumentTypes = [
  'write-off',
  'transfer-out',
  'transfer-in',
  'recovery',
] as const satisfies readonly DerivedDocumentType[];
export const writeOffKinds = ['bad-debt', 'small-balance', 'direct'] as const satisfies readonly WriteOffKind[];
export const adjustmentKinds = [
  'discount',
  'rebate',
  'penalty',
  'interest',
  'rounding',
  'bank-fee',
  'opening-balance',
] as const satisfies readonly AdjustmentKind[];

// the lists name every member of the model's unions (a compile error otherwise)
const listsAll: [
  | Exclude<PostableType, (typeof documentTypes)[number]>
  | Exclude<DerivedDocumentType, (typeof derivedDocumentTypes)[number]>
  | Exclude<WriteOffKind, (typeof writeOffKinds)[number]>
  | Exclude<AdjustmentKind, (typeof adjustmentKinds)[number]>,
] extends [never]
  ? true
  : false = true;
void listsAll;

/** The side a blue (non-reversing) document of this type takes; a red document takes the other. */
export function naturalSide(type: DocumentType, kind: AdjustmentKind | null): Side {
  if (type === 'adjustment')
    return kind === 'penalty' || kind === 'interest' || kind === 'rounding' ? 'debit' : 'credit';
  return type === 'receipt' ||
    type === 'prepayment' ||
    type === 'credit-note' ||
    type === 'write-off' ||
    type === 'transfer-out'
    ? 'credit'
    : 'debit';
}

export const opposite = (s: Side): Side => (s === 'debit' ? 'credit' : 'debit');

/** Document types that may name no customer (unidentified cash). */
export const customerOptional: ReadonlySet<DocumentType> = new Set(['receipt', 'prepayment', 'refund']);
/** Document types that may carry tax. */
export const taxable: ReadonlySet<DocumentType> = new Set(['invoice', 'credit-note']);

/**
 * A voucher as posted. A bulk run leaves its vouchers' numbers to its last step (see bulk.ts), so until then
 * they have none; any other posting numbers its voucher when it saves it.
 */
export interface Voucher extends Omit<StoredVoucherHead, 'number'> {
  number: number | null;
  voucherNo: string | null;
}

export const voucherNo = (period: string, number: number) => `${period}-${String(number).padStart(6, '0')}`;

/** The number of a voucher that a posting outside a bulk run saved: such a posting numbers it when it saves it. */
export function numberedNo(v: Pick<Voucher, 'id' | 'voucherNo'>): string {
  if (v.voucherNo === null)
    throw new Error(`voucher ${v.id} has no number yet: a bulk run numbers it in its last step`);
  return v.voucherNo;
}

/** A stored voucher with its displayed number (`2024-03-000001`). */
export const numbered = <V extends StoredVoucherHead>(v: V): V & { voucherNo: string } => ({
  ...v,
  voucherNo: voucherNo(v.period, v.number),
});

/**
 * Numbers of the documents the ledger derives (a reversal, an estimate's relief) contain `:`, which a
 * user's number never does (validate-input.ts), so they never take or collide with a user's number.
 */
export const reversalNumber = (originalNumber: string) => `R:${originalNumber}`;
export const reliefNumber = (estimateNumber: string, invoiceNumber: string, seq: number) =>
  `R:${estimateNumber}:${invoiceNumber}${seq > 1 ? `:${seq}` : ''}`;
