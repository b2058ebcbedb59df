import { act, fireEvent, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createTaskClient, TaskKitError, TaskKitProvider, tokenlab, type CancelState } from '@taskkit/hooks'
import { renderToString } from 'react-dom/server'
import { TaskProgress, TaskProgressView } from './index'
import { CANCEL_LABELS } from './format'
import { FIXTURE_NOW, fixtureTask } from './fixtures'

afterEach(() => {
  vi.useRealTimers()
})

describe('TaskProgress', () => {
  it('shows the state, the provider word, the bar and the times', () => {
    vi.useFakeTimers({ now: FIXTURE_NOW })
    render(<TaskProgress task={fixtureTask({ progress: 42, etaMs: 120_000 })} />)
    const group = screen.getByRole('group', { name: 'Task task_01' })
    expect(group).toHaveAttribute('data-status', 'running')
    expect(group).toHaveAttribute('data-variant', 'full')
    expect(group).toHaveAttribute('data-cancel-state', 'idle')
    expect(screen.getByRole('status')).toHaveTextContent('Running')
    expect(screen.getByText('(in_progress)')).toBeInTheDocument()
    const bar = screen.getByRole('progressbar', { name: 'Task task_01 progress' })
    expect(bar).toHaveAttribute('aria-valuenow', '42')
    expect(bar).toHaveAttribute('aria-valuetext', '42%')
    expect(screen.getByText('about 2 min left')).toBeInTheDocument()
    expect(screen.getByText('1:05')).toBeInTheDocument()
    act(() => vi.advanceTimersByTime(3000))
    expect(screen.getByText('1:08')).toBeInTheDocument()
  })

  it.each([
    ['queued', 'Queued'],
    ['succeeded', 'Succeeded'],
    ['failed', 'Failed'],
    ['cancelled', 'Cancelled'],
    ['expired', 'Expired'],
    ['blocked', 'Blocked by moderation'],
    ['unknown', 'Status unknown'],
  ] as const)('labels %s as %s', (state, label) => {
    render(<TaskProgress task={fixtureTask({ state })} />)
    expect(screen.getByRole('status')).toHaveTextContent(label)
    expect(screen.getByRole('group')).toHaveAttribute('data-status', state)
  })

  it('shows the queue position and an indeterminate bar without progress', () => {
    render(<TaskProgress task={fixtureTask({ state: 'queued', rawStatus: 'pending', queuePosition: 3 })} />)
    expect(screen.getByText('#3 in queue')).toBeInTheDocument()
    const bar = screen.getByRole('progressbar')
    expect(bar).toHaveAttribute('data-state', 'indeterminate')
    expect(bar).not.toHaveAttribute('aria-valuenow')
  })

  it('stops the elapsed clock when the task is terminal', () => {
    vi.useFakeTimers({ now: FIXTURE_NOW })
    render(<TaskProgress task={fixtureTask({ state: 'succeeded', finishedAt: FIXTURE_NOW - 5_000 })} />)
    expect(screen.getByText('1:00')).toBeInTheDocument()
    act(() => vi.advanceTimersByTime(5000))
    expect(screen.getByText('1:00')).toBeInTheDocument()
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
  })

  it('shows the failure message with its code', () => {
    render(
      <TaskProgress
        task={fixtureTask({ state: 'failed', rawStatus: 'failed', error: { code: 'SAFETY.INPUT.TEXT', message: 'Prompt rejected' } })}
      />,
    )
    expect(screen.getByText('Prompt rejected')).toBeInTheDocument()
    expect(screen.getByText('(SAFETY.INPUT.TEXT)')).toBeInTheDocument()
  })

  it('never moves progress backwards for the same task, and starts over for another', () => {
    const { rerender } = render(<TaskProgress task={fixtureTask({ progress: 60 })} />)
    rerender(<TaskProgress task={fixtureTask({ progress: 40 })} />)
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '60')
    rerender(<TaskProgress task={fixtureTask({ progress: undefined })} />)
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '60')
    rerender(<TaskProgress task={fixtureTask({ progress: 70 })} />)
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '70')
    rerender(<TaskProgress task={fixtureTask({ id: 'task_02', progress: 10 })} />)
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '10')
  })

  it('throttles aria-valuetext: small steps at most every 2 s, big steps at once', () => {
    vi.useFakeTimers({ now: FIXTURE_NOW })
    const { rerender } = render(<TaskProgress task={fixtureTask({ progress: 40 })} />)
    const bar = () => screen.getByRole('progressbar')
    expect(bar()).toHaveAttribute('aria-valuetext', '40%')
    act(() => vi.advanceTimersByTime(500))
    rerender(<TaskProgress task={fixtureTask({ progress: 42 })} />)
    rerender(<TaskProgress task={fixtureTask({ progress: 44 })} />)
    expect(bar()).toHaveAttribute('aria-valuenow', '44')
    expect(bar()).toHaveAttribute('aria-valuetext', '40%')
    act(() => vi.advanceTimersByTime(1000))
    expect(bar()).toHaveAttribute('aria-valuetext', '40%')
    act(() => vi.advanceTimersByTime(600))
    expect(bar()).toHaveAttribute('aria-valuetext', '44%')
    rerender(<TaskProgress task={fixtureTask({ progress: 60 })} />)
    act(() => vi.advanceTimersByTime(0))
    expect(bar()).toHaveAttribute('aria-valuetext', '60%')
  })

  it('requests cancellation through onCancel', () => {
    const onCancel = vi.fn()
    render(<TaskProgress task={fixtureTask()} onCancel={onCancel} />)
    fireEvent.click(screen.getByRole('button', { name: 'Request cancellation' }))
    expect(onCancel).toHaveBeenCalledTimes(1)
  })

  it.each(Object.entries(CANCEL_LABELS) as [CancelState, string][])('words cancel state %s as "%s"', (cancelState, text) => {
    const onCancel = vi.fn()
    render(<TaskProgress task={fixtureTask()} onCancel={onCancel} cancelState={cancelState} />)
    expect(screen.getByRole('group')).toHaveAttribute('data-cancel-state', cancelState)
    if (cancelState === 'idle' || cancelState === 'error' || cancelState === 'requesting') {
      const button = screen.getByRole('button', { name: text })
      if (cancelState === 'requesting') expect(button).toBeDisabled()
      else expect(button).toBeEnabled()
    } else {
      expect(screen.queryByRole('button')).toBeNull()
      expect(screen.getByText(text)).toBeInTheDocument()
    }
  })

  it('has no cancel control without onCancel or once the task is terminal', () => {
    const { rerender } = render(<TaskProgress task={fixtureTask()} />)
    expect(screen.queryByRole('button')).toBeNull()
    rerender(<TaskProgress task={fixtureTask({ state: 'succeeded' })} onCancel={() => {}} />)
    expect(screen.queryByRole('button')).toBeNull()
    expect(screen.queryByText('Request cancellation')).toBeNull()
    // A settled request still says what happened.
    rerender(<TaskProgress task={fixtureTask({ state: 'succeeded' })} onCancel={() => {}} cancelState="completed-anyway" />)
    expect(screen.getByText('Finished before it could be cancelled')).toBeInTheDocument()
  })

  it('passes className, props and ref through; compact variant', () => {
    const ref = createRef<HTMLDivElement>()
    render(<TaskProgressView ref={ref} task={fixtureTask()} variant="compact" className="mine" data-testid="tp" id="x" />)
    const root = screen.getByTestId('tp')
    expect(root).toHaveClass('tk-progress', 'mine')
    expect(root).toHaveAttribute('id', 'x')
    expect(root).toHaveAttribute('data-variant', 'compact')
    expect(ref.current).toBe(root)
    expect(screen.queryByText('(in_progress)')).toBeNull()
  })

  it('announces a watching error politely while it retries, as an alert once watching stopped', () => {
    const task = fixtureTask()
    const { rerender } = render(<TaskProgress task={task} error={new TaskKitError('http', 'Internal server error', { retryable: true })} />)
    expect(screen.getByText('Internal server error')).toHaveAttribute('role', 'status')
    expect(screen.queryByRole('alert')).toBeNull()
    rerender(<TaskProgress task={task} error={new TaskKitError('auth', 'The API key was refused')} />)
    expect(screen.getByRole('alert')).toHaveTextContent('The API key was refused')
  })

  it('shows a loading state without a task', () => {
    render(<TaskProgressView task={undefined} />)
    expect(screen.getByRole('group')).toHaveAttribute('data-status', 'loading')
    expect(screen.getByRole('status')).toHaveTextContent('Loading task…')
  })
})

describe('TaskProgress offline', () => {
  function setOnline(value: boolean) {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => value })
  }
  afterEach(() => {
    setOnline(true)
  })

  it('says polling will resume while offline, and not once the task is terminal', () => {
    const { rerender } = render(<TaskProgressView task={fixtureTask({ progress: 40 })} offline />)
    const group = screen.getByRole('group')
    expect(group).toHaveAttribute('data-offline')
    expect(screen.getByText('Offline — will resume when you reconnect')).toBeInTheDocument()
    expect(group).toHaveAttribute('data-status', 'running')
    rerender(<TaskProgressView task={fixtureTask({ state: 'succeeded' })} offline />)
    expect(screen.getByRole('group')).not.toHaveAttribute('data-offline')
    expect(screen.queryByText(/Offline/)).toBeNull()
    rerender(<TaskProgressView task={fixtureTask()} />)
    expect(screen.getByRole('group')).not.toHaveAttribute('data-offline')
  })

  function renderById(id = 'ldtask_x') {
    const client = createTaskClient({
      adapter: tokenlab({ baseUrl: 'https://tokenlab.example.test' }),
      storage: null,
      crossTab: false,
      fetch: () => new Promise<Response>(() => {}),
    })
    const queryClient = new QueryClient()
    return render(
      <QueryClientProvider client={queryClient}>
        <TaskKitProvider client={client}>
          <TaskProgress taskId={id} />
        </TaskKitProvider>
      </QueryClientProvider>,
    )
  }

  it('the taskId form follows navigator.onLine and the online/offline events', () => {
    setOnline(false)
    renderById()
    expect(screen.getByRole('group')).toHaveAttribute('data-offline')
    expect(screen.getByText('Offline — will resume when you reconnect')).toBeInTheDocument()
    setOnline(true)
    act(() => {
      window.dispatchEvent(new Event('online'))
    })
    expect(screen.getByRole('group')).not.toHaveAttribute('data-offline')
    setOnline(false)
    act(() => {
      window.dispatchEvent(new Event('offline'))
    })
    expect(screen.getByRole('group')).toHaveAttribute('data-offline')
  })

  it('renders as online on the server', () => {
    setOnline(false)
    const html = renderToString(<TaskProgressView task={fixtureTask()} />)
    expect(html).not.toContain('data-offline')
    expect(html).not.toContain('Offline')
  })
})

describe('TaskProgress outcome unknown', () => {
  const outcome = { jobId: 'job_42', endpoint: '/v1/videos/generations', model: 'video-gen-2', submittedAt: FIXTURE_NOW }

  it('says the create got no answer, with the job id, endpoint, model and time', () => {
    render(<TaskProgressView task={undefined} outcomeUnknown={outcome} />)
    const group = screen.getByRole('group', { name: 'Job job_42' })
    expect(group).toHaveAttribute('data-status', 'outcome-unknown')
    expect(screen.getByRole('status')).toHaveTextContent(
      'Outcome unknown: the create request got no answer. Check before submitting again.',
    )
    expect(screen.getByText('job_42')).toBeInTheDocument()
    expect(screen.getByText('/v1/videos/generations')).toBeInTheDocument()
    expect(screen.getByText('video-gen-2')).toBeInTheDocument()
    expect(group.querySelector('time')).toHaveAttribute('dateTime', new Date(FIXTURE_NOW).toISOString())
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('leaves out what is not known, and yields to a task once there is one', () => {
    const { rerender } = render(<TaskProgress outcomeUnknown={{ jobId: 'job_7', submittedAt: FIXTURE_NOW }} />)
    expect(screen.getByText('job_7')).toBeInTheDocument()
    expect(screen.queryByText('Endpoint')).toBeNull()
    expect(screen.queryByText('Model')).toBeNull()
    rerender(<TaskProgress task={fixtureTask()} outcomeUnknown={{ jobId: 'job_7', submittedAt: FIXTURE_NOW }} />)
    expect(screen.getByRole('group')).toHaveAttribute('data-status', 'running')
    expect(screen.queryByText(/Outcome unknown/)).toBeNull()
  })
})
