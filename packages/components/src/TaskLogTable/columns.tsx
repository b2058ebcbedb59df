import type { Task, TaskState } from '@taskkit/hooks'
import {
  columnVisibilityFeature,
  createColumnHelper,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  type ReactTable,
  type Row,
} from '@tanstack/react-table'
import { TASK_STATES } from '@taskkit/hooks'
import { DetailsCell, DurationCell, ProgressCell, StatusCell, TaskIdCell, TimeCell, progressValue } from './cells'
import { completedAt, durationMs } from './logFormat'
import type { TaskLogColumnId, TaskLogTableMeta } from './types'

export interface TaskLogColumnMeta {
  /** Header text, column chooser entry and card label. */
  label: string
}

/**
 * The table's features: visibility (column chooser), sorting (on the rows at hand: the page for
 * the server source, the whole list for the local one) and pagination, which stays manual: the
 * server pages, the local list is virtualized instead. Filtering is the data source's job.
 */
export const taskLogFeatures = tableFeatures({
  columnVisibilityFeature,
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  rowPaginationFeature,
  columnMeta: {} as TaskLogColumnMeta,
  tableMeta: {} as TaskLogTableMeta,
})

export type TaskLogFeatures = typeof taskLogFeatures
export type TaskLogRow = Row<TaskLogFeatures, Task>

const helper = createColumnHelper<TaskLogFeatures, Task>()

/** Ascending comparison with missing values last in both directions (sortUndefined). */
function compareNumbers(a: TaskLogRow, b: TaskLogRow, id: string): number {
  return (a.getValue<number>(id) ?? 0) - (b.getValue<number>(id) ?? 0)
}

function compareText(a: TaskLogRow, b: TaskLogRow, id: string): number {
  return String(a.getValue<string>(id) ?? '').localeCompare(String(b.getValue<string>(id) ?? ''), undefined, { numeric: true })
}

const STATE_ORDER = new Map<TaskState, number>(TASK_STATES.map((state, index) => [state, index]))

function compareStates(a: TaskLogRow, b: TaskLogRow, id: string): number {
  return (STATE_ORDER.get(a.getValue<TaskState>(id)) ?? 99) - (STATE_ORDER.get(b.getValue<TaskState>(id)) ?? 99)
}

const text = (value: string | undefined) => value || ''

export const taskLogColumns = helper.columns([
  helper.accessor((task) => task.createdAt, {
    id: 'submitted',
    meta: { label: 'Submitted' },
    sortFn: compareNumbers,
    sortUndefined: 'last',
    sortDescFirst: true,
    cell: (info) => <TimeCell ms={info.getValue()} locale={info.table.options.meta?.locale} />,
  }),
  helper.accessor((task) => completedAt(task), {
    id: 'completed',
    meta: { label: 'Completed' },
    sortFn: compareNumbers,
    sortUndefined: 'last',
    sortDescFirst: true,
    cell: (info) => <TimeCell ms={info.getValue()} locale={info.table.options.meta?.locale} />,
  }),
  helper.accessor((task) => durationMs(task), {
    id: 'duration',
    meta: { label: 'Duration' },
    sortFn: compareNumbers,
    sortUndefined: 'last',
    cell: (info) => <DurationCell ms={info.getValue()} locale={info.table.options.meta?.locale} />,
  }),
  helper.accessor((task) => task.type, {
    id: 'type',
    meta: { label: 'Type' },
    sortFn: compareText,
    sortUndefined: 'last',
    cell: (info) => text(info.getValue()),
  }),
  helper.accessor((task) => task.platform, {
    id: 'platform',
    meta: { label: 'Platform' },
    sortFn: compareText,
    sortUndefined: 'last',
    cell: (info) => text(info.getValue()),
  }),
  helper.accessor((task) => task.model, {
    id: 'model',
    meta: { label: 'Model' },
    sortFn: compareText,
    sortUndefined: 'last',
    cell: (info) => text(info.getValue()),
  }),
  helper.accessor((task) => task.id, {
    id: 'taskId',
    meta: { label: 'Task ID' },
    sortFn: compareText,
    cell: (info) => <TaskIdCell id={info.getValue()} onCopy={(id) => info.table.options.meta?.copyTaskId(id)} />,
  }),
  helper.accessor((task) => task.state, {
    id: 'status',
    meta: { label: 'Status' },
    sortFn: compareStates,
    cell: (info) => <StatusCell task={info.row.original} />,
  }),
  helper.accessor((task) => progressValue(task), {
    id: 'progress',
    meta: { label: 'Progress' },
    sortFn: compareNumbers,
    sortUndefined: 'last',
    cell: (info) => <ProgressCell task={info.row.original} />,
  }),
  helper.display({
    id: 'details',
    meta: { label: 'Result / details' },
    // Always shown: it is how a row's details are reached.
    enableHiding: false,
    enableSorting: false,
    cell: (info) => <DetailsCell task={info.row.original} onOpen={(task) => info.table.options.meta?.openDetails(task)} />,
  }),
])

export function columnLabel(id: string): string {
  const column = taskLogColumns.find((entry) => entry.id === id)
  return column?.meta?.label ?? id
}

export type { TaskLogColumnId }

/** The table instance the view builds (`useTable` over these features and columns). */
export type TaskLogTableInstance = ReactTable<TaskLogFeatures, Task>
