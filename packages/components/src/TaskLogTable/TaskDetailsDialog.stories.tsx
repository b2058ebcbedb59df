import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, waitFor, within } from 'storybook/test'
import { TaskDetailsDialog } from './TaskDetailsDialog'
import { logTask } from './testData'

/**
 * A task log row's details, open: the facts, the result preview (TaskResultView), the failure
 * reason, the support packet and the raw JSON. Inside the log it opens from a row's Details
 * button (TaskLogTable and TaskLogTableView stories); here each kind of task is shown at once.
 */
const DIALOG_TIMEOUT_MS = 5_000

const meta = {
  title: 'Components/TaskLogTable/Parts/TaskDetailsDialog',
  component: TaskDetailsDialog,
  parameters: { layout: 'padded' },
  args: { task: logTask(2), onClose: fn(), locale: 'en-US', supportExtra: { endpoint: '/api/task/self' } },
} satisfies Meta<typeof TaskDetailsDialog>

export default meta
type Story = StoryObj<typeof meta>

const dialog = () => within(document.body).findByRole('dialog', {}, { timeout: DIALOG_TIMEOUT_MS })

export const Failed: Story = {
  name: 'Failed: reason, support packet, raw JSON',
  play: async ({ args, userEvent }) => {
    const open = within(await dialog())
    await expect(open.getByRole('heading', { name: /^Task task_00002/ })).toBeVisible()
    await expect(open.getByRole('heading', { name: 'Failure reason' })).toBeVisible()
    await expect(open.getByText('Upstream rejected the input image.')).toBeVisible()
    // The support packet names the request and task, never a URL or a key.
    await expect(open.getByRole('region', { name: 'Support info text' })).toHaveTextContent('req_2')
    await expect(open.getByRole('region', { name: 'Support info text' }).textContent).not.toMatch(/https?:/)
    await expect(open.getByRole('region', { name: "Raw JSON of the provider's answer" })).toHaveTextContent('"fail_reason"')
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(args.onClose).toHaveBeenCalled())
  },
}

export const Succeeded: Story = {
  name: 'Succeeded: the result preview',
  args: { task: logTask(4, { id: 'task_done', assets: [{ kind: 'image', url: 'https://media.example.test/task_done/out.png' }] }) },
  play: async () => {
    const open = within(await dialog())
    await expect(open.getByRole('heading', { name: 'Result' })).toBeVisible()
    await expect(open.getByRole('img')).toHaveAttribute('src', 'https://media.example.test/task_done/out.png')
    await expect(open.queryByRole('heading', { name: 'Failure reason' })).toBeNull()
  },
}

export const HostileUrl: Story = {
  name: 'A javascript: URL in the result',
  args: { task: logTask(0, { id: 'task_hostile', assets: [{ kind: 'video', url: 'javascript:alert(document.domain)' }] }) },
  play: async () => {
    const open = await dialog()
    await expect(open.querySelector('[href^="javascript:" i], [src^="javascript:" i]')).toBeNull()
  },
}
