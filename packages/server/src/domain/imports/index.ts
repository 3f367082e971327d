import type { AnyDefinitionKind } from '../definitions/index.ts';
import { connectorConfigKind } from './connector-config.kind.ts';

export { runImport, type ImportDeps, type RunImportInput } from './run-import.ts';
export { getImportReport, listImportReports, type ImportSummary } from './queries.ts';
export {
  connectorConfigKind,
  connectorConfigMetaSchema,
  type ConnectorConfigDocument,
  type ImportOptions,
} from './connector-config.kind.ts';
export { resolveImportConfig, type ImportConfigRequest } from './resolve-config.ts';
export { expandInputs, sha256File, type SourceFile } from './expand-input.ts';
export type { ImportReport, CurrencyTotals, RejectedRecord } from './report.ts';
export { connectorCatalog, type ConnectorView } from './connector-catalog.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [connectorConfigKind];
export {
  listBankLines,
  getBankLine,
  type BankLineView,
  type BankLineStatus,
  type BankLineQuery,
} from './bank-lines.ts';
export { importCurrencies } from './currencies.ts';
