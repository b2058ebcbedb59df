import { useState } from 'react'
import type { TaskLogRow, TaskLogTableInstance } from './columns'
import type { TaskLogDensity } from './types'
import { useVirtualWindow } from './useVirtualWindow'

export interface TaskCardsProps {
  table: TaskLogTableInstance
  rows: readonly TaskLogRow[]
  label: string
  virtual: boolean
  density: TaskLogDensity
}

/** Estimated card heights (px) for the virtualizer; real heights are measured. */
const CARD_HEIGHT: Record<TaskLogDensity, number> = { standard: 220, compact: 170 }

/** The columns that head a card instead of being listed in it. */
const HEAD = new Set(['taskId', 'status', 'details'])

/** One task as a card: id and status on top, the other visible columns as a list, details last. */
function TaskCard({ table, row, index, measure }: { table: TaskLogTableInstance; row: TaskLogRow; index: number; measure?: (element: Element | null) => void }) {
  const cells = row.getVisibleCellsByColumnId()
  const listed = row.getVisibleCells().filter((cell) => !HEAD.has(cell.column.id))
  return (
    <li className="tk-log__card" data-status={row.original.state} data-index={index} ref={measure}>
      <div className="tk-log__card-head">
        {cells.taskId ? <table.FlexRender cell={cells.taskId} /> : <code className="tk-log__id-text">{row.original.id}</code>}
        {cells.status ? <table.FlexRender cell={cells.status} /> : null}
      </div>
      {listed.length > 0 ? (
        <dl className="tk-log__card-facts">
          {listed.map((cell) => (
            <div key={cell.id} className="tk-log__fact" data-column={cell.column.id}>
              <dt>{cell.column.columnDef.meta?.label ?? cell.column.id}</dt>
              <dd>
                <table.FlexRender cell={cell} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {cells.details ? <table.FlexRender cell={cells.details} /> : null}
    </li>
  )
}

function VirtualCards({ table, rows, density, scrollElement }: { table: TaskLogTableInstance; rows: readonly TaskLogRow[]; density: TaskLogDensity; scrollElement: HTMLDivElement | null }) {
  const visible = useVirtualWindow({ count: rows.length, scrollElement, estimateSize: CARD_HEIGHT[density], getKey: (index) => rows[index]?.id ?? String(index) })
  return (
    <>
      <div aria-hidden="true" style={{ height: visible.before }} />
      <ul className="tk-log__cards">
        {visible.items.map((item) => {
          const row = rows[item.index]
          return row ? <TaskCard key={row.id} table={table} row={row} index={item.index} measure={visible.measure} /> : null
        })}
      </ul>
      <div aria-hidden="true" style={{ height: visible.after }} />
    </>
  )
}

/** The narrow-screen form of the log: a list of cards with the same cells as the table. */
export function TaskCards({ table, rows, label, virtual, density }: TaskCardsProps) {
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null)
  return (
    <div className="tk-log__scroll" ref={setScrollElement} data-virtual={virtual || undefined} role="group" aria-label={label}>
      {virtual ? (
        <VirtualCards table={table} rows={rows} density={density} scrollElement={scrollElement} />
      ) : rows.length > 0 ? (
        <ul className="tk-log__cards">
          {rows.map((row, index) => (
            <TaskCard key={row.id} table={table} row={row} index={index} />
          ))}
        </ul>
      ) : null}
    </div>
  )
}
