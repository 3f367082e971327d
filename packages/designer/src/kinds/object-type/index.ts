import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';
import type { FieldsSchema } from './fields.ts';

export interface ObjectTypeDocument {
  appliesTo: 'customer' | 'receivable' | 'receipt';
  title?: string;
  description?: string;
  fields: FieldsSchema;
  ui?: object;
}

export default defineKindEditor<ObjectTypeDocument>({
  kind: 'object-type',
  newDocument: () => ({
    appliesTo: 'customer',
    fields: { type: 'object', properties: {}, additionalProperties: false },
  }),
  summary: (d) => `${d.appliesTo} · ${Object.keys(d.fields?.properties ?? {}).length}`,
  Editor: lazy(() => import('./ObjectTypeEditor.tsx')),
});
