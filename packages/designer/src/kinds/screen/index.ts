import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';
import type { ScreenDoc } from './ScreenEditor.tsx';

export default defineKindEditor<ScreenDoc>({
  kind: 'screen',
  newDocument: () => ({
    title: { en: 'Long overdue', zh: '长期逾期' },
    logic: { '>': [{ var: 'item.daysOverdue' }, 365] },
    form: 'bad-debt-write-off',
    sort: 'daysOverdue',
    maxRows: 500,
  }),
  summary: (d) => `${d.form ?? ''} · ${d.sort ?? 'daysOverdue'}`,
  Editor: lazy(() => import('./ScreenEditor.tsx')),
});
