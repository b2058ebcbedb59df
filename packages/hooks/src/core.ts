// The React-free core: usable from any framework, a worker or a Node script.
export type { Task, TaskState, TaskAsset, AssetKind, TaskFailure, TaskBilling } from './core/model'
export { isTerminalState, TASK_STATES } from './core/model'
export { TaskKitError, isTaskKitError } from './core/errors'
export type { TaskKitErrorKind, TaskKitErrorOptions } from './core/errors'
export type {
  TaskAdapter,
  AdapterRequest,
  AdapterResponse,
  PollBounds,
  CancelOutcome,
  CancelSupport,
  TaskRef,
  CreateContext,
  TaskHistoryQuery,
  TaskHistoryPage,
  HttpMethod,
} from './core/adapter'
export { safeUrl } from './core/safeUrl'
export { toEpochMs, toProgress } from './core/normalize'
export { createTaskClient, TaskClient } from './core/client'
export type { TaskClientOptions, SubmitOptions, WatchOptions, TaskSnapshot, WatchStatus } from './core/client'
export type { CancelState } from './core/cancel'
export type { TaskRecord } from './core/taskRecord'
export type { StorageLike } from './core/taskStore'
export type { PollerEnvironment } from './core/environment'
export type { CrossTab } from './core/crossTab'
export { nextPollDelay } from './core/pollScheduler'
export * from './core/adapters'
export type { TaskListSource, TaskListFilters, TaskListQuery, TaskListResult } from './core/taskList'
export { historyQueryOf, localTaskListResult, DEFAULT_TASK_LIST_PAGE_SIZE } from './core/taskList'
export { localTaskList, matchesTaskListFilters, liveTaskIds } from './core/localTaskList'
