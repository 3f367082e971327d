import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';

export { formActions, type FormDoc, type LocalText } from './doc.ts';
import type { FormDoc } from './doc.ts';

export default defineKindEditor<FormDoc>({
  kind: 'form',
  newDocument: () => ({
    action: 'bad-debt-write-off',
    title: { zh: '坏账核销申请', en: 'Bad-debt write-off request' },
    schema: {
      type: 'object',
      required: ['receivableIds', 'reason'],
      properties: {
        receivableIds: { type: 'array', title: 'Receivables', minItems: 1, items: { type: 'string', format: 'uuid' } },
        amount: { type: 'string', title: 'Amount', pattern: '^(0|[1-9][0-9]{0,15})(\\.[0-9]{1,4})?$' },
        reason: { type: 'string', title: 'Reason', enum: ['bankruptcy', 'litigation', 'other'] },
        explanation: { type: 'string', title: 'Explanation', maxLength: 800 },
      },
    },
    uiSchema: { receivableIds: { 'ui:widget': 'hidden' } },
    prefill: {
      receivableIds: { map: [{ var: 'subject.receivables' }, { var: 'id' }] },
      amount: { var: 'subject.openAmount' },
    },
    conditions: { explanation: { require: { '==': [{ var: 'form.reason' }, 'other'] } } },
  }),
  summary: (d) => `${d.action} · ${Object.keys(d.schema?.properties ?? {}).length}`,
  Editor: lazy(() => import('./FormEditor.tsx')),
});
