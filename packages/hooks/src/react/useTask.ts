import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef } from 'react'
import type { CancelState } from '../core/cancel'
import type { TaskSnapshot, WatchOptions } from '../core/client'
import type { TaskKitError } from '../core/errors'
import { isTerminalState, type Task } from '../core/model'
import { useTaskClient } from './TaskKitProvider'

export interface UseTaskOptions extends WatchOptions {
  /** Set false to read the task without polling it. */
  enabled?: boolean
  /** Called once when the task reaches a terminal state (or watching stops for good). */
  onSettled?: (task: Task | undefined, error: TaskKitError | undefined) => void
}

export interface UseTaskResult {
  task: Task | undefined
  isTerminal: boolean
  error: TaskKitError | undefined
  /** `watching` (this tab polls), `following` (another tab polls), `stopped`, `idle`. */
  status: TaskSnapshot['status']
  stopReason: string | undefined
  cancel: () => Promise<CancelState>
  cancelState: CancelState
  cancelError: TaskKitError | undefined
  /** Poll now, also after the task settled. */
  refresh: () => void
}

const NO_TASK = ['taskkit', 'none'] as const

/**
 * Watches one task. Every component watching the same id shares one TanStack Query cache entry
 * and one poller; an unchanged poll answer does not re-render.
 */
export function useTask(id: string | null | undefined, options: UseTaskOptions = {}): UseTaskResult {
  const client = useTaskClient()
  const queryClient = useQueryClient()
  const enabled = options.enabled ?? true
  const queryKey = id ? client.queryKey(id) : NO_TASK

  // The cache is filled by the client's poller, never by a query function: polling lives in core.
  const { data: snapshot } = useQuery<TaskSnapshot | null>({
    queryKey,
    queryFn: () => (id ? client.getSnapshot(id) : null),
    enabled: false,
    staleTime: Infinity,
  })

  // Options are read when watching starts; changing them later does not restart the poller.
  const watchOptions = useRef<WatchOptions>({ interval: options.interval, deadlineMs: options.deadlineMs })
  const onSettled = useRef(options.onSettled)
  useEffect(() => {
    watchOptions.current = { interval: options.interval, deadlineMs: options.deadlineMs }
    onSettled.current = options.onSettled
  })

  useEffect(() => {
    if (!id) return
    const key = client.queryKey(id)
    const publish = (next: TaskSnapshot) => queryClient.setQueryData(key, next)
    if (!enabled) {
      publish(client.getSnapshot(id))
      return
    }
    const unwatch = client.watch(id, publish, watchOptions.current)
    publish(client.getSnapshot(id))
    return unwatch
  }, [client, queryClient, id, enabled])

  const task = snapshot?.task
  const isTerminal = task ? isTerminalState(task.state) : false

  const settledFor = useRef<string | undefined>(undefined)
  const stopped = snapshot?.status === 'stopped'
  useEffect(() => {
    if (!id || !(isTerminal || stopped) || settledFor.current === id) return
    settledFor.current = id
    onSettled.current?.(task, snapshot?.error)
  }, [id, isTerminal, stopped, task, snapshot?.error])

  const cancel = useCallback(() => (id ? client.cancel(id) : Promise.resolve<CancelState>('idle')), [client, id])
  const refresh = useCallback(() => {
    if (id) client.refresh(id)
  }, [client, id])

  return {
    task,
    isTerminal,
    error: snapshot?.error,
    status: snapshot?.status ?? 'idle',
    stopReason: snapshot?.stopReason,
    cancel,
    cancelState: snapshot?.cancelState ?? 'idle',
    cancelError: snapshot?.cancelError,
    refresh,
  }
}
