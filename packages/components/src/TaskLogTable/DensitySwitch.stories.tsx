import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState, type ComponentProps } from 'react'
import { expect, fn } from 'storybook/test'
import { DensitySwitch } from './DensitySwitch'
import type { TaskLogDensity } from './types'

type DensitySwitchProps = ComponentProps<typeof DensitySwitch>

/** The log owns the density; here a wrapper does, and shows it on the root as the log does. */
function StatefulSwitch({ density: initial, onChange }: DensitySwitchProps) {
  const [density, setDensity] = useState<TaskLogDensity>(initial)
  return (
    <div className="tk-log" data-density={density}>
      <DensitySwitch
        density={density}
        onChange={(next) => {
          onChange(next)
          setDensity(next)
        }}
      />
    </div>
  )
}

const meta = {
  title: 'Components/TaskLogTable/Parts/DensitySwitch',
  component: DensitySwitch,
  parameters: { layout: 'padded' },
  args: { density: 'standard', onChange: fn() },
  render: (args) => <StatefulSwitch {...args} />,
} satisfies Meta<typeof DensitySwitch>

export default meta
type Story = StoryObj<typeof meta>

export const Toggle: Story = {
  name: 'Click and Space toggle it',
  play: async ({ args, canvas, canvasElement, userEvent }) => {
    const toggle = canvas.getByRole('switch', { name: 'Compact rows' })
    await expect(toggle).toHaveAttribute('aria-checked', 'false')

    await userEvent.click(toggle)
    await expect(args.onChange).toHaveBeenLastCalledWith('compact')
    await expect(toggle).toHaveAttribute('aria-checked', 'true')
    await expect(toggle).toHaveAttribute('data-state', 'on')
    await expect(canvasElement.querySelector('.tk-log')).toHaveAttribute('data-density', 'compact')

    // A switch answers Space like a button: keyboard users get the same toggle.
    await userEvent.keyboard(' ')
    await expect(args.onChange).toHaveBeenLastCalledWith('standard')
    await expect(toggle).toHaveAttribute('aria-checked', 'false')
    await expect(toggle).toHaveFocus()
  },
}

export const StartsCompact: Story = {
  name: 'Starts compact',
  args: { density: 'compact' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('switch', { name: 'Compact rows' })).toHaveAttribute('aria-checked', 'true')
  },
}
