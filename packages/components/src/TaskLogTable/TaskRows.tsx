import type { Header } from '@tanstack/react-table'
import type { Task } from '@taskkit/hooks'
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { VisuallyHidden } from './cells'
import { renderTaskCell, visibleColumns, type TaskLogFeatures, type TaskLogTableInstance } from './columns'
import type { TaskLogColumnId, TaskLogDensity, TaskLogTableMeta } from './types'
import { useFocusFallback } from './useFocusFallback'
import { useRowWindow } from './useRowWindow'

export interface TaskRowsProps {
  table: TaskLogTableInstance
  /** The tasks to show, sorted. */
  rows: readonly Task[]
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

/**
 * Row heights (px) of the shipped styles (`--tk-log-row-height`: 3rem, 2.5rem compact). In a virtual
 * list every row has that one height and nothing wraps; the first rendered row is measured once per
 * density, so a theme's own sizes hold. Rows are not measured one by one: that forced a layout and a
 * second render on every scroll step and filter keystroke.
 */
const ROW_HEIGHT: Record<TaskLogDensity, number> = { standard: 48, compact: 40 }

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

/** What every row of one render shares: the visible columns in order and the view's callbacks. */
interface RowContext {
  columns: readonly TaskLogColumnId[]
  meta: TaskLogTableMeta | undefined
}

/** One task's row; memoized, so a scroll step or a live update renders only the rows that changed. */
const BodyRow = memo(function BodyRow({
  context,
  task,
  index,
  virtual,
  rowRef,
}: {
  context: RowContext
  task: Task
  index: number
  virtual?: boolean
  rowRef?: (element: HTMLTableRowElement | null) => void
}) {
  return (
    <tr className="tk-log__tr" data-status={task.state} data-index={index} aria-rowindex={virtual ? index + 2 : undefined} ref={rowRef}>
      {context.columns.map((column) => (
        <td key={column} className="tk-log__td" data-column={column}>
          {renderTaskCell(column, task, context.meta)}
        </td>
      ))}
    </tr>
  )
})

/** The rows' real height for this density: measured on the first row once, the shipped size until then. */
function useRowHeight(density: TaskLogDensity, hasRows: boolean) {
  const [measured, setMeasured] = useState<{ density: TaskLogDensity; height: number }>()
  const firstRowRef = useRef<HTMLTableRowElement | null>(null)
  const height = measured?.density === density ? measured.height : ROW_HEIGHT[density]
  useLayoutEffect(() => {
    const real = firstRowRef.current?.getBoundingClientRect().height
    if (real && Math.abs(real - height) >= 0.5) setMeasured({ density, height: real })
    // Once per density (and once rows exist): not on every scroll or filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [density, hasRows])
  const firstRow = useCallback((element: HTMLTableRowElement | null) => {
    if (element) firstRowRef.current = element
  }, [])
  return { height, firstRow }
}

function VirtualBody({ context, rows, density, scrollElement }: { context: RowContext; rows: readonly Task[]; density: TaskLogDensity; scrollElement: HTMLDivElement | null }) {
  const columns = context.columns.length
  const { height, firstRow } = useRowHeight(density, rows.length > 0)
  const visible = useRowWindow({ count: rows.length, rowHeight: height, scrollElement })
  const onFocus = useFocusFallback(scrollElement)
  const shown = rows.slice(visible.start, visible.end)
  return (
    <tbody className="tk-log__tbody" onFocus={onFocus}>
      {visible.before > 0 ? (
        <tr aria-hidden="true" className="tk-log__spacer">
          <td colSpan={columns} style={{ height: visible.before, padding: 0, border: 0 }} />
        </tr>
      ) : null}
      {shown.map((task, position) => (
        <BodyRow key={task.id} context={context} task={task} index={visible.start + position} virtual rowRef={position === 0 ? firstRow : undefined} />
      ))}
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
  // One context object while the visible columns and the view's callbacks stay the same, so memoized rows skip.
  const columnKey = visibleColumns(table)
    .map((column) => column.id)
    .join(' ')
  const meta = table.options.meta
  const context = useMemo<RowContext>(() => ({ columns: columnKey.split(' ') as TaskLogColumnId[], meta }), [columnKey, meta])
  const columns = context.columns.length
  return (
    // tabIndex -1: where focus goes when the focused row scrolls out of a virtual list (useFocusFallback).
    <div className="tk-log__scroll" ref={setScrollElement} data-virtual={virtual || undefined} tabIndex={virtual ? -1 : undefined}>
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
          <VirtualBody context={context} rows={rows} density={density} scrollElement={scrollElement} />
        ) : (
          <tbody className="tk-log__tbody">
            {rows.map((task, index) => (
              <BodyRow key={task.id} context={context} task={task} index={index} />
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
