export { ruleLanguage, customFieldSchemas, subjectDataSchema, validateRuleFor, explainRuleOn } from './use-cases.ts';
export { ruleSubjects, subjectSchema, type RuleSubject, type CustomFieldSchemas } from './subject-schemas.ts';
export { ruleKind, ruleMetaSchema, ruleErrors, type RuleDocument } from './rule.kind.ts';
