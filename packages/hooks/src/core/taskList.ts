import type { TaskHistoryQuery } from './adapter'
import type { TaskKitError } from './errors'
import type { Task, TaskState } from './model'

/**
 * The task log's query and result: one shape for two sources (DESIGN.md "Task log").
 * - `server`: the adapter's history endpoint (new-api `/api/task/self`), paged and filtered there.
 * - `local`: the account's persisted task records in this browser, filtered here, not paged
 *   (the table virtualizes them).
 */
export type TaskListSource = 'server' | 'local'

export interface TaskListFilters {
  /** Exact task id (server) or a substring of it (local). */
  taskId?: string
  /** Submitted at or after, epoch ms (seconds on the wire are the adapter's business). */
  from?: number
  /** Submitted at or before, epoch ms. */
  to?: number
  /** Task type / action (`MUSIC`, `generate`, `image`...). */
  type?: string
  platform?: string
  status?: TaskState
}

export interface TaskListQuery extends TaskListFilters {
  /** `auto` (default): the server history when the adapter has one, else the local history. */
  source?: 'auto' | TaskListSource
  /** 1-based page; server source only. */
  page?: number
  /** Server source only; default 20 (DEFAULT_TASK_LIST_PAGE_SIZE). */
  pageSize?: number
  /** Keep non-terminal rows live through one batched stream (default true). */
  live?: boolean
}

export interface TaskListResult {
  source: TaskListSource
  /** The rows of this page (server) or every matching record (local), newest first. */
  rows: readonly Task[]
  /** Matching tasks in all pages (the latest answer's, kept while the next page loads). */
  total: number
  /** The page asked for (server), 1 for the local source. */
  page: number
  /** The page size asked for (server), the number of rows for the local source. */
  pageSize: number
  /** At least 1. */
  pageCount: number
  /** No data yet (first load). */
  isLoading: boolean
  isFetching: boolean
  /** The rows are the previous query's while the new one loads. */
  isPlaceholderData: boolean
  error: TaskKitError | null
  /** The states the status filter can find: the server's (`adapter.history.statuses`); undefined = all. */
  statuses?: readonly TaskState[]
  /** Server: asks for the page again. Both sources: polls the live rows now. */
  refetch(): void
}

export const DEFAULT_TASK_LIST_PAGE_SIZE = 20

/**
 * The server request of a task-log query: a whole page number and size of at least 1, and only
 * the filters that say something (blank text and invalid times are dropped, so they neither reach
 * the wire nor make a distinct cache entry).
 */
export function historyQueryOf(query: TaskListQuery): TaskHistoryQuery {
  const history: TaskHistoryQuery = {
    page: wholeAtLeastOne(query.page) ?? 1,
    pageSize: wholeAtLeastOne(query.pageSize) ?? DEFAULT_TASK_LIST_PAGE_SIZE,
  }
  const taskId = query.taskId?.trim()
  if (taskId) history.taskId = taskId
  if (Number.isFinite(query.from)) history.from = query.from
  if (Number.isFinite(query.to)) history.to = query.to
  const type = query.type?.trim()
  if (type) history.type = type
  const platform = query.platform?.trim()
  if (platform) history.platform = platform
  if (query.status) history.status = query.status
  return history
}

function wholeAtLeastOne(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined
}

/**
 * The result shape of a local list: every matching row on one page, nothing loading. What
 * `useTaskList` answers for the local source, and what an app passes to `TaskLogTableView` for
 * rows it holds itself.
 */
export function localTaskListResult(rows: readonly Task[], refetch: () => void = () => {}): TaskListResult {
  return {
    source: 'local',
    rows,
    total: rows.length,
    page: 1,
    pageSize: rows.length,
    pageCount: 1,
    isLoading: false,
    isFetching: false,
    isPlaceholderData: false,
    error: null,
    refetch,
  }
}
