import { lazy } from 'react';
import { defineKindEditor } from '../contract.ts';

export interface ConnectorConfigDocument {
  connector: string;
  config: Record<string, unknown>;
  mapping?: Partial<Record<'receivable' | 'receipt', Record<string, unknown>>>;
  options?: Record<string, unknown>;
}

export default defineKindEditor<ConnectorConfigDocument>({
  kind: 'connector-config',
  newDocument: () => ({
    connector: 'csv-bank',
    config: { preset: 'generic' },
    options: { unknownBankAccount: 'register' },
  }),
  summary: (d) => d.connector,
  Editor: lazy(() => import('./ConnectorConfigEditor.tsx')),
});
