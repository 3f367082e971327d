import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';
import type { RuleSubject } from '../../api/types.ts';

export interface RuleDocument {
  subject: RuleSubject;
  logic: unknown;
  title?: string;
  description?: string;
  returns?: 'boolean' | 'decimal' | 'number' | 'string' | 'date' | 'any';
}

export default defineKindEditor<RuleDocument>({
  kind: 'rule',
  newDocument: () => ({ subject: 'receipt', logic: true, returns: 'boolean' }),
  summary: (d) => d.subject,
  Editor: lazy(() => import('./RuleEditor.tsx')),
});
