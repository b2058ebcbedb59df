import type { Header } from '@tanstack/react-table'
import type { Task } from '@taskkit/hooks'
import { useState, type ReactNode } from 'react'
import { VisuallyHidden } from './cells'
import type { TaskLogFeatures, TaskLogRow, TaskLogTableInstance } from './columns'
import type { TaskLogDensity } from './types'
import { useVirtualWindow } from './useVirtualWindow'

export interface TaskRowsProps {
  table: TaskLogTableInstance
  rows: readonly TaskLogRow[]
  label: string
  virtual: boolean
  density: TaskLogDensity
  /** Matching tasks in all pages (aria-rowcount). */
  total: number
  /** Said after the label in the caption (such as how far sorting reaches). */
  captionNote?: string
  /** Loading or empty message, shown in the body. */
  children?: ReactNode
}

/** Estimated row heights (px) for the virtualizer; real heights are measured. */
export const ROW_HEIGHT: Record<TaskLogDensity, number> = { standard: 49, compact: 33 }

const SORT_LABELS = { asc: 'ascending', desc: 'descending' } as const

function HeaderCell({ header }: { header: Header<TaskLogFeatures, Task, unknown> }) {
  const { column } = header
  const label = column.columnDef.meta?.label ?? column.id
  if (!column.getCanSort()) {
    return (
      <th scope="col" className="tk-log__th" data-column={column.id}>
        {label}
      </th>
    )
  }
  const sorted = column.getIsSorted()
  const next = column.getNextSortingOrder()
  return (
    <th scope="col" className="tk-log__th" data-column={column.id} aria-sort={sorted ? SORT_LABELS[sorted] : 'none'}>
      <button type="button" className="tk-log__sort" onClick={column.getToggleSortingHandler()} data-sorted={sorted || undefined}>
        {label}
        <span className="tk-log__sort-icon" aria-hidden="true">
          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
        </span>
        <VisuallyHidden>{next ? `, sort ${SORT_LABELS[next]}` : ', remove sorting'}</VisuallyHidden>
      </button>
    </th>
  )
}

function BodyRow({ table, row, index, measure }: { table: TaskLogTableInstance; row: TaskLogRow; index: number; measure?: (element: Element | null) => void }) {
  return (
    <tr className="tk-log__tr" data-status={row.original.state} data-index={index} aria-rowindex={measure ? index + 2 : undefined} ref={measure}>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className="tk-log__td" data-column={cell.column.id}>
          <table.FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  )
}

function VirtualBody({ table, rows, density, scrollElement, columns }: { table: TaskLogTableInstance; rows: readonly TaskLogRow[]; density: TaskLogDensity; scrollElement: HTMLDivElement | null; columns: number }) {
  const visible = useVirtualWindow({ count: rows.length, scrollElement, estimateSize: ROW_HEIGHT[density], getKey: (index) => rows[index]?.id ?? String(index) })
  return (
    <tbody className="tk-log__tbody">
      {visible.before > 0 ? (
        <tr aria-hidden="true" className="tk-log__spacer">
          <td colSpan={columns} style={{ height: visible.before, padding: 0, border: 0 }} />
        </tr>
      ) : null}
      {visible.items.map((item) => {
        const row = rows[item.index]
        return row ? <BodyRow key={row.id} table={table} row={row} index={item.index} measure={visible.measure} /> : null
      })}
      {visible.after > 0 ? (
        <tr aria-hidden="true" className="tk-log__spacer">
          <td colSpan={columns} style={{ height: visible.after, padding: 0, border: 0 }} />
        </tr>
      ) : null}
    </tbody>
  )
}

/**
 * The table itself: a caption, sortable headers (buttons with aria-sort), and the rows; all of
 * them for a server page, only those in view for a long local list.
 */
export function TaskRows({ table, rows, label, virtual, density, total, captionNote, children }: TaskRowsProps) {
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null)
  const columns = table.getVisibleLeafColumns().length
  return (
    <div className="tk-log__scroll" ref={setScrollElement} data-virtual={virtual || undefined}>
      <table className="tk-log__table" aria-rowcount={virtual ? total + 1 : undefined}>
        <caption className="tk-log__caption">
          {label}
          {captionNote ? `, ${captionNote}` : null}
        </caption>
        <thead className="tk-log__thead">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={virtual ? 1 : undefined}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} />
              ))}
            </tr>
          ))}
        </thead>
        {virtual ? (
          <VirtualBody table={table} rows={rows} density={density} scrollElement={scrollElement} columns={columns} />
        ) : (
          <tbody className="tk-log__tbody">
            {rows.map((row, index) => (
              <BodyRow key={row.id} table={table} row={row} index={index} />
            ))}
            {children ? (
              <tr className="tk-log__message-row">
                <td colSpan={columns}>{children}</td>
              </tr>
            ) : null}
          </tbody>
        )}
      </table>
    </div>
  )
}
