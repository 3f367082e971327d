export {
  matchReceipts,
  type MatchOptions,
  type EngineDecision,
  type EngineResult,
  type DecisionLine,
  type LineRef,
} from './engine.ts';
export { defaultRuleSet, defaultRuleSetKey } from './default-rule-set.ts';
export {
  ruleSetMetaSchema,
  matchStages,
  matchKeys,
  subsetCaps,
  type RuleSetDocument,
  type MatchRule,
  type MatchStage,
  type MatchKey,
} from './rule-set-schema.ts';
export { findSubsets, type SubsetSearch, type SubsetResult } from './subset.ts';
export { tokenize, documentKeysIn, refKey, isValidRf, isValidQrr, isValidOgm, structuredKey } from './references.ts';
export { toMinor, fromMinor } from './minor.ts';
export type * from './types.ts';
export { ruleSetKind, ruleSetErrors, seedDefaultRuleSet } from './rule-set.kind.ts';
export { matchDataSchema } from './records.ts';

import type { AnyDefinitionKind } from '../definitions/index.ts';
import { ruleSetKind } from './rule-set.kind.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [ruleSetKind];
export { runMatching, resolveRuleSetVersion, matchAfterImport, type RunInput } from './runs.ts';
export { runInputSchema, backtestInputSchema } from './run-input-schema.ts';
export type { RunReport, ReportEntry, ReportReceipt } from './report.ts';
export { loadSnapshot, rateTable, type ReceiptScope } from './snapshot.ts';
export { listRunViews, getRunView, getDecisionView, decisionView, type RunView, type DecisionView } from './queries.ts';
export {
  listQueue,
  acceptSuggestion,
  rejectSuggestion,
  assignReceipt,
  listQueueReceivables,
  previewAllocation,
  type QueueFilter,
  type QueueEntry,
  type AcceptInput,
} from './queue.ts';
export { runBacktest, getBacktest, demotionPrecision, type BacktestInput } from './backtest.ts';
export { proposeRules, type LearnInput, type PayerProposal } from './learn.ts';
