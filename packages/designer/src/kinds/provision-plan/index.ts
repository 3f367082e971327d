import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';
import type { PlanDoc } from './plan.ts';

export default defineKindEditor<PlanDoc>({
  kind: 'provision-plan',
  newDocument: () => ({
    title: 'Doubtful receivables (aging matrix)',
    t0: 'dueDate',
    rounding: 'half_up',
    stages: [
      {
        id: 'aging',
        type: 'aging-matrix',
        buckets: [
          { id: 'not-due', to: 0, rate: '0.005' },
          { id: '1-90', from: 1, to: 90, rate: '0.03' },
          { id: '91-180', from: 91, to: 180, rate: '0.1' },
          { id: '181-365', from: 181, to: 365, rate: '0.3' },
          { id: 'over-1y', from: 366, rate: '1' },
        ],
      },
    ],
  }),
  summary: (d) => `${d.stages?.length ?? 0} · ${d.t0 ?? 'dueDate'}`,
  Editor: lazy(() => import('./ProvisionPlanEditor.tsx')),
});
