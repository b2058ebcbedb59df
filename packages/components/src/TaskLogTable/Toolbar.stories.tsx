import type { Meta, StoryObj } from '@storybook/react-vite'
import { TASK_STATES } from '@taskkit/hooks'
import { useState } from 'react'
import { expect, fn, waitFor } from 'storybook/test'
import { clearFilters } from './filters'
import { LOG_NOW } from './testData'
import { Toolbar, type ToolbarProps } from './Toolbar'
import type { TaskListQuery } from './types'

const DAY = 24 * 60 * 60 * 1000

/**
 * The toolbar holds no query of its own: the log does. This wrapper plays the log's part (query
 * and reset generation in state), so a picked filter shows in the fields, while the spies in args
 * record what the toolbar reported.
 */
function StatefulToolbar({ query: initial, onQueryChange, onReset, resetGeneration: _generation, ...props }: ToolbarProps) {
  const [query, setQuery] = useState<TaskListQuery>(initial)
  const [resetGeneration, setResetGeneration] = useState(0)
  return (
    <div className="tk-log">
      <Toolbar
        {...props}
        query={query}
        resetGeneration={resetGeneration}
        onQueryChange={(next) => {
          onQueryChange(next)
          setQuery(next)
        }}
        onReset={() => {
          onReset()
          setResetGeneration((value) => value + 1)
          setQuery(clearFilters(query))
        }}
      />
    </div>
  )
}

const meta = {
  title: 'Components/TaskLogTable/Parts/Toolbar',
  component: Toolbar,
  parameters: { layout: 'padded' },
  args: {
    query: {},
    onQueryChange: fn(),
    onReset: fn(),
    options: { types: ['generate', 'MUSIC', 'textGenerate'], platforms: ['kling', 'sora', 'suno'] },
    statuses: TASK_STATES,
    // A fixed clock: the time presets report `from` values the play function can predict.
    now: () => LOG_NOW,
    searchDebounceMs: 300,
    resetGeneration: 0,
  },
  render: (args) => <StatefulToolbar {...args} />,
} satisfies Meta<typeof Toolbar>

export default meta
type Story = StoryObj<typeof meta>

export const Filters: Story = {
  name: 'Pick filters, then reset',
  play: async ({ args, canvas, userEvent, step }) => {
    const type = canvas.getByRole('combobox', { name: 'Type' })
    const range = canvas.getByRole('combobox', { name: 'Time range' })
    const reset = canvas.getByRole('button', { name: 'Reset filters' })
    await expect(reset).not.toHaveAttribute('data-active')

    await step('a type filters and goes back to page 1', async () => {
      await userEvent.selectOptions(type, 'MUSIC')
      await expect(args.onQueryChange).toHaveBeenLastCalledWith({ page: 1, type: 'MUSIC' })
      await expect(type).toHaveValue('MUSIC')
    })

    await step('a time preset keeps the type and starts the window a day before now', async () => {
      await userEvent.selectOptions(range, 'Last 24 hours')
      await expect(args.onQueryChange).toHaveBeenLastCalledWith({ page: 1, type: 'MUSIC', from: LOG_NOW - DAY })
      await expect(range).toHaveValue('24h')
      // The button shows there is something to reset.
      await expect(reset).toHaveAttribute('data-active', 'true')
    })

    await step('reset clears every field', async () => {
      await userEvent.click(reset)
      await expect(args.onReset).toHaveBeenCalledTimes(1)
      // The fields remount after a reset: query them again.
      await expect(canvas.getByRole('combobox', { name: 'Type' })).toHaveValue('')
      await expect(canvas.getByRole('combobox', { name: 'Time range' })).toHaveValue('any')
      await expect(canvas.getByRole('button', { name: 'Reset filters' })).not.toHaveAttribute('data-active')
      // A disabled button would have dropped focus; this one keeps it.
      await expect(canvas.getByRole('button', { name: 'Reset filters' })).toHaveFocus()
    })
  },
}

export const SearchTaskId: Story = {
  name: 'Search a task id',
  // Long enough that typing never outlasts it: no keystroke alone may filter.
  args: { searchDebounceMs: 800 },
  play: async ({ args, canvas, userEvent }) => {
    const search = canvas.getByRole('searchbox', { name: 'Task ID' })
    await userEvent.type(search, '  task_00042 ')
    // Typed text waits for the debounce: nothing is reported on each keystroke.
    await expect(args.onQueryChange).not.toHaveBeenCalled()
    await waitFor(() => expect(args.onQueryChange).toHaveBeenLastCalledWith({ page: 1, taskId: 'task_00042' }), { timeout: 3_000 })
    await expect(args.onQueryChange).toHaveBeenCalledTimes(1)
    // Enter filters at once, without waiting for the pause.
    await userEvent.clear(search)
    await userEvent.type(search, 'task_00007{Enter}')
    await expect(args.onQueryChange).toHaveBeenLastCalledWith({ page: 1, taskId: 'task_00007' })
  },
}
