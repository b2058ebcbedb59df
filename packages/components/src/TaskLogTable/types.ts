import type { Task } from '@taskkit/hooks'
export type { TaskListFilters, TaskListQuery, TaskListResult, TaskListSource } from '@taskkit/hooks'

/** Every column of the task log, in display order. */
export const TASK_LOG_COLUMNS = [
  'submitted',
  'completed',
  'duration',
  'type',
  'platform',
  'model',
  'taskId',
  'status',
  'progress',
  'details',
] as const

export type TaskLogColumnId = (typeof TASK_LOG_COLUMNS)[number]

/** `standard` rows breathe; `compact` rows fit more tasks on one screen. */
export type TaskLogDensity = 'standard' | 'compact'

/** `auto` switches to cards when the table is narrower than `cardsBelow`. */
export type TaskLogLayout = 'auto' | 'table' | 'cards'

/** Visible columns and density: what the log remembers per account. */
export interface TaskLogPreferences {
  /** Only `false` hides a column; a missing entry is visible. */
  columnVisibility: Partial<Record<TaskLogColumnId, boolean>>
  density: TaskLogDensity
}

/** Values offered by the type and platform filters (the server does not list them). */
export interface TaskLogFilterOptions {
  types?: readonly string[]
  platforms?: readonly string[]
}

/** What cells need from the view besides the row itself. */
export interface TaskLogTableMeta {
  locale: string | undefined
  /** Copies a task id and announces it in the log's live region. */
  copyTaskId: (id: string) => void
  /** Opens the details of a task. */
  openDetails: (task: Task) => void
}
