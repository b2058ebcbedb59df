import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TaskLogTableView } from '../index'
import { rawJson } from './TaskDetailsDialog'
import { listResult, logTask } from './testData'

afterEach(() => vi.unstubAllGlobals())

const failed = logTask(2, {
  id: 'task_failed_1',
  requestId: 'req_77',
  billing: { transactionId: 'txn_9' },
  error: { code: 'task_failed', message: 'Upstream rejected https://cdn.example.test/in.png?sig=secret' },
  raw: { task_id: 'task_failed_1', status: 'FAILURE', fail_reason: 'Upstream rejected the input image.', extra: { n: 1 } },
})
const succeeded = logTask(0, { id: 'task_ok', assets: [{ kind: 'image', url: 'https://media.example.test/task_ok/image.png' }] })
const hostile = logTask(4, { id: 'task_js', assets: [{ kind: 'image', url: 'javascript:alert(1)' }] })

function renderLog(onOpenTask?: (id: string) => void) {
  return render(
    <TaskLogTableView
      result={listResult([succeeded, failed, hostile])}
      query={{}}
      onQueryChange={() => {}}
      preferencesStorage={null}
      onOpenTask={onOpenTask ? (task) => onOpenTask(task.id) : undefined}
    />,
  )
}

describe('TaskLogTableView: row details', () => {
  it('shows the failure reason, the support packet without URLs or keys, and the raw JSON', async () => {
    const user = userEvent.setup()
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    renderLog()
    const opener = screen.getByRole('button', { name: 'Details of task task_failed_1' })
    await user.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'Task task_failed_1' })
    const inDialog = within(dialog)

    expect(inDialog.getByRole('heading', { name: 'Failure reason' })).toBeInTheDocument()
    expect(inDialog.getByText(/Upstream rejected https:\/\/cdn\.example\.test/)).toBeInTheDocument()
    expect(inDialog.getByText('(task_failed)')).toBeInTheDocument()

    const support = inDialog.getByLabelText('Support info text')
    expect(support).toHaveTextContent('Task ID: task_failed_1')
    expect(support).toHaveTextContent('Request ID: req_77')
    expect(support).toHaveTextContent('Billing transaction ID: txn_9')
    expect(support.textContent).not.toMatch(/https?:|sig=|secret|Bearer|sk-/)
    await user.click(inDialog.getByRole('button', { name: 'Copy support info' }))
    expect(writeText).toHaveBeenCalledWith(support.textContent)
    expect(await inDialog.findByText('Support info copied')).toBeInTheDocument()

    const raw = inDialog.getByLabelText("Raw JSON of the provider's answer")
    expect(JSON.parse(raw.textContent ?? '')).toEqual(failed.raw)

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(opener).toHaveFocus()
  })

  it('previews a result through TaskResultView, and never a javascript: URL', async () => {
    const user = userEvent.setup()
    renderLog()
    await user.click(screen.getByRole('button', { name: 'Details of task task_ok' }))
    let dialog = screen.getByRole('dialog', { name: 'Task task_ok' })
    expect(within(dialog).getByRole('img', { name: 'Generated image 1' })).toHaveAttribute('src', 'https://media.example.test/task_ok/image.png')
    await user.click(within(dialog).getByRole('button', { name: 'Close' }))

    await user.click(screen.getByRole('button', { name: 'Details of task task_js' }))
    dialog = screen.getByRole('dialog', { name: 'Task task_js' })
    expect(within(dialog).queryByRole('img')).toBeNull()
    expect(within(dialog).getByText('Final media URL missing')).toBeInTheDocument()
    expect(document.body.querySelector('[href^="javascript:" i], [src^="javascript:" i]')).toBeNull()
  })

  it('hands the task to onOpenTask instead, when given', async () => {
    const user = userEvent.setup()
    const onOpenTask = vi.fn()
    renderLog(onOpenTask)
    await user.click(screen.getByRole('button', { name: 'Details of task task_ok' }))
    expect(onOpenTask).toHaveBeenCalledWith('task_ok')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('keeps odd raw answers from breaking the dialog', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(rawJson(cyclic)).toBe('The raw answer cannot be shown as JSON.')
    expect(rawJson({ big: BigInt(12) })).toContain('"big": "12"')
    expect(rawJson(undefined)).toMatch(/No raw answer/)
    expect(rawJson({ text: 'x'.repeat(60_000) })).toMatch(/more characters\)$/)
  })
})
