import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
}

interface DataTableProps<T> {
  caption: string;
  /** Keep the caption for screen readers only (when a heading right above says the same). */
  hideCaption?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  empty: string;
}

/** A bordered table with column headers; rows may be emphasised by the caller through cells. */
export function DataTable<T>({ caption, hideCaption, columns, rows, rowKey, empty }: DataTableProps<T>) {
  return (
    <table className="w-full border-collapse border border-solid-gray-420 text-left text-dns-16N-130">
      <caption className={hideCaption ? 'sr-only' : 'mb-2 text-left text-std-17B-170'}>{caption}</caption>
      <thead className="bg-solid-gray-50">
        <tr>
          {columns.map((column) => (
            <th
              key={column.key}
              scope="col"
              className={`border border-solid-gray-420 px-3 py-3 align-bottom text-dns-16B-130 ${column.className ?? ''}`}
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="border border-solid-gray-420 px-3 py-4 text-solid-gray-700">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)} className="even:bg-solid-gray-50/50">
              {columns.map((column) => (
                <td key={column.key} className={`border border-solid-gray-420 px-3 py-3 align-top break-words ${column.className ?? ''}`}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
