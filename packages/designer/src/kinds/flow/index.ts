import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';
import type { FlowDoc } from './graph.ts';

export default defineKindEditor<FlowDoc>({
  kind: 'flow',
  newDocument: () => ({
    subject: { form: 'write-off-request' },
    start: 'finance',
    steps: {
      finance: {
        type: 'approve',
        title: { en: 'Finance', zh: '财务审批' },
        assignees: [{ role: 'finance-manager' }],
        decision: { mode: 'any' },
        next: '$approved',
      },
    },
  }),
  summary: (d) => `${d.subject?.form ?? ''} · ${Object.keys(d.steps ?? {}).length}`,
  Editor: lazy(() => import('./FlowEditor.tsx')),
});
