import type { StorageLike } from '@taskkit/hooks'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { TaskLogTableView } from '../index'
import { DEFAULT_PREFERENCES, preferencesKey, readPreferences } from './preferences'
import { listResult, logTasks } from './testData'

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    get length() {
      return data.size
    },
    key: (index) => [...data.keys()][index] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  }
}

function renderLog(account: string, storage: StorageLike | null) {
  return render(
    <TaskLogTableView result={listResult(logTasks(3))} query={{}} onQueryChange={() => {}} account={account} preferencesStorage={storage} />,
  )
}

const headerNames = () => screen.getAllByRole('columnheader').map((header) => header.textContent?.replace(/[▲▼↕].*$/, ''))

describe('TaskLogTableView: column chooser and density, remembered per account', () => {
  it('hides a column; it stays hidden after a remount for the same account, not for another', async () => {
    const user = userEvent.setup()
    const storage = memoryStorage()
    const first = renderLog('alice', storage)
    await user.click(screen.getByRole('button', { name: 'Columns' }))
    const menu = await screen.findByRole('menu')
    const model = within(menu).getByRole('menuitemcheckbox', { name: 'Model' })
    expect(model).toHaveAttribute('aria-checked', 'true')
    await user.click(model)
    expect(within(menu).getByRole('menuitemcheckbox', { name: 'Model' })).toHaveAttribute('aria-checked', 'false')
    // The details column cannot be hidden: it is how a row's details are reached.
    expect(within(menu).queryByRole('menuitemcheckbox', { name: 'Result / details' })).toBeNull()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).toBeNull()
    expect(screen.getByRole('button', { name: 'Columns' })).toHaveFocus()
    expect(headerNames()).not.toContain('Model')
    expect(screen.queryByText('kling-v2-6')).toBeNull()
    first.unmount()

    const again = renderLog('alice', storage)
    expect(headerNames()).not.toContain('Model')
    again.unmount()

    renderLog('bob', storage)
    expect(headerNames()).toContain('Model')
    expect(JSON.parse(storage.data.get(preferencesKey('alice')) ?? '{}')).toEqual({ columnVisibility: { model: false }, density: 'standard' })
  })

  it('remembers the compact switch', async () => {
    const user = userEvent.setup()
    const storage = memoryStorage()
    const first = renderLog('alice', storage)
    const root = screen.getByRole('region', { name: 'Task log' })
    const compact = screen.getByRole('switch', { name: 'Compact rows' })
    expect(compact).toHaveAttribute('aria-checked', 'false')
    await user.click(compact)
    expect(compact).toHaveAttribute('aria-checked', 'true')
    expect(root).toHaveAttribute('data-density', 'compact')
    first.unmount()
    renderLog('alice', storage)
    expect(screen.getByRole('region', { name: 'Task log' })).toHaveAttribute('data-density', 'compact')
    expect(screen.getByRole('switch', { name: 'Compact rows' })).toHaveAttribute('aria-checked', 'true')
  })

  it('falls back to the defaults on corrupt storage, and ignores unknown values', () => {
    const storage = memoryStorage({ [preferencesKey('alice')]: '{not json' })
    renderLog('alice', storage)
    expect(screen.getByRole('region', { name: 'Task log' })).toHaveAttribute('data-density', 'standard')
    expect(headerNames()).toHaveLength(10)
    expect(readPreferences(memoryStorage({ [preferencesKey('x')]: '{"density":"tiny","columnVisibility":{"model":"no","nope":false,"type":false}}' }), 'x')).toEqual({
      density: 'standard',
      columnVisibility: { type: false },
    })
    expect(readPreferences(memoryStorage({ [preferencesKey('x')]: 'null' }), 'x')).toEqual(DEFAULT_PREFERENCES)
  })

  it('keeps working when storage throws (disabled or full): choices live in memory', async () => {
    const user = userEvent.setup()
    const broken: StorageLike = {
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: () => {},
    }
    renderLog('alice', broken)
    await user.click(screen.getByRole('switch', { name: 'Compact rows' }))
    expect(screen.getByRole('region', { name: 'Task log' })).toHaveAttribute('data-density', 'compact')
  })

  it('renders on the server with the remembered choices', () => {
    const storage = memoryStorage({ [preferencesKey('alice')]: '{"density":"compact","columnVisibility":{"model":false}}' })
    const html = renderToString(
      <TaskLogTableView result={listResult(logTasks(2))} query={{}} onQueryChange={() => {}} account="alice" preferencesStorage={storage} />,
    )
    expect(html).toContain('data-density="compact"')
    expect(html).toContain('task_00001')
    expect(html).not.toContain('kling-v2-6')
  })
})
