import { validate, type DataSchema } from '@hexiao/dsl';
import { defineDefinitionKind } from '../definitions/index.ts';
import type { FieldError } from '../errors.ts';
import { boundAction } from './actions.ts';
import { flowDataSchema, prefillDataSchema } from './data-schema.ts';
import { formMetaSchema, type FormDocument } from './form-schema.ts';
import { compileFormSchema } from './submission.ts';

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Errors of one JSON-Logic member against what it reads, as pointers into the form document. */
function logicErrors(rule: unknown, schema: object, at: string): FieldError[] {
  return validate(rule, { schema: schema as DataSchema })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({ pointer: `${at}${d.pointer === '/' ? '' : d.pointer}`, reason: d.message }));
}

const typeOf = (s: unknown) => (s && typeof s === 'object' ? (s as { type?: unknown }).type : undefined);

/**
 * Checks beyond the meta-schema: the submission schema compiles; it has the fields its action reads (the
 * action's required ones required, of the same type); prefill and conditions name fields of the form and
 * read only what exists; a field that can be hidden is not unconditionally required; an action that needs
 * evidence has a required attachment.
 */
export function checkForm(doc: FormDocument): FieldError[] {
  const errors: FieldError[] = [];
  const props = doc.schema.properties as Record<string, unknown>;
  const required = new Set(doc.schema.required ?? []);
  try {
    compileFormSchema(doc.schema, null);
  } catch (e) {
    errors.push({ pointer: '/schema', reason: `is not a valid JSON Schema: ${(e as Error).message}` });
  }
  for (const [i, name] of (doc.schema.required ?? []).entries())
    if (!(name in props))
      errors.push({ pointer: `/schema/required/${i}`, reason: `names ${name}, which is not among the properties` });
  const action = boundAction(doc.action)!;
  for (const [name, want] of Object.entries(action.input.properties)) {
    const have = props[name];
    const mustHave = action.input.required.includes(name);
    if (have === undefined) {
      if (mustHave)
        errors.push({
          pointer: '/schema/properties',
          reason: `has no field ${name}, which the ${action.name} action reads`,
        });
      continue;
    }
    if (typeOf(have) !== undefined && typeOf(have) !== typeOf(want))
      errors.push({
        pointer: `/schema/properties/${esc(name)}/type`,
        reason: `must be ${JSON.stringify(typeOf(want))}: the ${action.name} action reads ${name} as that`,
      });
    if (mustHave && !required.has(name))
      errors.push({ pointer: '/schema/required', reason: `must list ${name}: the ${action.name} action needs it` });
  }
  const prefillSchema = prefillDataSchema();
  for (const [name, rule] of Object.entries(doc.prefill ?? {})) {
    if (!(name in props))
      errors.push({ pointer: `/prefill/${esc(name)}`, reason: `names ${name}, which is not a field of the form` });
    errors.push(...logicErrors(rule, prefillSchema, `/prefill/${esc(name)}`));
  }
  const dataSchema = flowDataSchema(doc);
  for (const [name, c] of Object.entries(doc.conditions ?? {})) {
    const at = `/conditions/${esc(name)}`;
    if (!(name in props)) errors.push({ pointer: at, reason: `names ${name}, which is not a field of the form` });
    if (c.show !== undefined) {
      errors.push(...logicErrors(c.show, dataSchema, `${at}/show`));
      if (required.has(name))
        errors.push({
          pointer: `${at}/show`,
          reason: `${name} is required by the schema, so it cannot be hidden: require it by a condition instead`,
        });
    }
    if (c.require !== undefined) errors.push(...logicErrors(c.require, dataSchema, `${at}/require`));
  }
  const labels = new Set<string>();
  for (const [i, a] of (doc.attachments ?? []).entries()) {
    if (labels.has(a.label))
      errors.push({ pointer: `/attachments/${i}/label`, reason: `${a.label} is declared twice` });
    labels.add(a.label);
    if (a.required !== undefined && typeof a.required !== 'boolean')
      errors.push(...logicErrors(a.required, dataSchema, `/attachments/${i}/required`));
  }
  if (action.evidence && !(doc.attachments ?? []).some((a) => a.required === true))
    errors.push({
      pointer: '/attachments',
      reason: `the ${action.name} action needs evidence: declare an attachment with "required": true`,
    });
  return errors;
}

/** The `form` definition kind: a JSON Schema form bound to a business action (see checkForm). */
export const formKind = defineDefinitionKind<FormDocument>({
  kind: 'form',
  title: 'Form',
  metaSchema: formMetaSchema,
  validate: checkForm,
});
