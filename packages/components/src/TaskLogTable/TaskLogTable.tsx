import { useTaskClient, useTaskList } from '@taskkit/hooks'
import { forwardRef, useState } from 'react'
import { TaskLogTableView, type TaskLogTableViewProps } from './TaskLogTableView'
import type { TaskListQuery } from './types'

export interface TaskLogTableProps extends Omit<TaskLogTableViewProps, 'result' | 'query' | 'onQueryChange' | 'account'> {
  /** The first query (filters, page); the table owns it afterwards. */
  defaultQuery?: TaskListQuery
  /** `auto` (default): the provider's history when its adapter has one, else this browser's history. */
  source?: TaskListQuery['source']
  /** Rows per server page; default 20. */
  pageSize?: number
  /** Keep running rows live through one batched stream of requests (default true). */
  live?: boolean
  /** Whose column and density choices to remember; default the client's `account`. */
  account?: string
  /** Told about every query change (to put filters in the URL, for example). */
  onQueryChange?: (query: TaskListQuery) => void
}

/**
 * The task log of the client in `TaskKitProvider`: reads through `useTaskList(query)`, with the
 * filters, paging and row details of `TaskLogTableView`.
 */
export const TaskLogTable = forwardRef<HTMLDivElement, TaskLogTableProps>(function TaskLogTable(
  { defaultQuery, source, pageSize, live, account, onQueryChange, ...rest },
  ref,
) {
  const client = useTaskClient()
  const [query, setQuery] = useState<TaskListQuery>(() => ({
    ...defaultQuery,
    ...(source !== undefined ? { source } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(live !== undefined ? { live } : {}),
  }))
  const result = useTaskList(query)
  return (
    <TaskLogTableView
      ref={ref}
      result={result}
      query={query}
      onQueryChange={(next) => {
        setQuery(next)
        onQueryChange?.(next)
      }}
      account={account ?? client.account}
      {...rest}
    />
  )
})
