import type { Meta, StoryObj } from '@storybook/react-vite'
import { TaskKitError } from '@taskkit/hooks'
import { useState } from 'react'
import { expect, fn, waitFor, within } from 'storybook/test'
import { TaskLogTableView } from './TaskLogTableView'
import type { TaskListQuery } from './types'
import { listResult, logTask, logTasks, LOG_NOW } from './testData'

/**
 * The task log without a network: `TaskLogTableView` renders a `TaskListResult` and reports query
 * changes, so every state (loading, empty, error, every status) and the keyboard path are shown
 * from fixed rows. The hook form on the simulator is in TaskLogTable.stories.tsx.
 */
const MENU_TIMEOUT_MS = 5_000

const meta = {
  title: 'Components/TaskLogTable/View',
  component: TaskLogTableView,
  parameters: { layout: 'padded' },
  args: { result: listResult(logTasks(12), { total: 240, pageSize: 12 }), query: {}, onQueryChange: fn(), preferencesStorage: null, now: () => LOG_NOW, locale: 'en-US' },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 1280 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof TaskLogTableView>

export default meta
type Story = StoryObj<typeof meta>


export const Loading: Story = {
  args: { result: listResult([], { isLoading: true, isFetching: true }) },
  play: async ({ canvasElement, canvas }) => {
    await expect(canvasElement.querySelector('.tk-log')).toHaveAttribute('data-state', 'loading')
    await expect(canvas.getByText('Loading tasks…')).toBeVisible()
  },
}

export const Empty: Story = {
  args: { query: { status: 'blocked' }, result: listResult([]) },
  play: async ({ canvasElement, canvas }) => {
    await expect(canvasElement.querySelector('.tk-log')).toHaveAttribute('data-state', 'empty')
    await expect(canvas.getByText('No tasks match these filters.')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Show all tasks' })).toBeVisible()
  },
}

export const ViewError: Story = {
  name: 'Error (view)',
  args: { result: listResult([], { error: new TaskKitError('http', 'HTTP 503 from newapi', { status: 503 }), refetch: fn() }) },
  play: async ({ canvasElement, canvas }) => {
    await expect(canvasElement.querySelector('.tk-log')).toHaveAttribute('data-state', 'error')
    await expect(canvas.getByRole('alert')).toHaveTextContent('Could not load tasks: HTTP 503 from newapi')
  },
}

const everyState = [
  logTask(0),
  logTask(1),
  logTask(2),
  logTask(3),
  logTask(5),
  logTask(7),
  logTask(8, { id: 'task_cancelled', state: 'cancelled', rawStatus: 'CANCELLED', assets: [], progress: undefined }),
  logTask(9, { id: 'task_expired', state: 'expired', rawStatus: 'FAILURE', assets: [], error: { message: 'The result link expired.' } }),
  logTask(10, { id: 'task_hostile', assets: [{ kind: 'video', url: 'javascript:alert(document.domain)' }] }),
]

export const EveryStatus: Story = {
  name: 'Every status (and a javascript: URL)',
  args: { result: listResult(everyState) },
  play: async ({ canvasElement }) => {
    const statuses = [...canvasElement.querySelectorAll<HTMLElement>('tbody tr[data-status]')].map((row) => row.dataset.status)
    await expect(new Set(statuses)).toEqual(new Set(['succeeded', 'running', 'failed', 'queued', 'blocked', 'unknown', 'cancelled', 'expired']))
    await expect(canvasElement.querySelector('[href^="javascript:" i], [src^="javascript:" i]')).toBeNull()
  },
}

/** The view with its query in state, as an app holds it. */
function StatefulView({ onQueryChange }: { onQueryChange: (query: TaskListQuery) => void }) {
  const [query, setQuery] = useState<TaskListQuery>({})
  const rows = logTasks(30).filter((task) => !query.status || task.state === query.status)
  return (
    <TaskLogTableView
      preferencesStorage={null}
      now={() => LOG_NOW}
      locale="en-US"
      query={query}
      onQueryChange={(next) => {
        onQueryChange(next)
        setQuery(next)
      }}
      result={listResult(rows.slice(0, 10), { total: rows.length, pageSize: 10, page: query.page ?? 1 })}
    />
  )
}

export const KeyboardOnly: Story = {
  name: 'Keyboard only',
  render: () => <StatefulView onQueryChange={fn()} />,
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    const root = canvasElement.querySelector('.tk-log') as HTMLElement
    const body = within(document.body)
    await step('Tab reaches the filters in order', async () => {
      await userEvent.tab()
      await expect(canvas.getByRole('searchbox', { name: 'Task ID' })).toHaveFocus()
      await userEvent.tab()
      await expect(canvas.getByRole('combobox', { name: 'Time range' })).toHaveFocus()
      await userEvent.tab()
      await userEvent.tab()
      await userEvent.tab()
      await expect(canvas.getByRole('combobox', { name: 'Status' })).toHaveFocus()
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Status' }), 'Failed')
      await waitFor(() => expect(root.querySelectorAll('tbody tr[data-status]').length).toBeGreaterThan(0))
      await expect([...root.querySelectorAll<HTMLElement>('tbody tr[data-status]')].every((row) => row.dataset.status === 'failed')).toBe(true)
    })
    await step('the column menu opens with Enter, toggles with Space, closes with Escape', async () => {
      await userEvent.tab()
      await expect(canvas.getByRole('button', { name: 'Reset filters' })).toHaveFocus()
      await userEvent.tab()
      await expect(canvas.getByRole('button', { name: 'Columns' })).toHaveFocus()
      await userEvent.keyboard('{Enter}')
      const menu = await body.findByRole('menu', {}, { timeout: MENU_TIMEOUT_MS })
      await waitFor(() => expect(within(menu).getByRole('menuitemcheckbox', { name: 'Submitted' })).toHaveFocus())
      await userEvent.keyboard('{ArrowDown}{ArrowDown} ')
      await expect(within(menu).getByRole('menuitemcheckbox', { name: 'Duration' })).toHaveAttribute('aria-checked', 'false')
      await userEvent.keyboard('{Escape}')
      await waitFor(() => expect(body.queryByRole('menu')).toBeNull())
      await expect(canvas.getByRole('button', { name: 'Columns' })).toHaveFocus()
      await expect(canvas.queryByRole('columnheader', { name: /^Duration/ })).toBeNull()
    })
    await step('the compact switch toggles with Space', async () => {
      await userEvent.tab()
      await expect(canvas.getByRole('switch', { name: 'Compact rows' })).toHaveFocus()
      await userEvent.keyboard(' ')
      await expect(root).toHaveAttribute('data-density', 'compact')
    })
    await step('a header sorts with Enter', async () => {
      await userEvent.tab()
      const header = canvas.getByRole('columnheader', { name: /^Submitted/ })
      await expect(within(header).getByRole('button')).toHaveFocus()
      await userEvent.keyboard('{Enter}')
      await expect(header).toHaveAttribute('aria-sort', 'descending')
    })
  },
}

export const DarkTheme: Story = {
  name: 'Dark theme',
  globals: { theme: 'dark' },
  play: async ({ canvasElement, canvas, userEvent }) => {
    await expect(document.documentElement).toHaveAttribute('data-theme', 'dark')
    await expect(canvasElement.querySelector('.tk-log')).toHaveAttribute('data-state', 'ready')
    await userEvent.click(canvas.getByRole('button', { name: 'Details of task task_00002' }))
    const dialog = await within(document.body).findByRole('dialog', {}, { timeout: MENU_TIMEOUT_MS })
    await expect(within(dialog).getByText('Upstream rejected the input image.')).toBeVisible()
  },
}

