import type { StorageLike } from '@taskkit/hooks'
import { useCallback, useEffect, useState } from 'react'
import { TASK_LOG_COLUMNS, type TaskLogColumnId, type TaskLogDensity, type TaskLogPreferences } from './types'

/**
 * Column visibility and density of the task log, remembered per account in localStorage under
 * `taskkit:v1:task-log:<account>`. Missing, corrupt, full or throwing storage falls back to the
 * defaults (or to memory for writes) without throwing; on the server nothing is read.
 */

export const PREFERENCES_PREFIX = 'taskkit:v1:task-log:'

export const DEFAULT_PREFERENCES: TaskLogPreferences = { columnVisibility: {}, density: 'standard' }

export function preferencesKey(account: string): string {
  return `${PREFERENCES_PREFIX}${encodeURIComponent(account)}`
}

/** `undefined` = the browser's localStorage when there is one (reading it may throw). */
export function resolveStorage(storage: StorageLike | null | undefined): StorageLike | null {
  if (storage !== undefined) return storage
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null
  } catch {
    return null
  }
}

const COLUMN_IDS = new Set<string>(TASK_LOG_COLUMNS)

/** Keeps only what is valid: known columns with boolean values, a known density. */
export function parsePreferences(text: string | null): TaskLogPreferences {
  if (!text) return DEFAULT_PREFERENCES
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return DEFAULT_PREFERENCES
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_PREFERENCES
  const record = value as { columnVisibility?: unknown; density?: unknown }
  const columnVisibility: Partial<Record<TaskLogColumnId, boolean>> = {}
  if (typeof record.columnVisibility === 'object' && record.columnVisibility !== null) {
    for (const [id, visible] of Object.entries(record.columnVisibility)) {
      if (COLUMN_IDS.has(id) && typeof visible === 'boolean') columnVisibility[id as TaskLogColumnId] = visible
    }
  }
  const density: TaskLogDensity = record.density === 'compact' ? 'compact' : 'standard'
  return { columnVisibility, density }
}

export function readPreferences(storage: StorageLike | null, account: string): TaskLogPreferences {
  if (!storage) return DEFAULT_PREFERENCES
  try {
    return parsePreferences(storage.getItem(preferencesKey(account)))
  } catch {
    return DEFAULT_PREFERENCES
  }
}

/** Returns false when the storage refused (full, disabled): the choice then lives in memory only. */
export function writePreferences(storage: StorageLike | null, account: string, preferences: TaskLogPreferences): boolean {
  if (!storage) return false
  try {
    storage.setItem(preferencesKey(account), JSON.stringify(preferences))
    return true
  } catch {
    return false
  }
}

export interface UseTaskLogPreferencesResult {
  preferences: TaskLogPreferences
  setColumnVisibility: (next: Partial<Record<TaskLogColumnId, boolean>>) => void
  /** Shows or hides one column, keeping the others' choices. */
  toggleColumn: (id: TaskLogColumnId, visible: boolean) => void
  setDensity: (density: TaskLogDensity) => void
}

interface PreferencesState {
  account: string
  preferences: TaskLogPreferences
  /** Changed here (not just read): to be written. */
  changed: boolean
}

/**
 * The preferences of one account. Read once per account (lazily, so a server render never
 * touches storage); switching account reads that account's choices. The setters keep their
 * identity across renders (the menus they feed are memoized); a change is written after it renders.
 */
export function useTaskLogPreferences(account: string, storage?: StorageLike | null): UseTaskLogPreferencesResult {
  const [state, setState] = useState<PreferencesState>(() => ({ account, preferences: readPreferences(resolveStorage(storage), account), changed: false }))
  let current = state
  if (state.account !== account) {
    current = { account, preferences: readPreferences(resolveStorage(storage), account), changed: false }
    setState(current)
  }

  useEffect(() => {
    if (state.changed) writePreferences(resolveStorage(storage), state.account, state.preferences)
  }, [state, storage])

  const change = useCallback((update: (preferences: TaskLogPreferences) => TaskLogPreferences) => {
    setState((previous) => ({ account: previous.account, preferences: update(previous.preferences), changed: true }))
  }, [])
  const setColumnVisibility = useCallback(
    (columnVisibility: Partial<Record<TaskLogColumnId, boolean>>) => change((preferences) => ({ ...preferences, columnVisibility })),
    [change],
  )
  const toggleColumn = useCallback(
    (id: TaskLogColumnId, visible: boolean) =>
      change((preferences) => ({ ...preferences, columnVisibility: { ...preferences.columnVisibility, [id]: visible } })),
    [change],
  )
  const setDensity = useCallback((density: TaskLogDensity) => change((preferences) => ({ ...preferences, density })), [change])

  return { preferences: current.preferences, setColumnVisibility, toggleColumn, setDensity }
}
