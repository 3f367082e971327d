import { compile, isRuleError, validate, type DataSchema } from '@hexiao/dsl';
import { defineDefinitionKind, publishBuiltIn } from '../definitions/index.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import type { FieldError } from '../errors.ts';
import { defaultRuleSet, defaultRuleSetKey } from './default-rule-set.ts';
import { matchDataSchema } from './records.ts';
import { compileShape } from './reference-shapes.ts';
import { ruleSetMetaSchema, type RuleSetDocument } from './rule-set-schema.ts';

let schema: DataSchema | undefined;
const dataSchema = () => (schema ??= matchDataSchema());

function logicErrors(logic: unknown, pointer: string): FieldError[] {
  return validate(logic, { schema: dataSchema() })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ pointer: `${pointer}${d.pointer === '/' ? '' : d.pointer}`, reason: d.message }));
}

/**
 * Checks beyond the meta-schema, with pointers into the document: unique rule names, every JSON-Logic piece
 * typechecked against {receipt, receivable, customer, candidates}, every pattern a valid RE2 expression.
 */
export function ruleSetErrors(doc: RuleSetDocument): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Map<string, number>();
  doc.rules.forEach((r, i) => {
    const at = `/rules/${i}`;
    if (names.has(r.name))
      errors.push({ pointer: `${at}/name`, reason: `repeats the name of rule ${names.get(r.name)}` });
    names.set(r.name, i);
    if (r.filter !== undefined) errors.push(...logicErrors(r.filter, `${at}/filter`));
    if (r.score !== undefined) errors.push(...logicErrors(r.score, `${at}/score`));
    if (typeof r.allocation === 'object')
      errors.push(...logicErrors(r.allocation.expression, `${at}/allocation/expression`));
    for (const [kind, pattern] of Object.entries(r.patterns ?? {})) {
      try {
        compile({ regex_match: ['', pattern, 'i'] })({});
      } catch (e) {
        errors.push({
          pointer: `${at}/patterns/${kind}`,
          reason: isRuleError(e) ? e.message : 'is not a valid pattern',
        });
      }
    }
    if (r.tolerance?.adjustment && r.tolerance.absolute === undefined && r.tolerance.relative === undefined)
      errors.push({ pointer: `${at}/tolerance`, reason: 'names an adjustment but no absolute or relative tolerance' });
  });
  doc.learnedReferences?.forEach((shape, i) => {
    const compiled = compileShape(shape);
    if (typeof compiled === 'string') errors.push({ pointer: `/learnedReferences/${i}`, reason: compiled });
  });
  return errors;
}

export const ruleSetKind = defineDefinitionKind<RuleSetDocument>({
  kind: 'rule-set',
  title: 'Matching rule set',
  metaSchema: ruleSetMetaSchema,
  validate: ruleSetErrors,
});

/** Gives a tenant the published default rule set when it has none (at tenant creation, in its transaction). */
export function seedDefaultRuleSet(tx: Executor, ctx: ActionCtx, auditKey: Buffer) {
  return publishBuiltIn(tx, ctx, auditKey, {
    kind: 'rule-set',
    key: defaultRuleSetKey,
    title: defaultRuleSet.title ?? 'Default matching rules',
    document: defaultRuleSet,
  });
}
