import { useQueries, useQuery, useQueryClient, type Query, type QueryKey } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react'
import type { TaskHistoryPage, TaskHistoryQuery } from '../core/adapter'
import type { TaskClient, TaskSnapshot } from '../core/client'
import { isTaskKitError, TaskKitError } from '../core/errors'
import { liveTaskIds, localTaskList } from '../core/localTaskList'
import { mergeTask } from '../core/mergeTask'
import type { Task } from '../core/model'
import { historyQueryOf, localTaskListResult, type TaskListQuery, type TaskListResult, type TaskListSource } from '../core/taskList'
import type { TaskRecord } from '../core/taskRecord'
import { useTaskClient } from './TaskKitProvider'

const NO_RECORDS: readonly TaskRecord[] = []
const NO_ROWS: readonly Task[] = []
const NO_IDS: readonly string[] = []
const subscribeToNothing = () => () => {}

/**
 * The task log's rows from one of two sources behind one result shape (DESIGN.md "Task log"):
 * the provider's history (`adapter.history`, new-api `/api/task/self`: paged and filtered on the
 * server) or this account's persisted tasks (filtered here, newest first, not paged). The previous
 * page stays on screen while the next loads, and the rows that may still change are kept live
 * through one batched stream of requests (`client.watchMany`), not one per row.
 */
export function useTaskList(query: TaskListQuery = {}): TaskListResult {
  const client = useTaskClient()
  const source: TaskListSource =
    query.source === 'server' || query.source === 'local' ? query.source : client.adapter.history ? 'server' : 'local'
  const history = historyQueryOf(query)

  const server = useQuery<TaskHistoryPage, TaskKitError>({
    queryKey: [...historyScope(client), history],
    queryFn: ({ signal }) => fetchHistoryPage(client, history, signal),
    enabled: source === 'server',
    // Keep the rows on screen while the next page loads, but never show one account's rows to another.
    placeholderData: (previous, previousQuery) => (isSameScope(previousQuery, historyScope(client)) ? previous : undefined),
    // An auth, parse or provider error does not go away by asking again.
    retry: (failures, error) => error.retryable && failures < 3,
    // A failed page is a value to show (`error`), never a thrown render, whatever the app's default.
    throwOnError: false,
  })

  useRefetchOnNewTask(client, source === 'server')

  // No storage read during a server render, and none at all for the server source.
  const subscribe = useCallback(
    (onChange: () => void) => (source === 'local' ? client.store.subscribe(onChange) : subscribeToNothing()),
    [client, source],
  )
  const readRecords = useCallback(() => (source === 'local' ? client.store.list() : NO_RECORDS), [client, source])
  const records = useSyncExternalStore(subscribe, readRecords, () => NO_RECORDS)
  const { taskId, from, to, type, platform, status } = query
  const localRows = useMemo(
    () => (records === NO_RECORDS ? NO_ROWS : localTaskList(records, { taskId, from, to, type, platform, status })),
    [records, taskId, from, to, type, platform, status],
  )

  const serverRows = server.data?.items
  const baseRows = source === 'server' ? (serverRows ?? NO_ROWS) : localRows
  const live = query.live ?? true
  const liveIds = useMemo(() => (live ? liveTaskIds(baseRows) : NO_IDS), [live, baseRows])
  const freshTasks = useLiveTasks(client, liveIds)
  const rows = useMemo(() => withFreshTasks(baseRows, liveIds, freshTasks), [baseRows, liveIds, freshTasks])

  const refetchServer = server.refetch
  const refetch = useCallback(() => {
    if (source === 'server') void refetchServer()
    for (const id of liveIds) client.refresh(id)
  }, [client, source, refetchServer, liveIds])

  if (source === 'local') return localTaskListResult(rows, refetch)
  const total = server.data?.total ?? 0
  return {
    source,
    rows,
    total,
    page: history.page,
    pageSize: history.pageSize,
    pageCount: Math.max(1, Math.ceil(total / history.pageSize)),
    isLoading: server.isLoading,
    isFetching: server.isFetching,
    isPlaceholderData: server.isPlaceholderData,
    error: server.error,
    statuses: client.adapter.history?.statuses,
    refetch,
  }
}

/**
 * A task this client created (in this tab or, through storage events, another) belongs on the
 * server's first page: when the store learns a new task id, the history is asked again. Runs in an
 * effect, so a server render still reads no storage.
 */
function useRefetchOnNewTask(client: TaskClient<never>, enabled: boolean): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (!enabled) return
    const taskIds = () => new Set(client.store.list().flatMap((record) => (record.id ? [record.id] : [])))
    let known = taskIds()
    return client.store.subscribe(() => {
      const now = taskIds()
      const added = [...now].some((id) => !known.has(id))
      known = now
      if (added) void queryClient.invalidateQueries({ queryKey: historyScope(client) })
    })
  }, [client, queryClient, enabled])
}

/** The part of the history's query key that says whose history it is. */
function historyScope(client: TaskClient<never>): readonly unknown[] {
  return ['taskkit', 'history', client.account, client.adapter.name, client.adapter.baseUrl]
}

function isSameScope(query: Query<TaskHistoryPage, TaskKitError, TaskHistoryPage, QueryKey> | undefined, scope: readonly unknown[]): boolean {
  return query !== undefined && scope.every((part, index) => query.queryKey[index] === part)
}

async function fetchHistoryPage(
  client: TaskClient<never>,
  history: TaskHistoryQuery,
  signal: AbortSignal,
): Promise<TaskHistoryPage> {
  try {
    return await client.fetchHistory(history, signal)
  } catch (error) {
    if (isTaskKitError(error) || signal.aborted) throw error
    // Anything else came from reading an answer the adapter did not expect.
    throw new TaskKitError('parse', `${client.adapter.name}: could not read the task history`, {
      provider: client.adapter.name,
      cause: error,
    })
  }
}

/**
 * Watches `ids` through one `client.watchMany` stream and returns their latest tasks (undefined
 * until known). Like `useTasks`, each task shares its cache entry with `useTask` of the same id;
 * the combined array keeps its identity while nothing in it changes.
 */
function useLiveTasks(client: TaskClient<never>, ids: readonly string[]): readonly (Task | undefined)[] {
  const queryClient = useQueryClient()
  const tasks = useQueries({
    queries: ids.map((id) => ({
      queryKey: client.queryKey(id),
      queryFn: () => client.getSnapshot(id),
      enabled: false,
      staleTime: Infinity,
    })),
    combine: tasksOfSnapshots,
  })
  const idsKey = ids.join('\u0000')
  useEffect(() => {
    if (idsKey === '') return
    const list = idsKey.split('\u0000')
    const publish = (id: string, snapshot: TaskSnapshot) => queryClient.setQueryData(client.queryKey(id), snapshot)
    const unwatch = client.watchMany(list, publish)
    for (const id of list) publish(id, client.getSnapshot(id))
    return unwatch
  }, [client, queryClient, idsKey])
  return tasks
}

function tasksOfSnapshots(results: readonly { data: unknown }[]): (Task | undefined)[] {
  return results.map((result) => (result.data as TaskSnapshot | undefined)?.task)
}

/** The rows with each live task's latest answer folded in, in place: rows that end stay where they are. */
function withFreshTasks(rows: readonly Task[], ids: readonly string[], fresh: readonly (Task | undefined)[]): readonly Task[] {
  if (ids.length === 0) return rows
  const byId = new Map<string, Task>()
  ids.forEach((id, index) => {
    const task = fresh[index]
    if (task) byId.set(id, task)
  })
  if (byId.size === 0) return rows
  // mergeTask keeps what the list knew and the status answer omits (platform, model).
  return rows.map((row) => {
    const task = byId.get(row.id)
    return task ? mergeTask(row, task) : row
  })
}
