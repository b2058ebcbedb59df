import { isTerminalState, type Task } from './model'
import type { TaskListFilters } from './taskList'
import { taskFromRecord, type TaskRecord } from './taskRecord'

/**
 * The local source of the task log: this account's persisted task records, as Tasks, filtered
 * here (the server source filters on the provider).
 *
 * Records without a task id are left out: a create whose answer never came (`creating`, outcome
 * unknown) and a create the provider refused (`create-failed`, nothing was made). Neither is a
 * task the provider knows, so the server's list never shows them either; a row needs an id to be
 * searched, watched and looked up. The unknown outcomes are listed by `usePendingTasks`.
 */

/** Same record, same Task: a store change re-creates only the rows whose record changed. */
const tasks = new WeakMap<TaskRecord, Task>()

function taskOf(record: TaskRecord): Task | undefined {
  const known = tasks.get(record)
  if (known) return known
  const task = taskFromRecord(record)
  if (task) tasks.set(record, task)
  return task
}

/**
 * When a task was submitted, as the log shows it: the provider's creation time, else the moment
 * the create request went out.
 */
export function submittedAt(task: Task, record?: TaskRecord): number {
  return task.createdAt ?? record?.submittedAt ?? 0
}

/** Whether a task passes the log's filters; the task id matches as a substring, case-insensitive. */
export function matchesTaskListFilters(task: Task, filters: TaskListFilters): boolean {
  const taskId = filters.taskId?.trim().toLowerCase()
  if (taskId && !task.id.toLowerCase().includes(taskId)) return false
  const time = submittedAt(task)
  if (Number.isFinite(filters.from) && time < (filters.from as number)) return false
  if (Number.isFinite(filters.to) && time > (filters.to as number)) return false
  const type = filters.type?.trim()
  if (type && task.type !== type) return false
  const platform = filters.platform?.trim()
  if (platform && task.platform !== platform) return false
  if (filters.status && task.state !== filters.status) return false
  return true
}

/** The account's records as log rows: with a task id, matching `filters`, newest first. */
export function localTaskList(records: readonly TaskRecord[], filters: TaskListFilters = {}): Task[] {
  const rows: { task: Task; time: number; submitted: number }[] = []
  for (const record of records) {
    const task = taskOf(record)
    if (!task || !matchesTaskListFilters(task, filters)) continue
    rows.push({ task, time: submittedAt(task, record), submitted: record.submittedAt })
  }
  // The provider's times are often whole seconds: ties fall back to the local submit order.
  rows.sort((a, b) => b.time - a.time || b.submitted - a.submitted)
  return rows.map((row) => row.task)
}

/** Ids of the rows that may still change: the ones to keep live. */
export function liveTaskIds(rows: readonly Task[]): string[] {
  return [...new Set(rows.filter((task) => !isTerminalState(task.state)).map((task) => task.id))]
}
