import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';

/** The fallback for kinds the server knows and the designer has no folder for yet: JSON against the meta-schema. */
export default defineKindEditor<unknown>({
  kind: '*',
  newDocument: () => ({}),
  Editor: lazy(() => import('./GenericEditor.tsx')),
});
