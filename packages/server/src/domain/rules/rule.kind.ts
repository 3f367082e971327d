import { validate } from '@hexiao/dsl';
import { defineDefinitionKind } from '../definitions/index.ts';
import type { FieldError } from '../errors.ts';
import { ruleSubjects, subjectSchema, type RuleSubject } from './subject-schemas.ts';

/** A named JSON-Logic rule over a subject, tested in the designer's playground before it is published. */
export interface RuleDocument {
  subject: RuleSubject;
  logic: unknown;
  title?: string;
  description?: string;
  /** What the rule is meant to return (the playground shows whether it did). */
  returns?: 'boolean' | 'decimal' | 'number' | 'string' | 'date' | 'any';
}

export const ruleMetaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'logic'],
  properties: {
    subject: { enum: [...ruleSubjects], description: 'what the rule reads' },
    logic: { description: 'the JSON-Logic rule (hexiao superset)' },
    title: { type: 'string', maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    returns: { enum: ['boolean', 'decimal', 'number', 'string', 'date', 'any'] },
  },
} as const;

/** Errors of a rule against its subject's data schema, as pointers into the definition document. */
export function ruleErrors(doc: RuleDocument, schema = subjectSchema(doc.subject, {}, true)): FieldError[] {
  return validate(doc.logic, { schema })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ pointer: `/logic${d.pointer}`, reason: d.message }));
}

export const ruleKind = defineDefinitionKind<RuleDocument>({
  kind: 'rule',
  title: 'Rule',
  metaSchema: ruleMetaSchema,
  validate: (doc) => ruleErrors(doc),
});
