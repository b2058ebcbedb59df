'use client'

export { TaskProgress, TaskProgressView } from './TaskProgress'
export type { OutcomeUnknown, TaskProgressProps, TaskProgressViewProps, TaskProgressVariant } from './TaskProgress'
export type { ValueTextThrottle } from './hooks'
export { TaskResult, TaskResultView } from './TaskResult'
export type { TaskResultProps, TaskResultViewProps } from './TaskResult'
export { supportPacket } from './supportPacket'
export type { SupportPacketExtra } from './supportPacket'
export { TaskLogTable, TaskLogTableView } from './TaskLogTable'
export type {
  TaskLogColumnId,
  TaskLogDensity,
  TaskLogFilterOptions,
  TaskLogLayout,
  TaskLogPreferences,
  TaskLogState,
  TaskLogTableProps,
  TaskLogTableViewProps,
} from './TaskLogTable'
