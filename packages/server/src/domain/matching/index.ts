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
