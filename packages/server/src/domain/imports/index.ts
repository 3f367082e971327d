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
