import { useQueries, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { TaskSnapshot, WatchOptions } from '../core/client'
import type { Task } from '../core/model'
import { useTaskClient } from './TaskKitProvider'

/**
 * Watches many tasks at once: one batched stream of requests where the adapter can fetch several
 * tasks in one request (new-api, Tripo v3), else one poller per task. Each task shares its cache
 * entry with `useTask` of the same id.
 */
export function useTasks(
  ids: readonly string[],
  options: WatchOptions = {},
): { tasks: (Task | undefined)[]; snapshots: (TaskSnapshot | undefined)[] } {
  const client = useTaskClient()
  const queryClient = useQueryClient()
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: client.queryKey(id),
      queryFn: () => client.getSnapshot(id),
      enabled: false,
      staleTime: Infinity,
    })),
  })
  const idsKey = ids.join('\u0000')
  const { interval, deadlineMs } = options
  useEffect(() => {
    const list = idsKey === '' ? [] : idsKey.split('\u0000')
    const publish = (id: string, snapshot: TaskSnapshot) => queryClient.setQueryData(client.queryKey(id), snapshot)
    const unwatch = client.watchMany(list, publish, { interval, deadlineMs })
    for (const id of list) publish(id, client.getSnapshot(id))
    return unwatch
  }, [client, queryClient, idsKey, interval, deadlineMs])
  const snapshots = results.map((result) => result.data as TaskSnapshot | undefined)
  return { tasks: snapshots.map((snapshot) => snapshot?.task), snapshots }
}
