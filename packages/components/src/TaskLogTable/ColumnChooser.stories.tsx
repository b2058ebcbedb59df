import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, fn, waitFor, within } from 'storybook/test'
import { ColumnChooser, type ColumnChoice, type ColumnChooserProps } from './ColumnChooser'
import { HIDEABLE_COLUMNS } from './columns'

const MENU_TIMEOUT_MS = 5_000

/** The log keeps the visible columns; here a wrapper does, so a toggled item shows its new state. */
function StatefulChooser({ columns: initial, onToggle }: ColumnChooserProps) {
  const [columns, setColumns] = useState<readonly ColumnChoice[]>(initial)
  return (
    <div className="tk-log">
      <ColumnChooser
        columns={columns}
        onToggle={(id, visible) => {
          onToggle(id, visible)
          setColumns((current) => current.map((column) => (column.id === id ? { ...column, visible } : column)))
        }}
      />
    </div>
  )
}

const meta = {
  title: 'Components/TaskLogTable/Parts/ColumnChooser',
  component: ColumnChooser,
  parameters: { layout: 'padded' },
  args: {
    columns: HIDEABLE_COLUMNS.map((column) => ({ ...column, visible: column.id !== 'completed' })),
    onToggle: fn(),
  },
  render: (args) => <StatefulChooser {...args} />,
} satisfies Meta<typeof ColumnChooser>

export default meta
type Story = StoryObj<typeof meta>

export const ToggleColumns: Story = {
  name: 'Toggle several columns, close with Escape',
  play: async ({ args, canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Columns' })
    await userEvent.click(button)
    // The menu is portalled out of the canvas, into the body.
    const body = within(document.body)
    const menu = await body.findByRole('menu', {}, { timeout: MENU_TIMEOUT_MS })
    await expect(within(menu).getAllByRole('menuitemcheckbox')).toHaveLength(HIDEABLE_COLUMNS.length)
    await expect(within(menu).getByRole('menuitemcheckbox', { name: 'Completed' })).toHaveAttribute('aria-checked', 'false')

    await userEvent.click(within(menu).getByRole('menuitemcheckbox', { name: 'Model' }))
    await expect(args.onToggle).toHaveBeenLastCalledWith('model', false)
    await expect(within(menu).getByRole('menuitemcheckbox', { name: 'Model' })).toHaveAttribute('aria-checked', 'false')
    // Still open: several columns can be toggled in a row.
    await expect(body.getByRole('menu')).toBeVisible()

    await userEvent.click(within(menu).getByRole('menuitemcheckbox', { name: 'Completed' }))
    await expect(args.onToggle).toHaveBeenLastCalledWith('completed', true)
    await expect(within(menu).getByRole('menuitemcheckbox', { name: 'Completed' })).toHaveAttribute('aria-checked', 'true')

    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(body.queryByRole('menu')).toBeNull())
    // Focus goes back where the user opened the menu.
    await expect(button).toHaveFocus()
  },
}
