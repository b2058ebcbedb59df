import type { TaskListFilters, TaskListQuery } from './types'

const FILTER_KEYS = ['taskId', 'from', 'to', 'type', 'platform', 'status'] as const satisfies readonly (keyof TaskListFilters)[]

export function hasFilters(query: TaskListQuery): boolean {
  return FILTER_KEYS.some((key) => query[key] !== undefined && query[key] !== '')
}

/** The query without any filter, back on page 1 (source, page size and live stay). */
export function clearFilters(query: TaskListQuery): TaskListQuery {
  const next: TaskListQuery = { ...query, page: 1 }
  for (const key of FILTER_KEYS) delete next[key]
  return next
}

/** A filter change: the value set (or removed when empty) and back to page 1. */
export function withFilter<K extends keyof TaskListFilters>(query: TaskListQuery, key: K, value: TaskListFilters[K] | '' | undefined): TaskListQuery {
  const next: TaskListQuery = { ...query, page: 1 }
  if (value === undefined || value === '') delete next[key]
  else next[key] = value as TaskListFilters[K]
  return next
}
