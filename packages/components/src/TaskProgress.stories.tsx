import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn } from 'storybook/test'
import { fixtureTask } from './fixtures'
import { TaskProgress } from './TaskProgress'

/**
 * Presentational stories: a fixture task per state. Times are relative to "now" when the story
 * renders, so the elapsed clock looks real.
 */
const now = Date.now()

const meta = {
  title: 'Components/TaskProgress',
  component: TaskProgress,
  args: {
    task: fixtureTask({ createdAt: now - 65_000 }),
    onCancel: fn(),
  },
  argTypes: {
    variant: { control: 'inline-radio', options: ['full', 'compact'] },
    cancelState: {
      control: 'select',
      options: ['idle', 'requesting', 'requested', 'cancelled', 'completed-anyway', 'not-cancellable', 'unsupported', 'error'],
    },
    task: { control: 'object' },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 420, padding: 16 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof TaskProgress>

export default meta
type Story = StoryObj<typeof meta>

export const Queued: Story = {
  args: { task: fixtureTask({ state: 'queued', rawStatus: 'pending', queuePosition: 3, createdAt: now - 5_000 }) },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.querySelector('[data-status="queued"]')).not.toBeNull()
    await expect(canvas.getByRole('status')).toHaveTextContent('Queued')
    await expect(canvas.getByText('#3 in queue')).toBeVisible()
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('data-state', 'indeterminate')
  },
}

export const Running: Story = {
  args: { task: fixtureTask({ progress: 42, etaMs: 120_000, createdAt: now - 65_000 }) },
  play: async ({ canvas, args, userEvent }) => {
    const bar = canvas.getByRole('progressbar', { name: 'Task task_01 progress' })
    await expect(bar).toHaveAttribute('aria-valuenow', '42')
    await expect(bar).toHaveAttribute('aria-valuetext', '42%')
    await expect(canvas.getByText('about 2 min left')).toBeVisible()
    await expect(canvas.getByText('(in_progress)')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Request cancellation' }))
    await expect(args.onCancel).toHaveBeenCalledTimes(1)
  },
}

export const RunningIndeterminate: Story = {
  name: 'Running without progress',
  args: { task: fixtureTask({ progress: undefined, rawStatus: 'processing' }) },
  play: async ({ canvas }) => {
    const bar = canvas.getByRole('progressbar')
    await expect(bar).toHaveAttribute('data-state', 'indeterminate')
    await expect(bar).not.toHaveAttribute('aria-valuenow')
  },
}

export const Succeeded: Story = {
  args: { task: fixtureTask({ state: 'succeeded', rawStatus: 'completed', progress: 100, finishedAt: now - 1_000, createdAt: now - 95_000 }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Succeeded')
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
    await expect(canvas.getByText('1:34')).toBeVisible()
    await expect(canvas.queryByRole('button')).toBeNull()
  },
}

export const Failed: Story = {
  args: {
    task: fixtureTask({
      state: 'failed',
      rawStatus: 'failed',
      progress: 30,
      finishedAt: now,
      error: { code: 'task_failed', message: 'The model ran out of memory.' },
    }),
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.querySelector('[data-status="failed"]')).not.toBeNull()
    await expect(canvas.getByText('The model ran out of memory.')).toBeVisible()
    await expect(canvas.getByText('(task_failed)')).toBeVisible()
    await expect(canvas.queryByRole('button')).toBeNull()
  },
}

export const Blocked: Story = {
  args: {
    task: fixtureTask({
      state: 'blocked',
      rawStatus: 'SAFETY_BLOCKED',
      finishedAt: now,
      error: { code: 'SAFETY.INPUT.TEXT', message: 'The prompt was blocked by moderation.' },
    }),
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Blocked by moderation')
    await expect(canvas.getByText('The prompt was blocked by moderation.')).toBeVisible()
  },
}

export const Expired: Story = {
  args: { task: fixtureTask({ state: 'expired', rawStatus: 'expired', finishedAt: now }) },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Expired')
    await expect(canvasElement.querySelector('[data-status="expired"]')).not.toBeNull()
    await expect(canvas.queryByRole('progressbar')).toBeNull()
  },
}

export const Cancelled: Story = {
  args: { task: fixtureTask({ state: 'cancelled', rawStatus: 'failed', cancelled: true, progress: 20, finishedAt: now }), cancelState: 'cancelled' },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.querySelector('[data-cancel-state="cancelled"]')).not.toBeNull()
    await expect(canvas.getAllByText('Cancelled')).toHaveLength(2)
    await expect(canvas.queryByRole('button')).toBeNull()
  },
}

export const CancelRequested: Story = {
  name: 'Cancel requested',
  args: { task: fixtureTask({ progress: 55 }), cancelState: 'requested' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Cancellation requested')).toBeVisible()
    await expect(canvas.queryByRole('button')).toBeNull()
  },
}

export const CancelRequesting: Story = {
  name: 'Cancel requesting',
  args: { task: fixtureTask({ progress: 55 }), cancelState: 'requesting' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: 'Requesting…' })).toBeDisabled()
  },
}

export const CancelRefused: Story = {
  name: 'Cancel refused (not cancellable)',
  args: { task: fixtureTask({ progress: 70 }), cancelState: 'not-cancellable' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Can't cancel: already running")).toBeVisible()
  },
}

export const CancelUnsupported: Story = {
  name: 'Cancel unsupported',
  args: { task: fixtureTask({ provider: 'tripo', progress: 10 }), cancelState: 'unsupported' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Not supported for this model')).toBeVisible()
  },
}

export const CancelFailed: Story = {
  name: 'Cancel failed',
  args: { task: fixtureTask({ progress: 35 }), cancelState: 'error' },
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel failed, try again' }))
    await expect(args.onCancel).toHaveBeenCalled()
  },
}

export const Compact: Story = {
  args: { task: fixtureTask({ progress: 64, etaMs: 30_000 }), variant: 'compact' },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.querySelector('[data-variant="compact"]')).not.toBeNull()
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '64')
    await expect(canvas.queryByText('(in_progress)')).toBeNull()
  },
}

export const Dark: Story = {
  name: 'Dark theme',
  globals: { theme: 'dark' },
  args: {
    task: fixtureTask({ progress: 42, etaMs: 90_000 }),
  },
  play: async ({ canvas }) => {
    await expect(document.documentElement).toHaveAttribute('data-theme', 'dark')
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '42')
    await expect(canvas.getByRole('button', { name: 'Request cancellation' })).toBeVisible()
  },
}

export const DarkFailed: Story = {
  name: 'Dark theme, failed',
  globals: { theme: 'dark' },
  args: { ...Failed.args, cancelState: 'completed-anyway' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('The model ran out of memory.')).toBeVisible()
    await expect(canvas.getByText('Finished before it could be cancelled')).toBeVisible()
  },
}

export const Offline: Story = {
  name: 'Offline',
  args: { task: fixtureTask({ progress: 48, etaMs: 60_000 }), offline: true },
  play: async ({ canvas, canvasElement }) => {
    const root = canvasElement.querySelector('.tk-progress')
    await expect(root).toHaveAttribute('data-offline')
    await expect(root).toHaveAttribute('data-status', 'running')
    await expect(canvas.getByText('Offline — will resume when you reconnect')).toBeVisible()
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '48')
  },
}

export const OutcomeUnknown: Story = {
  name: 'Outcome unknown',
  args: {
    task: undefined,
    onCancel: undefined,
    outcomeUnknown: { jobId: 'job_7f3a', endpoint: '/v1/videos/generations', model: 'video-gen-2', submittedAt: now - 42_000 },
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.querySelector('[data-status="outcome-unknown"]')).not.toBeNull()
    await expect(canvas.getByRole('status')).toHaveTextContent(
      'Outcome unknown: the create request got no answer. Check before submitting again.',
    )
    await expect(canvas.getByText('job_7f3a')).toBeVisible()
    await expect(canvas.getByText('/v1/videos/generations')).toBeVisible()
    await expect(canvas.getByText('video-gen-2')).toBeVisible()
    await expect(canvasElement.querySelector('time')).toHaveAttribute('dateTime', new Date(now - 42_000).toISOString())
    await expect(canvas.queryByRole('progressbar')).toBeNull()
    await expect(canvas.queryByRole('button')).toBeNull()
  },
}
