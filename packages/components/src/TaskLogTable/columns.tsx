import type { Task, TaskState } from '@taskkit/hooks'
import { TASK_STATES } from '@taskkit/hooks'
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ReactTable,
  type SortingState,
} from '@tanstack/react-table'
import type { ReactNode } from 'react'
import { DetailsCell, DurationCell, ProgressCell, StatusCell, TaskIdCell, TimeCell, progressValue } from './cells'
import { completedAt, durationMs } from './logFormat'
import type { TaskLogColumnId, TaskLogTableMeta } from './types'

export interface TaskLogColumnMeta {
  /** Header text, column chooser entry and card label. */
  label: string
}

/**
 * The table's features: visibility (column chooser), the sorting state and its header toggles, and
 * pagination, which stays manual (the server pages; the local list is virtualized instead).
 * TanStack Table holds no rows: the log sorts plain tasks itself (`sortTasks`), because building a
 * row object per task on every new result costs more, for a long local history, than rendering the
 * whole visible table. Filtering is the data source's job.
 */
export const taskLogFeatures = tableFeatures({
  columnVisibilityFeature,
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: {} as TaskLogColumnMeta,
  tableMeta: {} as TaskLogTableMeta,
})

export type TaskLogFeatures = typeof taskLogFeatures

const helper = createColumnHelper<TaskLogFeatures, Task>()

type SortValue = number | string | undefined

/** What each sortable column sorts by, and how: the same values the cells show. */
const SORT_VALUES = {
  submitted: (task: Task): SortValue => task.createdAt,
  completed: (task: Task): SortValue => completedAt(task),
  duration: (task: Task): SortValue => durationMs(task),
  type: (task: Task): SortValue => task.type || undefined,
  platform: (task: Task): SortValue => task.platform || undefined,
  model: (task: Task): SortValue => task.model || undefined,
  taskId: (task: Task): SortValue => task.id,
  status: (task: Task): SortValue => STATE_ORDER.get(task.state) ?? TASK_STATES.length,
  progress: (task: Task): SortValue => progressValue(task),
} satisfies Partial<Record<TaskLogColumnId, (task: Task) => SortValue>>

type SortableColumnId = keyof typeof SORT_VALUES

const STATE_ORDER = new Map<TaskState, number>(TASK_STATES.map((state, index) => [state, index]))

// One collator for every comparison: `localeCompare` with options builds one per call.
const collator = new Intl.Collator(undefined, { numeric: true })

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

/**
 * The tasks in the order of TanStack's sorting state (several columns with shift-click). Missing
 * values go last in both directions; ties keep the source order (newest first). The input is
 * returned as is when nothing is sorted.
 */
export function sortTasks(tasks: readonly Task[], sorting: SortingState): readonly Task[] {
  const keys = sorting.flatMap(({ id, desc }) => (id in SORT_VALUES ? [{ value: SORT_VALUES[id as SortableColumnId], desc }] : []))
  if (keys.length === 0) return tasks
  // Each task's values are read once, not once per comparison.
  const decorated = tasks.map((task, index) => ({ task, index, values: keys.map((key) => key.value(task)) }))
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const left = a.values[i]
      const right = b.values[i]
      if (left === right) continue
      if (left === undefined) return 1
      if (right === undefined) return -1
      const order = compareValues(left, right)
      if (order !== 0) return keys[i]?.desc ? -order : order
    }
    return a.index - b.index
  })
  return decorated.map((entry) => entry.task)
}

const text = (value: string | undefined) => value || ''

/**
 * One cell's content. Rows and cards call this for each visible column: a plain call per cell, not
 * TanStack cell objects and a FlexRender component per cell, which was most of what a row cost to
 * render (a filter keystroke renders every visible row anew). The cells are plain functions of
 * their props (no hooks), so calling them is safe.
 */
export function renderTaskCell(column: TaskLogColumnId, task: Task, meta: TaskLogTableMeta | undefined): ReactNode {
  const locale = meta?.locale
  switch (column) {
    case 'submitted':
      return TimeCell({ ms: task.createdAt, locale })
    case 'completed':
      return TimeCell({ ms: completedAt(task), locale })
    case 'duration':
      return DurationCell({ ms: durationMs(task), locale })
    case 'type':
      return text(task.type)
    case 'platform':
      return text(task.platform)
    case 'model':
      return text(task.model)
    case 'taskId':
      return TaskIdCell({ id: task.id, onCopy: (id) => meta?.copyTaskId(id) })
    case 'status':
      return StatusCell({ task })
    case 'progress':
      return ProgressCell({ task })
    case 'details':
      return DetailsCell({ task, onOpen: (opened) => meta?.openDetails(opened) })
  }
}

export const taskLogColumns = helper.columns([
  helper.accessor(SORT_VALUES.submitted, {
    id: 'submitted',
    meta: { label: 'Submitted' },
    sortDescFirst: true,
  }),
  helper.accessor(SORT_VALUES.completed, {
    id: 'completed',
    meta: { label: 'Completed' },
    sortDescFirst: true,
  }),
  helper.accessor(SORT_VALUES.duration, {
    id: 'duration',
    sortDescFirst: true,
    meta: { label: 'Duration' },
  }),
  helper.accessor(SORT_VALUES.type, {
    id: 'type',
    sortDescFirst: false,
    meta: { label: 'Type' },
  }),
  helper.accessor(SORT_VALUES.platform, {
    id: 'platform',
    sortDescFirst: false,
    meta: { label: 'Platform' },
  }),
  helper.accessor(SORT_VALUES.model, {
    id: 'model',
    sortDescFirst: false,
    meta: { label: 'Model' },
  }),
  helper.accessor(SORT_VALUES.taskId, {
    id: 'taskId',
    sortDescFirst: false,
    meta: { label: 'Task ID' },
  }),
  helper.accessor(SORT_VALUES.status, {
    id: 'status',
    sortDescFirst: false,
    meta: { label: 'Status' },
  }),
  helper.accessor(SORT_VALUES.progress, {
    id: 'progress',
    sortDescFirst: true,
    meta: { label: 'Progress' },
  }),
  helper.display({
    id: 'details',
    meta: { label: 'Result / details' },
    // Always shown: it is how a row's details are reached.
    enableHiding: false,
    enableSorting: false,
  }),
])

/** The columns the column chooser offers (all but details, which is how a row's details are reached). */
export const HIDEABLE_COLUMNS: readonly { id: TaskLogColumnId; label: string }[] = taskLogColumns
  .filter((column) => column.enableHiding !== false)
  .map((column) => ({ id: column.id as TaskLogColumnId, label: column.meta?.label ?? String(column.id) }))

export type { TaskLogColumnId }

/** The table instance the view builds (`useTable` over these features and columns, no rows). */
export type TaskLogTableInstance = ReactTable<TaskLogFeatures, Task>

/** The columns the user chose to see, in order, with their labels: what rows and cards render. */
export function visibleColumns(table: TaskLogTableInstance): { id: TaskLogColumnId; label: string }[] {
  return table.getVisibleLeafColumns().map((column) => ({ id: column.id as TaskLogColumnId, label: column.columnDef.meta?.label ?? column.id }))
}
