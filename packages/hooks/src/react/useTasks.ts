import { useQueries, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { TaskSnapshot, WatchOptions } from '../core/client'
import type { Task } from '../core/model'
import { useTaskClient } from './TaskKitProvider'

/** Watches many tasks at once; each shares its cache entry and poller with `useTask` of the same id. */
export function useTasks(ids: readonly string[], options: WatchOptions = {}): { tasks: (Task | undefined)[]; snapshots: (TaskSnapshot | undefined)[] } {
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
    const unwatch = list.map((id) => {
      const key = client.queryKey(id)
      const stop = client.watch(id, (snapshot) => queryClient.setQueryData(key, snapshot), { interval, deadlineMs })
      queryClient.setQueryData(key, client.getSnapshot(id))
      return stop
    })
    return () => unwatch.forEach((stop) => stop())
  }, [client, queryClient, idsKey, interval, deadlineMs])
  const snapshots = results.map((result) => result.data as TaskSnapshot | undefined)
  return { tasks: snapshots.map((snapshot) => snapshot?.task), snapshots }
}
