export * from './types.ts';
export { builtInMapping, account, accountByRole, postingRule, type Account, type ResolvedMapping } from './account-mapping.ts';
export { defaultChart, defaultChartKey } from './default-chart.ts';
export { VoucherBuilder, mirrorVoucher, type VoucherHead, type LineExtra } from './voucher-builder.ts';
export { planDocument, periodOf, openStatus, describeDocument, type DocumentFacts, type DocumentPlan, type PlanOptions } from './post-plan.ts';
export { relieve, rebuildOpenAmounts, type SettlementLine, type RebuildDoc } from './open-items.ts';
export { planReversal, type ReversalInput, type ReversalPlan } from './reverse-plan.ts';
