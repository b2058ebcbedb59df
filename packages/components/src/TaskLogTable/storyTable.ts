import type { Task } from '@taskkit/hooks'
import { useTable, type OnChangeFn, type SortingState } from '@tanstack/react-table'
import { useMemo } from 'react'
import { taskLogColumns, taskLogFeatures, type TaskLogTableInstance } from './columns'
import type { TaskLogDensity, TaskLogTableMeta } from './types'

/** Controls of the stories of the log's row parts (TaskRows, TaskCards). */
export interface RowPartStoryProps {
  /** How many tasks of the test history to show. */
  count: number
  virtual: boolean
  density: TaskLogDensity
  copyTaskId: TaskLogTableMeta['copyTaskId']
  openDetails: TaskLogTableMeta['openDetails']
}

/** No rows in the table (see `taskLogFeatures`): the log passes the tasks itself. */
const NO_ROWS: Task[] = []

/**
 * The log's table instance for a story of one of its parts, built the way TaskLogTableView builds
 * it: every column visible, the callbacks as given (spies), and the sorting state when the story
 * lets headers toggle it.
 */
export function useStoryTable(
  { copyTaskId, openDetails }: Pick<RowPartStoryProps, 'copyTaskId' | 'openDetails'>,
  sorting: SortingState = [],
  onSortingChange?: OnChangeFn<SortingState>,
): TaskLogTableInstance {
  const meta = useMemo<TaskLogTableMeta>(() => ({ locale: 'en-US', copyTaskId, openDetails }), [copyTaskId, openDetails])
  return useTable({
    features: taskLogFeatures,
    columns: taskLogColumns,
    data: NO_ROWS,
    state: { sorting, columnVisibility: {} },
    onSortingChange,
    meta,
  })
}

/** The table's task rows under `root` (not the spacer or message rows). */
export const dataRowsIn = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('tbody tr[data-status]')]

/**
 * How the rendered rows sit in the scrolling view: those that cross the band below the sticky
 * header, those outside it (overscan), and whether the band is covered from its top to its bottom.
 */
export function windowOf(scroller: HTMLElement) {
  // The view without the border and a horizontal scrollbar.
  const viewBottom = scroller.getBoundingClientRect().top + scroller.clientTop + scroller.clientHeight
  // The header cells are sticky (the thead itself scrolls away).
  const bandTop = (scroller.querySelector('th') as HTMLElement).getBoundingClientRect().bottom
  const rows = dataRowsIn(scroller)
  const rects = rows.map((row) => row.getBoundingClientRect())
  const inBand = rects.filter((rect) => rect.bottom > bandTop + 0.01 && rect.top < viewBottom - 0.01).length
  const first = rects[0]
  const last = rects.at(-1)
  const atEnd = rows.at(-1)?.getAttribute('aria-rowindex') === scroller.querySelector('table')?.getAttribute('aria-rowcount')
  return {
    outside: rects.length - inBand,
    covered: first !== undefined && last !== undefined && first.top <= bandTop + 1 && (last.bottom >= viewBottom - 1 || atEnd),
  }
}
