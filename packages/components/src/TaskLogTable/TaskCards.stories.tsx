import type { Meta, StoryObj } from '@storybook/react-vite'
import { useMemo } from 'react'
import { expect, fn, waitFor, within } from 'storybook/test'
import { TaskCards } from './TaskCards'
import { logTasks } from './testData'
import { useStoryTable, type RowPartStoryProps } from './storyTable'

/**
 * TaskCards needs the log's table instance (visible columns, cell callbacks): built here the way
 * TaskLogTableView builds it, with the callbacks as spies.
 */
function CardsDemo({ count, virtual, density, copyTaskId, openDetails }: RowPartStoryProps) {
  const rows = useMemo(() => logTasks(count), [count])
  const table = useStoryTable({ copyTaskId, openDetails })
  return (
    // data-layout: the cards' styles hang off the log's root, as in the narrow log.
    <div className="tk-log" data-layout="cards" data-density={density} style={{ maxWidth: 360 }}>
      <TaskCards table={table} rows={rows} label="Task log" virtual={virtual} density={density} />
    </div>
  )
}

const meta = {
  title: 'Components/TaskLogTable/Parts/TaskCards',
  component: CardsDemo,
  subcomponents: { TaskCards },
  parameters: { layout: 'padded' },
  args: { count: 8, virtual: false, density: 'standard', copyTaskId: fn(), openDetails: fn() },
} satisfies Meta<typeof CardsDemo>

export default meta
type Story = StoryObj<typeof meta>

const cardsIn = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('li[data-status]')]

export const Cards: Story = {
  name: 'One card per task',
  play: async ({ args, canvas, canvasElement, userEvent }) => {
    const list = canvas.getByRole('group', { name: 'Task log' })
    const cards = cardsIn(canvasElement)
    await expect(cards).toHaveLength(8)
    // Each card carries its task's status, for styles and tests alike.
    await expect(cards.map((card) => card.dataset.status)).toEqual(logTasks(8).map((task) => task.state))
    const first = cards[0] as HTMLElement
    await expect(within(first).getByText('task_00000')).toBeVisible()
    await expect(within(first).getByText('Platform')).toBeVisible()
    await expect(within(first).getByText('kling')).toBeVisible()
    // A short list is not a scroll trap: no tab stop on the list itself.
    await expect(list).not.toHaveAttribute('tabindex')

    await userEvent.click(within(first).getByRole('button', { name: 'Details of task task_00000' }))
    await expect(args.openDetails).toHaveBeenCalledWith(expect.objectContaining({ id: 'task_00000' }))
  },
}

export const Virtual: Story = {
  name: 'Virtual (2,000 tasks)',
  args: { count: 2_000, virtual: true, density: 'compact' },
  play: async ({ canvas, canvasElement }) => {
    const list = canvas.getByRole('group', { name: 'Task log' })
    await waitFor(() => expect(cardsIn(canvasElement).length).toBeGreaterThan(0))
    // Only the cards near the viewport are in the DOM, not 2,000.
    await expect(cardsIn(canvasElement).length).toBeLessThan(40)

    list.scrollTop = list.scrollHeight
    // Cards are measured as they render, so the end moves: keep scrolling until the last one shows.
    await waitFor(
      () => {
        list.scrollTop = list.scrollHeight
        expect(canvas.getByText('task_01999')).toBeVisible()
      },
      { timeout: 5_000 },
    )
    await expect(cardsIn(canvasElement).length).toBeLessThan(40)
  },
}
