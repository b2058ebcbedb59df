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
