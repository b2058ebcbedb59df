'use client'

export { TaskProgress, TaskProgressView } from './TaskProgress'
export type { TaskProgressProps, TaskProgressViewProps, TaskProgressVariant } from './TaskProgress'
export type { ValueTextThrottle } from './hooks'
