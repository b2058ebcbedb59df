import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { Profiler, StrictMode, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTaskClient } from '../core/client'
import { localCrossTab } from '../core/crossTab'
import type { StorageLike } from '../core/taskStore'
import { fakeAdapter, scriptedFetch, type FakeInput } from '../test-utils/fakeProvider'
import { TaskKitProvider } from './TaskKitProvider'
import { usePendingTasks } from './usePendingTasks'
import { useSubmitTask } from './useSubmitTask'
import { useTask } from './useTask'

function setup(storage: StorageLike | null = null) {
  const http = scriptedFetch()
  const client = createTaskClient<FakeInput>({
    adapter: fakeAdapter(),
    account: 'alice',
    storage,
    fetch: http.fetch,
    crossTab: localCrossTab(),
    warn: () => {},
  })
  const queryClient = new QueryClient()
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <TaskKitProvider client={client}>{children}</TaskKitProvider>
    </QueryClientProvider>
  )
  return { client, http, queryClient, wrapper }
}

const input = { model: 'img-1', prompt: 'a cat' }

function TaskView({ id, onRender }: { id: string; onRender?: () => void }) {
  const { task, isTerminal } = useTask(id)
  onRender?.()
  return (
    <p>
      {task?.state ?? 'none'} {task?.progress ?? '-'} {isTerminal ? 'done' : 'live'}
    </p>
  )
}

describe('useSubmitTask + useTask', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }))
  afterEach(() => vi.useRealTimers())

  it('submits once, then shows the task until it succeeds', async () => {
    const { http, wrapper } = setup()
    http.json({ id: 't1', status: 'queued' })
    const { result } = renderHook(() => useSubmitTask<FakeInput>(), { wrapper })
    await act(() => result.current.submit(input, { jobId: 'j1' }))
    await waitFor(() => expect(result.current.task?.id).toBe('t1'))

    http.json({ id: 't1', status: 'running', progress: 50 })
    http.json({ id: 't1', status: 'succeeded', progress: 100 })
    render(<TaskView id="t1" />, { wrapper })
    await act(() => vi.advanceTimersByTimeAsync(1500))
    expect(screen.getByText('running 50 live')).toBeInTheDocument()
    await act(() => vi.advanceTimersByTimeAsync(15_000))
    expect(screen.getByText('succeeded 100 done')).toBeInTheDocument()
    expect(http.calls.filter((c) => c.method === 'POST')).toHaveLength(1)
  })

  it('does not re-render on an unchanged poll answer', async () => {
    const { client, http, wrapper } = setup()
    http.json({ id: 't1', status: 'running', progress: 10 })
    await client.submit(input, { jobId: 'j' })
    for (let i = 0; i < 50; i++) http.json({ id: 't1', status: 'running', progress: 10 })
    let commits = 0
    render(
      <Profiler id="t" onRender={() => commits++}>
        <TaskView id="t1" />
      </Profiler>,
      { wrapper },
    )
    await act(() => vi.advanceTimersByTimeAsync(100))
    const afterMount = commits
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(http.calls.filter((c) => c.method === 'GET').length).toBeGreaterThanOrEqual(4)
    expect(screen.getByText('running 10 live')).toBeInTheDocument()
    expect(commits - afterMount).toBe(0)
  })

  it('under StrictMode creates once and runs one poller', async () => {
    const { http, wrapper } = setup()
    http.json({ id: 't1', status: 'queued' })
    http.json({ id: 't1', status: 'running', progress: 5 })
    http.json({ id: 't1', status: 'succeeded', progress: 100 })
    function App() {
      const { submit, task } = useSubmitTask<FakeInput>()
      const { task: live } = useTask(task?.id ?? null)
      return (
        <>
          <button onClick={() => void submit(input, { jobId: 'j' })}>go</button>
          <p>{live?.state ?? 'idle'}</p>
        </>
      )
    }
    render(
      <StrictMode>
        <App />
      </StrictMode>,
      { wrapper },
    )
    await act(async () => screen.getByText('go').click())
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(screen.getByText('succeeded')).toBeInTheDocument()
    expect(http.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'GET'])
  })
})

describe('server rendering', () => {
  it('renders without reading storage', () => {
    const storage: StorageLike = {
      length: 0,
      key: vi.fn(() => null),
      getItem: vi.fn(() => null),
      setItem: vi.fn(),
      removeItem: vi.fn(),
    }
    const { wrapper: Wrapper } = setup(storage)
    function Page() {
      const { tasks } = usePendingTasks()
      const { task } = useTask('t1')
      return (
        <p>
          {tasks.length} {task?.state ?? 'none'}
        </p>
      )
    }
    const html = renderToString(
      <Wrapper>
        <Page />
      </Wrapper>,
    )
    expect(html).toBe('<p>0<!-- --> <!-- -->none</p>')
    expect(storage.getItem).not.toHaveBeenCalled()
    expect(storage.key).not.toHaveBeenCalled()
  })
})

describe('usePendingTasks', () => {
  it('lists resumable tasks and creates whose outcome is unknown', async () => {
    const store = new Map<string, string>()
    const storage: StorageLike = {
      get length() {
        return store.size
      },
      key: (i) => [...store.keys()][i] ?? null,
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    }
    const { client, http, wrapper } = setup(storage)
    http.json({ id: 't1', status: 'running' })
    await client.submit(input, { jobId: 'ok' })
    http.fail()
    await expect(client.submit(input, { jobId: 'lost' })).rejects.toThrow()
    const { result } = renderHook(() => usePendingTasks(), { wrapper })
    expect(result.current.tasks.map((t) => [t.record.jobId, t.status]).sort()).toEqual([
      ['lost', 'outcome-unknown'],
      ['ok', 'resumable'],
    ])
    act(() => result.current.forget('lost'))
    expect(result.current.tasks.map((t) => t.record.jobId)).toEqual(['ok'])
  })
})

