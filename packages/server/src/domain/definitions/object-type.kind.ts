import { createRequire } from 'node:module';
import { compileTenantSchema } from '../../schema/tenant-schemas.ts';
import type { FieldError } from '../errors.ts';
import { defineDefinitionKind } from './kinds.ts';

const require = createRequire(import.meta.url);
const metaSchema = require('../../../schemas/object-type.schema.json') as object;

export interface ObjectTypeDocument {
  appliesTo: 'receivable' | 'receipt' | 'customer';
  title?: string;
  description?: string;
  fields: { type: 'object'; properties: Record<string, object>; required?: string[]; additionalProperties?: boolean };
  ui?: object;
}

/** Core field names per object: custom fields may not shadow them. */
export const coreFields: Record<ObjectTypeDocument['appliesTo'], readonly string[]> = {
  customer: [
    'id',
    'code',
    'name',
    'taxId',
    'peppolId',
    'gln',
    'region',
    'salesOwner',
    'parentId',
    'currency',
    'status',
    'custom',
  ],
  receivable: ['id', 'customerId', 'amount', 'currency', 'documentDate', 'postingDate', 'dueDate', 'status', 'custom'],
  receipt: ['id', 'customerId', 'amount', 'currency', 'valueDate', 'postingDate', 'status', 'custom'],
};

export const objectTypeKind = defineDefinitionKind<ObjectTypeDocument>({
  kind: 'object-type',
  title: 'Object type',
  metaSchema,
  validate(doc) {
    const errors: FieldError[] = [];
    for (const name of Object.keys(doc.fields.properties)) {
      if (coreFields[doc.appliesTo].includes(name))
        errors.push({
          pointer: `/fields/properties/${name}`,
          reason: `shadows the core field ${name} of ${doc.appliesTo}`,
        });
    }
    for (const name of doc.fields.required ?? []) {
      if (!(name in doc.fields.properties))
        errors.push({ pointer: '/fields/required', reason: `names ${name}, which is not among the properties` });
    }
    try {
      compileTenantSchema(doc.fields);
    } catch (e) {
      errors.push({ pointer: '/fields', reason: `is not a valid JSON Schema: ${(e as Error).message}` });
    }
    return errors;
  },
});
