import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';

export interface RuleSetRule {
  name: string;
  stage: string;
  mode: 'auto' | 'suggest';
  threshold?: number;
  title?: string;
}

export interface RuleSetDocument {
  title?: string;
  rules: RuleSetRule[];
  learnedPayers?: unknown[];
  learnedReferences?: unknown[];
  [more: string]: unknown;
}

export default defineKindEditor<RuleSetDocument>({
  kind: 'rule-set',
  newDocument: () => ({
    rules: [
      { name: 'references', stage: 'document-reference', mode: 'auto' },
      { name: 'payer-amount', stage: 'amount', mode: 'suggest' },
    ],
  }),
  summary: (d) => `${d.rules?.length ?? 0} rules`,
  Editor: lazy(() => import('./RuleSetEditor.tsx')),
});
