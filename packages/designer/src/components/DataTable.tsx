import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Spin } from 'antd';

/** A column's cell alignment (numbers right), read from its `meta`. */
export interface ColumnMeta {
  align?: 'left' | 'right';
}

/**
 * A table whose rows the server filters and pages (TanStack Table, headless: the page renders what the API
 * answered, in order; sorting and paging stay with the server).
 */
export function DataTable<T>(p: {
  columns: ColumnDef<T, unknown>[];
  data: T[] | undefined;
  rowKey: (row: T) => string;
  loading?: boolean;
  /** A row that can be chosen (a queue's current receipt): clicking picks it, and it is shown selected. */
  onRowClick?: (row: T) => void;
  selected?: string;
  /** What an empty page says. */
  empty?: ReactNode;
}) {
  const table = useReactTable({
    data: p.data ?? [],
    columns: p.columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: p.rowKey,
    manualPagination: true,
    manualSorting: true,
  });
  const align = (meta: unknown) => (meta as ColumnMeta | undefined)?.align ?? 'left';
  return (
    <Spin spinning={!!p.loading} delay={200}>
      <div className="hx-table">
        <table>
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => (
                  <th key={h.id} style={{ textAlign: align(h.column.columnDef.meta) }}>
                    {h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {!table.getRowModel().rows.length && p.empty !== undefined && (
              <tr>
                <td colSpan={p.columns.length} className="hx-empty">
                  {p.empty}
                </td>
              </tr>
            )}
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={
                  [p.onRowClick ? 'clickable' : '', row.id === p.selected ? 'selected' : ''].join(' ').trim() ||
                  undefined
                }
                aria-selected={p.onRowClick ? row.id === p.selected : undefined}
                onClick={p.onRowClick ? () => p.onRowClick!(row.original) : undefined}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} style={{ textAlign: align(cell.column.columnDef.meta) }}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Spin>
  );
}
