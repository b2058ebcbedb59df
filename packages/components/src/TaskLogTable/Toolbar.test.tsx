import { act, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TaskLogTableView } from '../index'
import { listResult, logTasks, LOG_NOW } from './testData'
import { toLocalInputValue } from './logFormat'
import type { TaskListQuery } from './types'

afterEach(() => vi.useRealTimers())

const HOUR = 60 * 60 * 1000

/** The view with its query held in state, as an app would; every change is recorded. */
function Harness({ onQueryChange, initial = {} }: { onQueryChange: (query: TaskListQuery) => void; initial?: TaskListQuery }) {
  const [query, setQuery] = useState<TaskListQuery>(initial)
  return (
    <TaskLogTableView
      result={listResult(logTasks(6))}
      query={query}
      onQueryChange={(next) => {
        onQueryChange(next)
        setQuery(next)
      }}
      preferencesStorage={null}
      now={() => LOG_NOW}
      filterOptions={{ types: ['MUSIC', 'generate'], platforms: ['kling', 'suno'] }}
    />
  )
}

describe('TaskLogTableView: filters', () => {
  it('searches the task id after a pause in typing, back on page 1', () => {
    vi.useFakeTimers()
    const onQueryChange = vi.fn()
    render(<Harness onQueryChange={onQueryChange} initial={{ page: 4 }} />)
    const search = screen.getByRole('searchbox', { name: 'Task ID' })
    fireEvent.change(search, { target: { value: 'task_0' } })
    act(() => vi.advanceTimersByTime(200))
    fireEvent.change(search, { target: { value: ' task_00042 ' } })
    act(() => vi.advanceTimersByTime(299))
    expect(onQueryChange).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(1))
    expect(onQueryChange).toHaveBeenCalledTimes(1)
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1, taskId: 'task_00042' })
    act(() => vi.advanceTimersByTime(1000))
    expect(onQueryChange).toHaveBeenCalledTimes(1)
  })

  it('searches at once on Enter', () => {
    const onQueryChange = vi.fn()
    render(<Harness onQueryChange={onQueryChange} />)
    const search = screen.getByRole('searchbox', { name: 'Task ID' })
    fireEvent.change(search, { target: { value: 'abc' } })
    fireEvent.keyDown(search, { key: 'Enter' })
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1, taskId: 'abc' })
  })

  it('filters by type, platform and status', async () => {
    const user = userEvent.setup()
    const onQueryChange = vi.fn()
    render(<Harness onQueryChange={onQueryChange} initial={{ pageSize: 50 }} />)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'MUSIC')
    expect(onQueryChange).toHaveBeenLastCalledWith({ pageSize: 50, page: 1, type: 'MUSIC' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'suno')
    expect(onQueryChange).toHaveBeenLastCalledWith({ pageSize: 50, page: 1, type: 'MUSIC', platform: 'suno' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Failed')
    expect(onQueryChange).toHaveBeenLastCalledWith({ pageSize: 50, page: 1, type: 'MUSIC', platform: 'suno', status: 'failed' })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Any type')
    expect(onQueryChange).toHaveBeenLastCalledWith({ pageSize: 50, page: 1, platform: 'suno', status: 'failed' })
  })

  it('time-range presets set `from` in epoch ms, counted back from now', async () => {
    const user = userEvent.setup()
    const onQueryChange = vi.fn()
    render(<Harness onQueryChange={onQueryChange} />)
    const range = screen.getByRole('combobox', { name: 'Time range' })
    await user.selectOptions(range, 'Last 24 hours')
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1, from: LOG_NOW - 24 * HOUR })
    await user.selectOptions(range, 'Last hour')
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1, from: LOG_NOW - HOUR })
    await user.selectOptions(range, 'Last 7 days')
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1, from: LOG_NOW - 7 * 24 * HOUR })
    await user.selectOptions(range, 'Any time')
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1 })
  })

  it('shows a preset again after a remount while its range is still that preset; any other range as custom', () => {
    // Chosen 10 minutes ago: "Last 24 hours" is still what the range is.
    const { unmount } = render(<Harness onQueryChange={vi.fn()} initial={{ from: LOG_NOW - 24 * HOUR - 10 * 60_000 }} />)
    expect(screen.getByRole('combobox', { name: 'Time range' })).toHaveValue('24h')
    unmount()
    render(<Harness onQueryChange={vi.fn()} initial={{ from: LOG_NOW - 5 * HOUR }} />)
    expect(screen.getByRole('combobox', { name: 'Time range' })).toHaveValue('custom')
    expect(screen.getByLabelText('From')).toHaveValue(toLocalInputValue(LOG_NOW - 5 * HOUR))
  })

  it('a custom range takes local from-to times as epoch ms', async () => {
    const user = userEvent.setup()
    const onQueryChange = vi.fn()
    render(<Harness onQueryChange={onQueryChange} />)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), 'Custom…')
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-01-10T08:30' } })
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1, from: new Date(2026, 0, 10, 8, 30).getTime() })
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-01-12T18:00' } })
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1, from: new Date(2026, 0, 10, 8, 30).getTime(), to: new Date(2026, 0, 12, 18, 0).getTime() })
    expect(screen.getByLabelText('From')).toHaveValue('2026-01-10T08:30')
  })

  it('reset clears every filter and the fields, keeps page size, and keeps focus', async () => {
    const user = userEvent.setup()
    const onQueryChange = vi.fn()
    render(<Harness onQueryChange={onQueryChange} initial={{ pageSize: 50, page: 3, status: 'failed', taskId: 'abc', from: LOG_NOW - HOUR, type: 'MUSIC' }} />)
    expect(screen.getByRole('searchbox', { name: 'Task ID' })).toHaveValue('abc')
    expect(screen.getByRole('combobox', { name: 'Time range' })).toHaveValue('1h')
    const reset = screen.getByRole('button', { name: 'Reset filters' })
    await user.click(reset)
    expect(onQueryChange).toHaveBeenLastCalledWith({ pageSize: 50, page: 1 })
    expect(screen.getByRole('searchbox', { name: 'Task ID' })).toHaveValue('')
    expect(screen.getByRole('combobox', { name: 'Time range' })).toHaveValue('any')
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('')
    expect(reset).toHaveFocus()
  })
})
