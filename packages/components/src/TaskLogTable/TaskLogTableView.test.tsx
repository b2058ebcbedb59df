import type { Task } from '@taskkit/hooks'
import { TaskKitError } from '@taskkit/hooks'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TaskLogTableView, type TaskLogTableViewProps } from '../index'
import { listResult, logTask, logTasks, LOG_NOW } from './testData'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

function renderView(props: Partial<TaskLogTableViewProps> = {}) {
  const onQueryChange = vi.fn()
  const view = render(
    <TaskLogTableView
      result={listResult(logTasks(8))}
      query={{}}
      onQueryChange={onQueryChange}
      preferencesStorage={null}
      locale="en-US"
      now={() => LOG_NOW}
      {...props}
    />,
  )
  return { ...view, onQueryChange, root: screen.getByRole('region', { name: props.label ?? 'Task log' }) }
}

function rowOf(id: string): HTMLElement {
  const row = screen.getByText(id).closest('tr')
  if (!row) throw new Error(`no row for ${id}`)
  return row
}

describe('TaskLogTableView: columns', () => {
  it('shows every column, a caption, and one row per task with its status', () => {
    const { root } = renderView()
    expect(root).toHaveAttribute('data-state', 'ready')
    expect(root).toHaveAttribute('data-density', 'standard')
    expect(root).toHaveAttribute('data-layout', 'table')
    const table = screen.getByRole('table', { name: 'Task log' })
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent?.replace(/[▲▼↕].*$/, ''))
    expect(headers).toEqual(['Submitted', 'Completed', 'Duration', 'Type', 'Platform', 'Model', 'Task ID', 'Status', 'Progress', 'Result / details'])
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 8)
    expect(rowOf('task_00000')).toHaveAttribute('data-status', 'succeeded')
    expect(rowOf('task_00002')).toHaveAttribute('data-status', 'failed')
  })

  it('shows the provider word beside the state, progress, and times in the locale', () => {
    renderView()
    const done = within(rowOf('task_00000'))
    expect(done.getByText('Succeeded')).toBeInTheDocument()
    expect(done.getByText('SUCCESS')).toBeInTheDocument()
    expect(done.getByText('100%')).toBeInTheDocument()
    expect(done.getByText('1 min 35 s')).toBeInTheDocument()
    const submitted = logTask(0).createdAt ?? 0
    expect(done.getByText(new Date(submitted).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium' }))).toHaveAttribute(
      'datetime',
      new Date(submitted).toISOString(),
    )
  })

  it('leaves completed and duration blank while a task runs', () => {
    renderView()
    const running = rowOf('task_00001')
    expect(running).toHaveAttribute('data-status', 'running')
    expect(running.querySelector('[data-column="completed"]')).toBeEmptyDOMElement()
    expect(running.querySelector('[data-column="duration"]')).toBeEmptyDOMElement()
    expect(within(running).getByText('40%')).toBeInTheDocument()
    // The bar's fill (a pseudo-element in styles.css) is sized by this variable.
    expect(running.querySelector<HTMLElement>('.tk-log__progress-track')?.style.getPropertyValue('--tk-log-progress')).toBe('40%')
    expect(within(running).getByText('IN_PROGRESS')).toBeInTheDocument()
  })

  it('shows a queued task as waiting (a still track) and a running one without progress as unknown', () => {
    renderView({
      result: listResult([
        logTask(0, { id: 'waits', state: 'queued', rawStatus: 'QUEUED', progress: undefined }),
        logTask(1, { id: 'works', state: 'running', rawStatus: 'IN_PROGRESS', progress: undefined }),
      ]),
    })
    const waiting = rowOf('waits').querySelector('.tk-log__progress')
    expect(waiting).toHaveAttribute('data-state', 'waiting')
    expect(within(rowOf('waits')).getByText('Not started')).toBeInTheDocument()
    const working = rowOf('works').querySelector('.tk-log__progress')
    expect(working).toHaveAttribute('data-state', 'indeterminate')
    expect(within(rowOf('works')).getByText('Progress unknown')).toBeInTheDocument()
  })

  it('links a result only through a safe URL: javascript: is never rendered', () => {
    const rows = [
      logTask(0, { id: 'evil', assets: [{ kind: 'video', url: 'javascript:alert(document.domain)' }] }),
      logTask(4, { id: 'good' }),
    ]
    const { container } = renderView({ result: listResult(rows) })
    expect(within(rowOf('evil')).queryByRole('link')).toBeNull()
    expect(within(rowOf('good')).getByRole('link', { name: 'Result of task good' })).toHaveAttribute('href', 'https://media.example.test/task_00004/out.mp4')
    expect(container.querySelector('[href^="javascript:" i], [src^="javascript:" i]')).toBeNull()
  })

  it('sorts the rows by a header button and says so with aria-sort', async () => {
    const user = userEvent.setup()
    renderView()
    const header = screen.getByRole('columnheader', { name: /Task ID/ })
    expect(header).toHaveAttribute('aria-sort', 'none')
    await user.click(within(header).getByRole('button'))
    expect(header).toHaveAttribute('aria-sort', 'ascending')
    // Server pages come in the server's order: the caption says the sort reaches this page only.
    expect(screen.getByRole('table', { name: 'Task log, sorted within this page' })).toBeInTheDocument()
    await user.click(within(header).getByRole('button'))
    expect(header).toHaveAttribute('aria-sort', 'descending')
    const ids = screen.getAllByRole('row').slice(1).map((row) => within(row).getByText(/^task_/).textContent)
    expect(ids[0]).toBe('task_00007')
    expect(ids.at(-1)).toBe('task_00000')
  })

  it('copies a task id and confirms it in a live region', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    renderView()
    fireEvent.click(screen.getByRole('button', { name: 'Copy task ID task_00003' }))
    await act(async () => {})
    expect(writeText).toHaveBeenCalledWith('task_00003')
    expect(screen.getByText('Copied task ID task_00003')).toHaveAttribute('aria-live', 'polite')
  })
})

describe('TaskLogTableView: filter choices', () => {
  const optionsOf = (name: string) => within(screen.getByRole('combobox', { name })).getAllByRole('option').map((option) => option.textContent)

  it('keeps offering every type and platform seen, also while a filter narrows the rows', () => {
    const all = logTasks(6)
    const view = renderView({ result: listResult(all) })
    expect(optionsOf('Type')).toEqual(['Any type', 'generate', 'MUSIC', 'textGenerate'])
    expect(optionsOf('Platform')).toEqual(['Any platform', 'kling', 'sora', 'suno'])
    // The app filtered by one type: only those rows come back.
    const music = all.filter((task) => task.type === 'MUSIC')
    view.rerender(
      <TaskLogTableView result={listResult(music)} query={{ type: 'MUSIC' }} onQueryChange={() => {}} preferencesStorage={null} locale="en-US" now={() => LOG_NOW} />,
    )
    expect(screen.getByRole('combobox', { name: 'Type' })).toHaveValue('MUSIC')
    expect(optionsOf('Type')).toEqual(['Any type', 'generate', 'MUSIC', 'textGenerate'])
    expect(optionsOf('Platform')).toEqual(['Any platform', 'kling', 'sora', 'suno'])
  })

  it('adds a type or platform first seen in later rows, after the rows render', async () => {
    const view = renderView({ result: listResult(logTasks(3)) })
    expect(optionsOf('Platform')).not.toContain('midjourney')
    view.rerender(
      <TaskLogTableView
        result={listResult([logTask(9, { type: 'imagine', platform: 'midjourney' }), ...logTasks(3)])}
        query={{}}
        onQueryChange={() => {}}
        preferencesStorage={null}
        locale="en-US"
        now={() => LOG_NOW}
      />,
    )
    // The row is there at once; the scan for new choices waits until the browser is idle.
    expect(screen.getByText('task_00009')).toBeInTheDocument()
    await waitFor(() => expect(optionsOf('Platform')).toContain('midjourney'))
    expect(optionsOf('Type')).toContain('imagine')
  })

  it('offers only the states the source can filter by, and keeps a current value that is not among them', () => {
    const optionValues = () => within(screen.getByRole('combobox', { name: 'Status' })).getAllByRole('option').map((option) => (option as HTMLOptionElement).value)
    const view = renderView({ result: listResult(logTasks(3), { statuses: ['queued', 'running', 'succeeded', 'failed'] }) })
    expect(optionValues()).toEqual(['', 'queued', 'running', 'succeeded', 'failed'])
    view.rerender(
      <TaskLogTableView
        result={listResult([], { statuses: ['queued', 'running'] })}
        query={{ status: 'cancelled' }}
        onQueryChange={() => {}}
        preferencesStorage={null}
        locale="en-US"
        now={() => LOG_NOW}
      />,
    )
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('cancelled')
    expect(optionValues()).toEqual(['', 'cancelled', 'queued', 'running'])
    // Without a list (local history, or an adapter that does not say), every state.
    view.rerender(<TaskLogTableView result={listResult(logTasks(3))} query={{}} onQueryChange={() => {}} preferencesStorage={null} locale="en-US" now={() => LOG_NOW} />)
    expect(optionValues()).toHaveLength(1 + 8)
  })

  it('starts over for another account', () => {
    const view = renderView({ result: listResult(logTasks(6)), account: 'ana' })
    view.rerender(
      <TaskLogTableView
        result={listResult([logTask(0, { type: 'imagine', platform: 'midjourney' })])}
        query={{}}
        onQueryChange={() => {}}
        account="ben"
        preferencesStorage={null}
        locale="en-US"
        now={() => LOG_NOW}
      />,
    )
    expect(optionsOf('Type')).toEqual(['Any type', 'imagine'])
    expect(optionsOf('Platform')).toEqual(['Any platform', 'midjourney'])
  })
})

describe('TaskLogTableView: states', () => {
  it('loading', () => {
    const { root } = renderView({ result: listResult([], { isLoading: true, isFetching: true }) })
    expect(root).toHaveAttribute('data-state', 'loading')
    expect(root).toHaveAttribute('aria-busy', 'true')
    expect(screen.getByText('Loading tasks…')).toBeInTheDocument()
  })

  it('empty, and with filters a way back to every task', () => {
    const { root, onQueryChange, rerender } = renderView({ result: listResult([]) })
    expect(root).toHaveAttribute('data-state', 'empty')
    expect(screen.getByText('No tasks yet.')).toBeInTheDocument()
    rerender(
      <TaskLogTableView result={listResult([])} query={{ status: 'failed', page: 3 }} onQueryChange={onQueryChange} preferencesStorage={null} />,
    )
    expect(screen.getByText('No tasks match these filters.')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Show all tasks' }))
    expect(onQueryChange).toHaveBeenLastCalledWith({ page: 1 })
  })

  it('error, with a retry', () => {
    const refetch = vi.fn()
    const error = new TaskKitError('http', 'HTTP 503 from newapi', { status: 503 })
    const { root } = renderView({ result: listResult([], { error, refetch }) })
    expect(root).toHaveAttribute('data-state', 'error')
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load tasks: HTTP 503 from newapi')
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('an unknown status word does not break the row', () => {
    const odd = logTask(0, { id: 'odd', state: 'weird' as Task['state'], rawStatus: 'SOMETHING_NEW' })
    renderView({ result: listResult([odd]) })
    expect(within(rowOf('odd')).getByText('Status unknown')).toBeInTheDocument()
    expect(within(rowOf('odd')).getByText('SOMETHING_NEW')).toBeInTheDocument()
  })
})

describe('TaskLogTableView: pagination', () => {
  it('moves between server pages through the query', async () => {
    const user = userEvent.setup()
    const { onQueryChange } = renderView({ result: listResult(logTasks(20), { total: 4321, page: 1, pageSize: 20 }), query: { status: 'failed' } })
    expect(screen.getByText('Page 1 of 217 · 4,321 tasks')).toBeInTheDocument()
    const previous = screen.getByRole('button', { name: 'Previous page' })
    expect(previous).toHaveAttribute('aria-disabled', 'true')
    await user.click(previous)
    expect(onQueryChange).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'Next page' }))
    expect(onQueryChange).toHaveBeenLastCalledWith({ status: 'failed', page: 2, pageSize: 20 })
    await user.click(screen.getByRole('button', { name: 'Last page' }))
    expect(onQueryChange).toHaveBeenLastCalledWith({ status: 'failed', page: 217, pageSize: 20 })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rows per page' }), '50')
    expect(onQueryChange).toHaveBeenLastCalledWith({ status: 'failed', page: 1, pageSize: 50 })
  })

  it('a local list has no pages, only a count', () => {
    renderView({ result: listResult(logTasks(5), { source: 'local', pageSize: 5 }) })
    expect(screen.queryByRole('navigation', { name: 'Pages' })).toBeNull()
    expect(screen.getByText('5 tasks')).toBeInTheDocument()
  })

  it('a long local list is virtualized: never every row in the DOM', () => {
    const { root } = renderView({ result: listResult(logTasks(5000), { source: 'local', pageSize: 5000 }) })
    expect(root).toHaveAttribute('data-source', 'local')
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '5001')
    // jsdom has no layout, so the virtualizer renders few or none; a browser story checks the window.
    expect(root.querySelectorAll('tbody tr[data-status]').length).toBeLessThan(100)
  })
})

describe('TaskLogTableView: cards', () => {
  it('renders a card list with the same cells when asked for cards', () => {
    const { root } = renderView({ layout: 'cards' })
    expect(root).toHaveAttribute('data-layout', 'cards')
    expect(screen.queryByRole('table')).toBeNull()
    const cards = root.querySelectorAll('li[data-status]')
    expect(cards).toHaveLength(8)
    const first = within(cards[0] as HTMLElement)
    expect(first.getByText('task_00000')).toBeInTheDocument()
    expect(first.getByText('Submitted')).toBeInTheDocument()
    expect(first.getByRole('button', { name: 'Details of task task_00000' })).toBeInTheDocument()
  })
})
