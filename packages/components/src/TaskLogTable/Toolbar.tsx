import type { TaskState } from '@taskkit/hooks'
import { useEffect, useId, useState, type ReactNode } from 'react'
import { stateLabel } from '../format'
import { hasFilters, withFilter } from './filters'
import { fromLocalInputValue, toLocalInputValue } from './logFormat'
import { TIME_RANGE_PRESETS, initialChoice, presetFrom, type TimeRangeChoice, type TimeRangePresetId } from './timeRange'
import type { TaskListQuery, TaskLogFilterOptions } from './types'

export interface ToolbarProps {
  query: TaskListQuery
  onQueryChange: (query: TaskListQuery) => void
  /** Values of the type and platform filters. */
  options: Required<TaskLogFilterOptions>
  /** States the status filter offers (the server's, or all). */
  statuses: readonly TaskState[]
  /** Clock for the time-range presets. */
  now: () => number
  searchDebounceMs: number
  /** Clears every filter. */
  onReset: () => void
  /** Changes on every reset: the fields remount, which clears their own state (typed text, custom range). */
  resetGeneration: number
  /** The view options (column chooser, density), shown at the end of the toolbar. */
  children?: ReactNode
}

function SelectFilter({
  label,
  anyLabel,
  value,
  values,
  optionLabel = (option) => option,
  onChange,
}: {
  label: string
  anyLabel: string
  value: string | undefined
  values: readonly string[]
  optionLabel?: (value: string) => string
  onChange: (value: string) => void
}) {
  const id = useId()
  // The current value stays selectable even when the option list does not know it.
  const options = value && !values.includes(value) ? [value, ...values] : values
  return (
    <div className="tk-log__field">
      <label className="tk-log__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="tk-log__control" value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Task-id search: typed text reaches the query after a pause (or at once with Enter). */
function TaskIdSearch({ query, onQueryChange, debounceMs }: { query: TaskListQuery; onQueryChange: ToolbarProps['onQueryChange']; debounceMs: number }) {
  const id = useId()
  const [text, setText] = useState(query.taskId ?? '')
  // The query's task id may change from outside (reset, the app): the field follows it.
  const [seen, setSeen] = useState(query.taskId)
  if (seen !== query.taskId) {
    setSeen(query.taskId)
    setText(query.taskId ?? '')
  }
  const wanted = text.trim()
  const pending = wanted !== (query.taskId ?? '')

  useEffect(() => {
    if (!pending) return
    const timer = setTimeout(() => onQueryChange(withFilter(query, 'taskId', wanted)), debounceMs)
    return () => clearTimeout(timer)
  }, [pending, wanted, query, onQueryChange, debounceMs])

  return (
    <div className="tk-log__field tk-log__field--search">
      <label className="tk-log__label" htmlFor={id}>
        Task ID
      </label>
      <input
        id={id}
        className="tk-log__control"
        type="search"
        value={text}
        placeholder="Search task ID"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value)
          // No debounce asked: filter in this same event, not one render and a timer later.
          if (debounceMs <= 0) onQueryChange(withFilter(query, 'taskId', event.target.value.trim()))
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && pending) {
            event.preventDefault()
            onQueryChange(withFilter(query, 'taskId', wanted))
          }
        }}
      />
    </div>
  )
}

function TimeRangeFilter({ query, onQueryChange, now }: Pick<ToolbarProps, 'query' | 'onQueryChange' | 'now'>) {
  const id = useId()
  const [choice, setChoice] = useState<TimeRangeChoice>(() => initialChoice(query.from, query.to, now()))

  const choose = (next: TimeRangeChoice) => {
    setChoice(next)
    if (next === 'custom') return
    let changed = withFilter(query, 'to', undefined)
    changed = withFilter(changed, 'from', next === 'any' ? undefined : presetFrom(next as TimeRangePresetId, now()))
    onQueryChange(changed)
  }

  return (
    <div className="tk-log__field tk-log__field--range">
      <label className="tk-log__label" htmlFor={id}>
        Time range
      </label>
      <select id={id} className="tk-log__control" value={choice} onChange={(event) => choose(event.target.value as TimeRangeChoice)}>
        <option value="any">Any time</option>
        {TIME_RANGE_PRESETS.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.label}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      {choice === 'custom' ? (
        <>
          <label className="tk-log__label" htmlFor={`${id}-from`}>
            From
          </label>
          <input
            id={`${id}-from`}
            className="tk-log__control"
            type="datetime-local"
            value={toLocalInputValue(query.from)}
            onChange={(event) => onQueryChange(withFilter(query, 'from', fromLocalInputValue(event.target.value)))}
          />
          <label className="tk-log__label" htmlFor={`${id}-to`}>
            To
          </label>
          <input
            id={`${id}-to`}
            className="tk-log__control"
            type="datetime-local"
            value={toLocalInputValue(query.to)}
            onChange={(event) => onQueryChange(withFilter(query, 'to', fromLocalInputValue(event.target.value)))}
          />
        </>
      ) : null}
    </div>
  )
}

/**
 * Filters of the task log: task-id search, time range (presets or custom from-to), type,
 * platform and status, and reset. Every change goes back to page 1.
 */
export function Toolbar({ query, onQueryChange, options, statuses, now, searchDebounceMs, onReset, resetGeneration, children }: ToolbarProps) {
  return (
    <div className="tk-log__toolbar">
      <div className="tk-log__filters" role="search" aria-label="Filter tasks" key={resetGeneration}>
        <TaskIdSearch query={query} onQueryChange={onQueryChange} debounceMs={searchDebounceMs} />
        <TimeRangeFilter query={query} onQueryChange={onQueryChange} now={now} />
        <SelectFilter
          label="Type"
          anyLabel="Any type"
          value={query.type}
          values={options.types}
          onChange={(value) => onQueryChange(withFilter(query, 'type', value))}
        />
        <SelectFilter
          label="Platform"
          anyLabel="Any platform"
          value={query.platform}
          values={options.platforms}
          onChange={(value) => onQueryChange(withFilter(query, 'platform', value))}
        />
        <SelectFilter
          label="Status"
          anyLabel="Any status"
          value={query.status}
          values={statuses}
          optionLabel={(value) => stateLabel(value as TaskState)}
          onChange={(value) => onQueryChange(withFilter(query, 'status', value as TaskState | ''))}
        />
      </div>
      <div className="tk-log__actions">
        {/* Never disabled: a disabled button would drop keyboard focus right after a reset. */}
        <button type="button" className="tk-log__button" data-active={hasFilters(query) || undefined} onClick={onReset}>
          Reset filters
        </button>
        {children}
      </div>
    </div>
  )
}
