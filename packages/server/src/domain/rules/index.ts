import type { AnyDefinitionKind } from '../definitions/index.ts';
import { ruleKind } from './rule.kind.ts';

export { ruleLanguage, customFieldSchemas, subjectDataSchema, validateRuleFor, explainRuleOn } from './use-cases.ts';
export {
  ruleSubjects,
  subjectSchema,
  customerSchema,
  documentSchema,
  type RuleSubject,
  type CustomFieldSchemas,
} from './subject-schemas.ts';
export { ruleKind, ruleMetaSchema, ruleErrors, type RuleDocument } from './rule.kind.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [ruleKind];
