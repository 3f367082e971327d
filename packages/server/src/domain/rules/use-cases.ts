import { explain, ruleDocumentSchema, validate, type DataSchema, type Explanation } from '@hexiao/dsl';
import type { Executor } from '../../store/db.ts';
import { getDefinition, type ObjectTypeDocument } from '../definitions/index.ts';
import { isHexiaoError } from '../errors.ts';
import { ruleSubjects, subjectSchema, type CustomFieldSchemas, type RuleSubject } from './subject-schemas.ts';

/** The rules language for editors: the rule document schema (ops, arity, docs) and the subjects. */
export function ruleLanguage() {
  return { schema: ruleDocumentSchema(), subjects: [...ruleSubjects] };
}

/** The custom fields of the tenant's published object types keyed like their object (`customer`, …). */
export async function customFieldSchemas(db: Executor, tenantId: string): Promise<CustomFieldSchemas> {
  const out: CustomFieldSchemas = {};
  for (const key of ['customer', 'receivable', 'receipt'] as const) {
    try {
      const def = await getDefinition<ObjectTypeDocument>(db, tenantId, 'object-type', key);
      if (def.document.appliesTo === key) out[key] = def.document.fields as DataSchema;
    } catch (e) {
      if (!isHexiaoError(e) || e.type !== 'not_found') throw e;
    }
  }
  return out;
}

/** The typed data schema of a subject, custom fields included. */
export async function subjectDataSchema(db: Executor, tenantId: string, subject: RuleSubject): Promise<DataSchema> {
  return subjectSchema(subject, await customFieldSchemas(db, tenantId));
}

/** Diagnostics of a rule with typed var paths (the subject's schema, or a schema given by the caller). */
export async function validateRuleFor(
  db: Executor,
  tenantId: string,
  input: { rule: unknown; subject?: RuleSubject; schema?: DataSchema },
) {
  const schema = input.schema ?? (input.subject ? await subjectDataSchema(db, tenantId, input.subject) : undefined);
  return validate(input.rule, schema ? { schema } : {});
}

/** Runs a rule over data and returns its result and trace tree (never throws: failures are in `error`). */
export function explainRuleOn(input: { rule: unknown; data: unknown; maxTraceNodes?: number }): Explanation {
  return explain(input.rule, input.data, { maxTraceNodes: Math.min(input.maxTraceNodes ?? 2000, 5000) });
}
