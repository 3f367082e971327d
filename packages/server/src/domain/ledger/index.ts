import type { AnyDefinitionKind } from '../definitions/index.ts';
import { accountMappingKind } from './account-mapping.kind.ts';

export * from './types.ts';
export {
  builtInMapping,
  account,
  accountByRole,
  postingRule,
  type Account,
  type ResolvedMapping,
} from './account-mapping.ts';
export { defaultChart, defaultChartKey } from './default-chart.ts';
export { VoucherBuilder, mirrorVoucher, type VoucherHead, type LineExtra } from './voucher-builder.ts';
export {
  planDocument,
  periodOf,
  openStatus,
  describeDocument,
  type DocumentFacts,
  type DocumentPlan,
  type PlanOptions,
} from './post-plan.ts';
export { relieve, rebuildOpenAmounts, type SettlementLine, type RebuildDoc } from './open-items.ts';
export { planReversal, type ReversalInput, type ReversalPlan } from './reverse-plan.ts';
export type { LedgerDeps } from './deps.ts';
export { todayIn } from './dates.ts';
export { resolveAccountMapping } from './resolve-mapping.ts';
export { saveVoucher, saveVouchers, saveDocumentPlan } from './persist.ts';
export { inBulk } from './bulk.ts';
export { readVoucher, readVouchers, type StoredVoucher } from './stored-vouchers.ts';
export { validatePostInput, isDate, type PostDocumentInput } from './validate-input.ts';
export { postDocument, postDocuments, type PostedDocument } from './post-document.ts';
export {
  documentViewSchema,
  documentPageSchema,
  documentDetailSchema,
  voucherViewSchema,
  voucherPageSchema,
  postedDocumentSchema,
} from './view-schemas.ts';
export { reverseDocument, type ReverseDocumentInput, type ReversedDocument } from './reverse-document.ts';
export { checkBooks, readLedger, type BooksReport } from './check-books.ts';
export { verifyLedger, type LedgerSnapshot } from './verify-ledger.ts';
export {
  documentView,
  voucherView,
  vouchersCsv,
  money as formatAmount,
  type DocumentView,
  type VoucherView,
} from './views.ts';
export {
  getDocumentDetail,
  listDocumentViews,
  getVoucherView,
  listVoucherViews,
  exportVouchers,
  hasDocuments,
  receivableTypes,
  receiptTypes,
} from './queries.ts';
export {
  createCompanyBankAccount,
  listCompanyBankAccounts,
  getCompanyBankAccount,
  type CompanyBankAccountInput,
  type CompanyBankAccountView,
} from './bank-accounts.ts';
export {
  planWriteOff,
  type WriteOffPlan,
  type WriteOffItemInput,
  type WriteOffTarget,
  type ShortfallPolicy,
} from './write-off-plan.ts';
export { customerBalance, trialBalance, listOpenItemsAsOf, type BalanceLine } from './balances.ts';
export { customerBalanceSchema, trialBalanceSchema, openItemsPageSchema } from './balance-schemas.ts';
export { writeOffPolicy, type WriteOffPolicy } from './write-off-policy.ts';
export { postWriteOff, type WriteOffInput, type PostedWriteOff } from './write-off.ts';
export { planDebtTransfer, type DebtTransferPlan } from './debt-transfer-plan.ts';
export { postDebtTransfer, type DebtTransferInput, type PostedDebtTransfer } from './debt-transfer.ts';
export { accountMappingKind, type AccountMappingDocument } from './account-mapping.kind.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [accountMappingKind];
