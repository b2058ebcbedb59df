import { useMemo } from 'react'
import { TaskLogTableView } from '../../packages/components/src/index.ts'
import type { Task } from '../../packages/hooks/src/core/model.ts'
import { localTaskListResult } from '../../packages/hooks/src/core/taskList.ts'
import '../../packages/components/src/styles.css'

/**
 * TaskLogTable as an app shows a local history: the presentational view over the same rows the
 * plain table gets. The search debounce is off so the timing is the table's own work, not the
 * 300 ms the shipped default waits for typing to pause.
 */
export function TaskKitTable({ rows, filter, onFilterChange }: { rows: readonly Task[]; filter: string; onFilterChange(filter: string): void }) {
  const result = useMemo(() => localTaskListResult(rows), [rows])
  return (
    <TaskLogTableView
      result={result}
      query={{ source: 'local', taskId: filter || undefined }}
      onQueryChange={(query) => onFilterChange(query.taskId ?? '')}
      searchDebounceMs={0}
      preferencesStorage={null}
      locale="en-US"
      layout="table"
      style={{ height: '100%' }}
    />
  )
}
