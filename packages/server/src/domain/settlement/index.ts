export {
  planAllocation,
  planSettlementReversal,
  type AllocationDoc,
  type AllocationLineInput,
  type AllocationPlan,
  type ReverseSettlementInput,
} from './allocate-plan.ts';
export { allocate, type AllocateInput, type PostedSettlement } from './allocate.ts';
export { reverseSettlement, type ReverseSettlementRequest } from './reverse-settlement.ts';
export { getSettlementView, listSettlementViews } from './queries.ts';
export { settlementViewSchema, settlementPageSchema, postedSettlementSchema } from './view-schemas.ts';
export { allocateMany, type ManyInput, type ManyOutcome } from './allocate-many.ts';
