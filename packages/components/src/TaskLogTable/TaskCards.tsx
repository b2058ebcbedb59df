import type { Task } from '@taskkit/hooks'
import { useState } from 'react'
import { renderTaskCell, visibleColumns, type TaskLogTableInstance } from './columns'
import type { TaskLogColumnId, TaskLogDensity, TaskLogTableMeta } from './types'
import { useFocusFallback } from './useFocusFallback'
import { useVirtualWindow } from './useVirtualWindow'

export interface TaskCardsProps {
  table: TaskLogTableInstance
  /** The tasks to show, sorted. */
  rows: readonly Task[]
  label: string
  virtual: boolean
  density: TaskLogDensity
}

/** Estimated card heights (px) for the virtualizer; real heights are measured. */
const CARD_HEIGHT: Record<TaskLogDensity, number> = { standard: 220, compact: 170 }

/** The columns that head a card instead of being listed in it. */
const HEAD = new Set(['taskId', 'status', 'details'])

/** What every card of one render shares: the visible columns (with labels) and the view's callbacks. */
interface CardContext {
  columns: readonly { id: TaskLogColumnId; label: string }[]
  meta: TaskLogTableMeta | undefined
}

/** One task as a card: id and status on top, the other visible columns as a list, details last. */
function TaskCard({ context, task, index, measure }: { context: CardContext; task: Task; index: number; measure?: (element: Element | null) => void }) {
  const { columns, meta } = context
  const shows = (id: TaskLogColumnId) => columns.some((column) => column.id === id)
  const listed = columns.filter((column) => !HEAD.has(column.id))
  return (
    <li className="tk-log__card" data-status={task.state} data-index={index} ref={measure}>
      <div className="tk-log__card-head">
        {shows('taskId') ? renderTaskCell('taskId', task, meta) : <code className="tk-log__id-text">{task.id}</code>}
        {shows('status') ? renderTaskCell('status', task, meta) : null}
      </div>
      {listed.length > 0 ? (
        <dl className="tk-log__card-facts">
          {listed.map((column) => (
            <div key={column.id} className="tk-log__fact" data-column={column.id}>
              <dt>{column.label}</dt>
              <dd>{renderTaskCell(column.id, task, meta)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {shows('details') ? renderTaskCell('details', task, meta) : null}
    </li>
  )
}

function VirtualCards({ context, rows, density, scrollElement }: { context: CardContext; rows: readonly Task[]; density: TaskLogDensity; scrollElement: HTMLDivElement | null }) {
  const visible = useVirtualWindow({ count: rows.length, scrollElement, estimateSize: CARD_HEIGHT[density], getKey: (index) => rows[index]?.id ?? String(index) })
  const onFocus = useFocusFallback(scrollElement)
  return (
    <>
      <div aria-hidden="true" style={{ height: visible.before }} />
      <ul className="tk-log__cards" onFocus={onFocus}>
        {visible.items.map((item) => {
          const task = rows[item.index]
          return task ? <TaskCard key={task.id} context={context} task={task} index={item.index} measure={visible.measure} /> : null
        })}
      </ul>
      <div aria-hidden="true" style={{ height: visible.after }} />
    </>
  )
}

/** The narrow-screen form of the log: a list of cards with the same cells as the table. */
export function TaskCards({ table, rows, label, virtual, density }: TaskCardsProps) {
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null)
  const context: CardContext = { columns: visibleColumns(table), meta: table.options.meta }
  return (
    <div className="tk-log__scroll" ref={setScrollElement} data-virtual={virtual || undefined} role="group" aria-label={label} tabIndex={virtual ? -1 : undefined}>
      {virtual ? (
        <VirtualCards context={context} rows={rows} density={density} scrollElement={scrollElement} />
      ) : rows.length > 0 ? (
        <ul className="tk-log__cards">
          {rows.map((task, index) => (
            <TaskCard key={task.id} context={context} task={task} index={index} />
          ))}
        </ul>
      ) : null}
    </div>
  )
}
