import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { createRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { TaskResult, TaskResultView } from './index'
import { FIXTURE_MEDIA_BASE, FIXTURE_NOW, fixtureFailedTask, fixtureResultTask, fixtureTask } from './fixtures'

vi.mock('./modelViewer', () => ({
  isModelViewerDefined: () => false,
  loadModelViewer: () => Promise.resolve(),
}))

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const url = (file: string) => `${FIXTURE_MEDIA_BASE}/${file}`

describe('TaskResult', () => {
  it('shows "Result not ready" while the task is live', () => {
    render(<TaskResult task={fixtureTask({ state: 'running' })} />)
    expect(screen.getByRole('status')).toHaveTextContent('Result not ready')
    expect(screen.getByRole('group')).toHaveAttribute('data-status', 'running')
    expect(screen.queryByRole('img')).toBeNull()
  })

  it('renders an image with alt text and opens it large in a dialog', () => {
    const ref = createRef<HTMLDivElement>()
    render(<TaskResult ref={ref} className="mine" data-testid="root" task={fixtureResultTask()} />)
    const root = screen.getByTestId('root')
    expect(ref.current).toBe(root)
    expect(root).toHaveClass('tk-result', 'mine')
    expect(root).toHaveAttribute('data-status', 'succeeded')
    expect(screen.getByRole('img', { name: 'Generated image 1' })).toHaveAttribute('src', url('image.png'))
    fireEvent.click(screen.getByRole('button', { name: /View larger/ }))
    const dialog = screen.getByRole('dialog', { name: 'Generated image 1' })
    expect(dialog).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('renders video, audio, a 3D model link meanwhile and a download link by kind', async () => {
    const { container } = render(
      <TaskResult
        task={fixtureResultTask({
          assets: [
            { kind: 'video', url: url('video.mp4') },
            { kind: 'audio', url: url('audio.m4a') },
            { kind: 'model3d', url: url('model.glb') },
            { kind: 'file', url: url('model.fbx') },
          ],
        })}
      />,
    )
    const video = container.querySelector('video')
    expect(video).toHaveAttribute('src', url('video.mp4'))
    expect(video).toHaveAttribute('controls')
    expect(container.querySelector('audio')).toHaveAttribute('src', url('audio.m4a'))
    expect(screen.getByRole('link', { name: 'Download model.fbx' })).toHaveAttribute('href', url('model.fbx'))
    // model-viewer is mocked as loadable but not yet defined: the link shows first, then the element.
    await waitFor(() => expect(container.querySelector('model-viewer')).not.toBeNull())
    const viewer = container.querySelector('model-viewer')
    expect(viewer).toHaveAttribute('src', url('model.glb'))
    expect(viewer).toHaveAttribute('camera-controls')
  })

  it('shows the multiview images as a labelled grid', () => {
    render(
      <TaskResult
        task={fixtureResultTask({
          provider: 'tripo',
          assets: (['front', 'left', 'back', 'right'] as const).map((role) => ({ kind: 'image' as const, role, url: url(`view-${role}.png`) })),
        })}
      />,
    )
    const grid = screen.getByRole('group', { name: 'Multiview' })
    const captions = [...grid.querySelectorAll('figcaption')].map((caption) => caption.textContent)
    expect(captions).toEqual(['Front', 'Left', 'Back', 'Right'])
    expect(screen.getByRole('img', { name: 'Back view' })).toHaveAttribute('src', url('view-back.png'))
  })

  it('never puts javascript: or data: URLs in the DOM', () => {
    const { container } = render(
      <TaskResult
        task={fixtureResultTask({
          assets: [
            { kind: 'image', url: 'javascript:alert(1)' },
            { kind: 'video', url: 'data:text/html,<script>alert(1)</script>' },
            { kind: 'file', url: ' JAVASCRIPT:alert(1)' },
            { kind: 'image', url: url('image.png') },
          ],
        })}
      />,
    )
    expect(container.innerHTML).not.toMatch(/javascript:|data:/i)
    expect(container.querySelector('video')).toBeNull()
    expect(screen.getAllByRole('img')).toHaveLength(1)
  })

  it('treats a success with no usable URL as a failure', () => {
    render(<TaskResult task={fixtureResultTask({ assets: [{ kind: 'image', url: 'javascript:alert(1)' }] })} />)
    expect(screen.getByText('Final media URL missing')).toBeInTheDocument()
    expect(screen.getByRole('group')).toHaveAttribute('data-outcome', 'missing-output')
    expect(screen.getByRole('button', { name: 'Copy support info' })).toBeInTheDocument()
  })

  it('refreshes once on a load error, then shows "Link expired" with a refresh button', () => {
    const onRefresh = vi.fn()
    render(<TaskResult task={fixtureResultTask()} onRefresh={onRefresh} />)
    fireEvent.error(screen.getByRole('img'))
    expect(onRefresh).toHaveBeenCalledTimes(1)
    fireEvent.error(screen.getByRole('img'))
    expect(onRefresh).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('status')).toHaveTextContent('Link expired')
    fireEvent.click(screen.getByRole('button', { name: 'Refresh link' }))
    expect(onRefresh).toHaveBeenCalledTimes(2)
    expect(screen.getByRole('img')).toBeInTheDocument()
  })

  it('starts over for a fresh URL after a refresh', () => {
    const onRefresh = vi.fn()
    const { rerender } = render(<TaskResult task={fixtureResultTask()} onRefresh={onRefresh} />)
    fireEvent.error(screen.getByRole('img'))
    rerender(<TaskResult task={fixtureResultTask({ assets: [{ kind: 'image', url: url('image.png?sig=2') }] })} onRefresh={onRefresh} />)
    fireEvent.load(screen.getByRole('img'))
    fireEvent.error(screen.getByRole('img'))
    expect(onRefresh).toHaveBeenCalledTimes(2)
  })

  it('does not loop when every fresh URL fails before loading', () => {
    const onRefresh = vi.fn()
    const { rerender } = render(<TaskResult task={fixtureResultTask()} onRefresh={onRefresh} />)
    fireEvent.error(screen.getByRole('img'))
    rerender(<TaskResult task={fixtureResultTask({ assets: [{ kind: 'image', url: url('image.png?sig=2') }] })} onRefresh={onRefresh} />)
    fireEvent.error(screen.getByRole('img'))
    expect(onRefresh).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('status')).toHaveTextContent('Link expired')
  })

  it('without a refresh, a failing link shows "Link expired" without a button', () => {
    render(<TaskResult task={fixtureResultTask({ assets: [{ kind: 'video', url: url('video.mp4') }] })} />)
    fireEvent.error(document.querySelector('video') as HTMLVideoElement)
    expect(screen.getByRole('status')).toHaveTextContent('Link expired')
    expect(screen.queryByRole('button', { name: 'Refresh link' })).toBeNull()
  })

  it('schedules a refresh 15 s before expiresAt, once per URL', () => {
    vi.useFakeTimers({ now: FIXTURE_NOW })
    const onRefresh = vi.fn()
    const task = fixtureResultTask({ assets: [{ kind: 'image', url: url('image.png'), expiresAt: FIXTURE_NOW + 60_000 }] })
    const { rerender } = render(<TaskResultView task={task} onRefresh={onRefresh} />)
    act(() => vi.advanceTimersByTime(44_000))
    expect(onRefresh).not.toHaveBeenCalled()
    act(() => vi.advanceTimersByTime(1_000))
    expect(onRefresh).toHaveBeenCalledTimes(1)
    rerender(<TaskResultView task={{ ...task }} onRefresh={() => onRefresh()} />)
    act(() => vi.advanceTimersByTime(60_000))
    expect(onRefresh).toHaveBeenCalledTimes(1)
  })

  it('marks a link expired at expiresAt when nothing can refresh it', () => {
    vi.useFakeTimers({ now: FIXTURE_NOW })
    render(<TaskResultView task={fixtureResultTask({ assets: [{ kind: 'audio', url: url('audio.m4a'), expiresAt: FIXTURE_NOW + 5_000 }] })} />)
    expect(document.querySelector('audio')).not.toBeNull()
    act(() => vi.advanceTimersByTime(5_000))
    expect(screen.getByRole('status')).toHaveTextContent('Link expired')
  })

  it.each(['failed', 'blocked', 'expired', 'cancelled'] as const)('shows the reason and code when %s', (state) => {
    render(<TaskResult task={fixtureFailedTask({ state, error: { code: 'E_CODE', message: `Reason for ${state}` } })} />)
    expect(screen.getByRole('group')).toHaveAttribute('data-status', state)
    expect(screen.getByText(`Reason for ${state}`)).toBeInTheDocument()
    expect(screen.getByText('(E_CODE)')).toBeInTheDocument()
  })

  it('copies the support packet to the clipboard and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    render(<TaskResult task={fixtureFailedTask({ id: 'task_9' })} supportExtra={{ jobId: 'job_1' }} />)
    fireEvent.click(screen.getByRole('button', { name: 'Copy support info' }))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Copied'))
    expect(writeText).toHaveBeenCalledTimes(1)
    const text = String(writeText.mock.calls[0]?.[0])
    expect(text).toContain('Task ID: task_9')
    expect(text).toContain('Request ID: req_abc123')
    expect(text).toContain('Billing transaction ID: txn_789')
    expect(text).toContain('Job ID: job_1')
    expect(text).not.toMatch(/https?:/)
  })

  it('shows the text to copy by hand when the clipboard is unavailable', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined })
    render(<TaskResult task={fixtureFailedTask()} />)
    fireEvent.click(screen.getByRole('button', { name: 'Copy support info' }))
    const textarea = await screen.findByRole('textbox', { name: 'Support info' })
    expect(textarea).toHaveAttribute('readonly')
    expect((textarea as HTMLTextAreaElement).value).toContain('Task ID: task_01')
  })
})
