import type { AnyDefinitionKind } from '../definitions/index.ts';
import { creditPolicyKind } from './credit-policy.kind.ts';

export {
  creditPolicyKind,
  creditPolicyMetaSchema,
  creditFactsSchema,
  builtInCreditPolicy,
  type CreditPolicyDocument,
} from './credit-policy.kind.ts';
export {
  customerCredit,
  creditCheck,
  defaultPolicyKey,
  type CustomerCredit,
  type CreditCheck,
  type CreditMetrics,
} from './assess.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [creditPolicyKind];
export { riskyCustomers, type RiskyCustomers } from './risky.ts';
export { runCreditSweep, listStoredScores, type CreditSweepReport, type StoredScore } from './sweep.ts';
