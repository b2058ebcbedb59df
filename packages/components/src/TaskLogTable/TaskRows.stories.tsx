import type { Meta, StoryObj } from '@storybook/react-vite'
import type { SortingState } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import { expect, fn, waitFor, within } from 'storybook/test'
import { sortTasks } from './columns'
import { TaskRows } from './TaskRows'
import { logTasks } from './testData'
import { dataRowsIn, useStoryTable, windowOf, type RowPartStoryProps } from './storyTable'

/**
 * TaskRows needs the log's table instance: built here the way TaskLogTableView builds it, with the
 * sorting state the headers toggle and `sortTasks` ordering the rows, so a click reorders them.
 */
function RowsDemo({ count, virtual, density, copyTaskId, openDetails }: RowPartStoryProps) {
  const tasks = useMemo(() => logTasks(count), [count])
  const [sorting, setSorting] = useState<SortingState>([])
  const table = useStoryTable({ copyTaskId, openDetails }, sorting, setSorting)
  const rows = useMemo(() => sortTasks(tasks, sorting), [tasks, sorting])
  return (
    <div className="tk-log" data-layout="table" data-density={density}>
      <TaskRows
        table={table}
        rows={rows}
        label="Task log"
        virtual={virtual}
        density={density}
        total={tasks.length}
        captionNote={!virtual && sorting.length > 0 ? 'sorted within this page' : undefined}
      >
        {rows.length === 0 ? (
          <p className="tk-log__message" role="status">
            No tasks yet.
          </p>
        ) : null}
      </TaskRows>
    </div>
  )
}

const meta = {
  title: 'Components/TaskLogTable/Parts/TaskRows',
  component: RowsDemo,
  subcomponents: { TaskRows },
  parameters: { layout: 'padded' },
  args: { count: 10, virtual: false, density: 'standard', copyTaskId: fn(), openDetails: fn() },
} satisfies Meta<typeof RowsDemo>

export default meta
type Story = StoryObj<typeof meta>

const idsIn = (root: HTMLElement) => dataRowsIn(root).map((row) => row.querySelector('[data-column="taskId"]')?.textContent?.match(/task_\d+/)?.[0])

export const Sortable: Story = {
  name: 'A page of rows, sorted by a header',
  play: async ({ canvas, canvasElement, userEvent }) => {
    // The caption names the table.
    const table = canvas.getByRole('table', { name: 'Task log' })
    await expect(dataRowsIn(canvasElement)).toHaveLength(10)
    await expect(table).not.toHaveAttribute('aria-rowcount')

    // Sortable headers say so; the details column cannot be sorted.
    const header = canvas.getByRole('columnheader', { name: /^Task ID/ })
    await expect(header).toHaveAttribute('aria-sort', 'none')
    await expect(canvas.getByRole('columnheader', { name: /^Submitted/ })).toHaveAttribute('aria-sort', 'none')
    await expect(canvas.getByRole('columnheader', { name: 'Result / details' })).not.toHaveAttribute('aria-sort')
    await expect(within(canvas.getByRole('columnheader', { name: 'Result / details' })).queryByRole('button')).toBeNull()

    const sortButton = within(header).getByRole('button')
    // The button tells what the next click does.
    await expect(sortButton).toHaveAccessibleName(/sort ascending$/)
    await userEvent.click(sortButton)
    await expect(header).toHaveAttribute('aria-sort', 'ascending')
    await expect(idsIn(canvasElement)[0]).toBe('task_00000')
    await expect(table).toHaveAccessibleName('Task log, sorted within this page')

    await userEvent.click(sortButton)
    await expect(header).toHaveAttribute('aria-sort', 'descending')
    await expect(idsIn(canvasElement)).toEqual(logTasks(10).map((task) => task.id).reverse())
  },
}

export const Virtual: Story = {
  name: 'Virtual (5,000 tasks)',
  args: { count: 5_000, virtual: true },
  play: async ({ canvas, canvasElement }) => {
    const table = canvas.getByRole('table', { name: 'Task log' })
    // Screen readers hear the whole list's size, not the rendered slice.
    await expect(table).toHaveAttribute('aria-rowcount', '5001')
    const scroller = canvasElement.querySelector<HTMLElement>('.tk-log__scroll') as HTMLElement

    // Wherever the list is scrolled, the view is filled with rows and at most one row beyond each
    // edge is rendered (the window follows the scroll position, nothing is measured per row).
    for (const top of [0, 1, 47, 4_800, 123_457, 60_000]) {
      scroller.scrollTop = top
      await waitFor(() => expect(windowOf(scroller)).toEqual({ outside: expect.any(Number), covered: true }))
      await expect(windowOf(scroller).outside).toBeLessThanOrEqual(2)
    }

    scroller.scrollTop = scroller.scrollHeight
    await waitFor(() => expect(canvas.getByText('task_04999')).toBeVisible())
    // At the end, nothing below the last row: one row beyond the top edge only.
    await waitFor(() => expect(windowOf(scroller)).toEqual({ outside: 1, covered: true }))
    const last = dataRowsIn(canvasElement).at(-1) as HTMLElement
    await expect(last).toHaveAttribute('aria-rowindex', '5001')
  },
}

export const VirtualCompact: Story = {
  name: 'Virtual, compact (5,000 tasks)',
  args: { count: 5_000, virtual: true, density: 'compact' },
  play: async ({ canvasElement }) => {
    const scroller = canvasElement.querySelector<HTMLElement>('.tk-log__scroll') as HTMLElement
    // Shorter rows: more of them fill the view, still with at most one beyond each edge.
    const heights = new Set(dataRowsIn(canvasElement).map((row) => row.getBoundingClientRect().height))
    await expect([...heights]).toEqual([40])
    for (const top of [0, 2_000, 33_333]) {
      scroller.scrollTop = top
      await waitFor(() => expect(windowOf(scroller).covered).toBe(true))
      await expect(windowOf(scroller).outside).toBeLessThanOrEqual(2)
    }
  },
}

export const Empty: Story = {
  name: 'No rows (message in the body)',
  args: { count: 0 },
  play: async ({ canvas, canvasElement }) => {
    await expect(dataRowsIn(canvasElement)).toHaveLength(0)
    await expect(canvas.getByRole('status')).toHaveTextContent('No tasks yet.')
  },
}
