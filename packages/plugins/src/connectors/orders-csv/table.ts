import { MappingError } from '../xml-dom/index.ts';
import type { ColumnRef, CsvFormat } from './config.ts';

/** Resolves configured column references against a header and reads cells, with NULL markers as absent. */
export class Table {
  private readonly nulls: Set<string>;
  constructor(
    readonly header: string[] | undefined,
    format: CsvFormat,
    readonly label = 'file',
  ) {
    this.nulls = new Set(format.nullValues ?? []);
  }

  index(ref: ColumnRef, field: string): number {
    if (typeof ref === 'number') return ref;
    const i = this.header?.findIndex((h) => h.trim() === ref) ?? -1;
    if (i < 0) throw new MappingError(field, `column "${ref}" (${field}) is not in the ${this.label} header`);
    return i;
  }

  /** A resolver for optional columns: returns a reader of the trimmed cell or undefined. */
  column(ref: ColumnRef | undefined, field: string): (fields: string[]) => string | undefined {
    if (ref === undefined) return () => undefined;
    const i = this.index(ref, field);
    return (fields) => {
      const v = fields[i]?.trim();
      return v === undefined || v === '' || this.nulls.has(v) ? undefined : v;
    };
  }
}
