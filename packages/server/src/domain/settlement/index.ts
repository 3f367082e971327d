export { planAllocation, planSettlementReversal, type AllocationDoc, type AllocationLineInput, type AllocationPlan, type ReverseSettlementInput } from './allocate-plan.ts';
