export { columnsSchema, formatProperties, type ColumnRef, type MasterCsvFormat } from './format.ts';
export { mapRows, type Cells, type TableSpec } from './rows.ts';
export { cellReaders } from './values.ts';
export { countOrderRows as countDataRows } from '../orders-csv/count.ts';
