/**
 * The one table markup of the dashboard's lists (runs, datasets, settings): a column list says what each cell
 * shows, the table keeps the padding, borders and test ids the same everywhere. No hooks, so server pages
 * and client lists both use it.
 */
import type { ReactNode, ThHTMLAttributes } from "react";

export interface Column<Row> {
  /** Left out on every column, the table has no header row (the settings lists). */
  header?: ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** Extra classes on this column's body cells. */
  className?: string;
  /** Extra attributes on the header cell (a sortable column's aria-sort). */
  headerAttrs?: ThHTMLAttributes<HTMLTableCellElement>;
  cellTestId?: string;
  cell: (row: Row) => ReactNode;
}

const PADDING = { compact: "px-2 py-1", normal: "px-3 py-2", roomy: "px-4 py-2" } as const;

export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  testId,
  rowTestId,
  rowAttrs,
  rowClassName,
  density = "normal",
  framed = false,
  alignTop = false,
  caption,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  testId: string;
  /** One test id for every row, or one per row (a grouped list's header rows differ from its runs). */
  rowTestId: string | ((row: Row) => string);
  /** Extra classes on a row (a group header's shading). */
  rowClassName?: (row: Row) => string;
  /** Extra data attributes a row carries (e.g. data-run-id). */
  rowAttrs?: (row: Row) => Record<`data-${string}`, string>;
  density?: keyof typeof PADDING;
  /** A bordered card (the main lists) rather than a bare table (lists inside a settings section). */
  framed?: boolean;
  alignTop?: boolean;
  caption?: ReactNode;
}) {
  const pad = PADDING[density];
  const hasHeader = columns.some((c) => c.header !== undefined);
  return (
    <table
      data-testid={testId}
      className={framed ? "w-full rounded-lg border border-slate-200 bg-white text-sm" : "w-full text-sm"}
    >
      {caption === undefined ? null : <caption className="text-left font-medium">{caption}</caption>}
      {hasHeader ? (
        <thead className={`text-left text-slate-500 ${framed ? "bg-slate-50" : ""}`}>
          <tr>
            {columns.map((c, i) => (
              <th
                key={i}
                scope="col"
                className={`${pad} font-medium ${c.numeric ? "text-right" : ""}`}
                {...c.headerAttrs}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>
        {rows.map((row) => (
          <tr
            key={rowKey(row)}
            data-testid={typeof rowTestId === "string" ? rowTestId : rowTestId(row)}
            className={`border-t border-slate-100 ${alignTop ? "align-top" : ""} ${rowClassName?.(row) ?? ""}`}
            {...rowAttrs?.(row)}
          >
            {columns.map((c, i) => (
              <td
                key={i}
                data-testid={c.cellTestId}
                className={`${pad} ${c.numeric ? "text-right tabular-nums" : ""} ${c.className ?? ""}`}
              >
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
