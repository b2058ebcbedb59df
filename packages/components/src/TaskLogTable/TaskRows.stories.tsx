import type { Meta, StoryObj } from '@storybook/react-vite'
import type { SortingState } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import { expect, fn, waitFor, within } from 'storybook/test'
import { sortTasks } from './columns'
import { TaskRows } from './TaskRows'
import { logTasks } from './testData'
import { useStoryTable, type RowPartStoryProps } from './storyTable'

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

const rowsIn = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('tbody tr[data-status]')]
const idsIn = (root: HTMLElement) => rowsIn(root).map((row) => row.querySelector('[data-column="taskId"]')?.textContent?.match(/task_\d+/)?.[0])

export const Sortable: Story = {
  name: 'A page of rows, sorted by a header',
  play: async ({ canvas, canvasElement, userEvent }) => {
    // The caption names the table.
    const table = canvas.getByRole('table', { name: 'Task log' })
    await expect(rowsIn(canvasElement)).toHaveLength(10)
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
    await waitFor(() => expect(rowsIn(canvasElement).length).toBeGreaterThan(5))
    await expect(rowsIn(canvasElement).length).toBeLessThan(60)

    const scroller = canvasElement.querySelector<HTMLElement>('.tk-log__scroll') as HTMLElement
    scroller.scrollTop = scroller.scrollHeight
    await waitFor(() => expect(canvas.getByText('task_04999')).toBeVisible())
    await expect(rowsIn(canvasElement).length).toBeLessThan(60)
    const last = rowsIn(canvasElement).at(-1) as HTMLElement
    await expect(last).toHaveAttribute('aria-rowindex', '5001')
  },
}

export const Empty: Story = {
  name: 'No rows (message in the body)',
  args: { count: 0 },
  play: async ({ canvas, canvasElement }) => {
    await expect(rowsIn(canvasElement)).toHaveLength(0)
    await expect(canvas.getByRole('status')).toHaveTextContent('No tasks yet.')
  },
}
