import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { TaskRecord } from '../core/taskRecord'
import { isRecordSettled } from '../core/taskRecord'
import { useTaskClient } from './TaskKitProvider'

export interface PendingTask {
  record: TaskRecord
  /**
   * `resumable`: the task has an id and can be watched again with `useTask(record.id)`.
   * `outcome-unknown`: a create was sent but its answer never stored; it is not re-sent. Check
   * the provider with the job id, endpoint, model and time, then `forget(jobId)`.
   */
  status: 'resumable' | 'outcome-unknown'
}

const NONE: readonly TaskRecord[] = []

/** The persisted, unsettled tasks of this account: what to resume after a reload. */
export function usePendingTasks(): { tasks: PendingTask[]; forget: (jobId: string) => void } {
  const client = useTaskClient()
  const subscribe = useCallback((onChange: () => void) => client.store.subscribe(onChange), [client])
  // No storage read during a server render: the server snapshot is empty.
  const records = useSyncExternalStore(subscribe, () => client.store.list(), () => NONE)
  const tasks = useMemo(
    () =>
      records
        .filter((record) => !isRecordSettled(record))
        .map((record): PendingTask => ({ record, status: record.phase === 'creating' ? 'outcome-unknown' : 'resumable' })),
    [records],
  )
  const forget = useCallback((jobId: string) => client.forget(jobId), [client])
  return { tasks, forget }
}
