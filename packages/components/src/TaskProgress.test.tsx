import { act, fireEvent, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CancelState } from '@taskkit/hooks'
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

  it('shows a loading state without a task', () => {
    render(<TaskProgressView task={undefined} />)
    expect(screen.getByRole('group')).toHaveAttribute('data-status', 'loading')
    expect(screen.getByRole('status')).toHaveTextContent('Loading task…')
  })
})
