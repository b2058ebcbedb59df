import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSimulatorHandlers, DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import { newApi, tokenlab, type NewApiInput } from '../core/adapters'
import { createTaskClient, type TaskClientOptions } from '../core/client'
import { isTerminalState } from '../core/model'
import type { TaskListQuery } from '../core/taskList'
import { RECORD_VERSION, type TaskRecord } from '../core/taskRecord'
import type { StorageLike } from '../core/taskStore'
import { TaskKitProvider } from './TaskKitProvider'
import { useTaskList } from './useTaskList'

// The task log against the new-api simulator through MSW: seeded history to page through, real
// tasks that run for about a second (timeScale 20), and the simulator's request log to count on.
const BASE = DEFAULT_BASE_URLS.newapi
const { handlers, simulator } = createSimulatorHandlers({ provider: 'newapi', seed: 5, seedHistory: 60, timeScale: 20 })
const server = setupServer(...handlers)
/** Every URL that reached the network, and the bodies of batch requests. */
let urls: URL[] = []
let batchBodies: { ids: string[] }[] = []
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url)
  urls.push(url)
  if (url.pathname === '/suno/fetch' && request.method === 'POST') {
    void request
      .clone()
      .json()
      .then((body) => batchBodies.push(body as { ids: string[] }))
  }
})
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  simulator.reset()
  simulator.setFaults([])
  urls = []
  batchBodies = []
})
afterAll(() => server.close())

const listUrls = () => urls.filter((url) => url.pathname === '/api/task/self')
const listRequests = () => simulator.requests.filter((r) => r.path === '/api/task/self')

function newApiClient(options: Partial<TaskClientOptions<NewApiInput>> = {}) {
  return createTaskClient<NewApiInput>({
    adapter: newApi({ baseUrl: BASE, pollBounds: { minMs: 100, initialMs: 100, maxMs: 300 } }),
    headers: () => ({ Authorization: 'Bearer sk-log' }),
    storage: null,
    crossTab: false,
    warn: () => {},
    ...options,
  })
}

function wrapperFor(client: ReturnType<typeof newApiClient> | ReturnType<typeof createTaskClient>) {
  // retryDelay 0: the hook's own retry rule runs without waiting out TanStack's backoff.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } })
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <TaskKitProvider client={client}>{children}</TaskKitProvider>
    </QueryClientProvider>
  )
}

function renderList(query: TaskListQuery, client = newApiClient()) {
  return renderHook((props: TaskListQuery) => useTaskList(props), { initialProps: query, wrapper: wrapperFor(client) })
}

function memoryStorage(): StorageLike {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

/** Submits video tasks that run for about a second of real time. */
async function submitRunning(client: ReturnType<typeof newApiClient>, count: number) {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const task = await client.submit({ model: 'kling-v2-6', prompt: `clip ${i} [sim:queue=0,run=20s,outcome=success]` })
    ids.push(task.id)
  }
  return ids
}

describe('useTaskList, server source (new-api /api/task/self)', () => {
  it('pages on the server and keeps the previous page on screen while the next loads', async () => {
    const { result, rerender } = renderList({ page: 1, pageSize: 10, live: false })
    expect(result.current.isLoading).toBe(true)
    await waitFor(() => expect(result.current.rows).toHaveLength(10))
    expect(result.current).toMatchObject({ source: 'server', total: 60, page: 1, pageSize: 10, pageCount: 6, error: null })
    // The log offers only the states the server can filter by.
    expect([...(result.current.statuses ?? [])].sort()).toEqual(['failed', 'queued', 'running', 'succeeded', 'unknown'])
    const times = result.current.rows.map((task) => task.createdAt ?? 0)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(listUrls()[0]?.searchParams.get('p')).toBe('1')
    expect(listUrls()[0]?.searchParams.get('page_size')).toBe('10')

    const firstPage = result.current.rows
    simulator.setFaults([{ fault: 'latency', latencyMs: 200, routes: ['list'] }])
    rerender({ page: 2, pageSize: 10, live: false })
    expect(result.current.isPlaceholderData).toBe(true)
    expect(result.current.rows).toBe(firstPage)
    expect(result.current.page).toBe(2)
    expect(result.current.isFetching).toBe(true)

    await waitFor(() => expect(result.current.isPlaceholderData).toBe(false))
    expect(result.current.rows).toHaveLength(10)
    const firstIds = new Set(firstPage.map((task) => task.id))
    expect(result.current.rows.some((task) => firstIds.has(task.id))).toBe(false)
    expect(listUrls().at(-1)?.searchParams.get('p')).toBe('2')
  })

  it('sends the filters to the server, times in whole seconds', async () => {
    const day = 24 * 60 * 60 * 1000
    const from = Date.now() - 25 * day + 789
    const to = Date.now() - 2 * day + 456
    const { result } = renderList({ platform: 'suno', type: 'MUSIC', status: 'succeeded', from, to, live: false })
    await waitFor(() => expect(result.current.isLoading).toBe(false))
    const params = listUrls()[0]!.searchParams
    expect(Object.fromEntries(params)).toEqual({
      p: '1',
      page_size: '20',
      platform: 'suno',
      action: 'MUSIC',
      status: 'SUCCESS',
      start_timestamp: String(Math.floor(from / 1000)),
      end_timestamp: String(Math.floor(to / 1000)),
    })
    expect(result.current.rows.length).toBeGreaterThan(0)
    for (const task of result.current.rows) {
      expect(task).toMatchObject({ platform: 'suno', type: 'MUSIC', state: 'succeeded' })
      expect(task.createdAt).toBeGreaterThanOrEqual(Math.floor(from / 1000) * 1000)
      expect(task.createdAt).toBeLessThanOrEqual(to)
    }
  })

  it('finds one task by its id', async () => {
    const { result, rerender } = renderList({ pageSize: 5, live: false })
    await waitFor(() => expect(result.current.rows).toHaveLength(5))
    const wanted = result.current.rows[3]!.id
    rerender({ pageSize: 5, live: false, taskId: ` ${wanted} ` })
    await waitFor(() => expect(result.current.rows.map((task) => task.id)).toEqual([wanted]))
    expect(listUrls().at(-1)?.searchParams.get('task_id')).toBe(wanted)
    expect(result.current.total).toBe(1)
  })

  it('turns an HTTP 500 into a typed error after a few retries, without a crash', async () => {
    simulator.setFaults([{ fault: 'server-error', probability: 1, routes: ['list'] }])
    function Log() {
      const { rows, error, isLoading } = useTaskList({ live: false })
      if (isLoading) return <p>loading</p>
      return (
        <p role="alert">
          {error ? `${error.name} ${error.kind} ${error.status}` : 'no error'} / {rows.length} rows
        </p>
      )
    }
    const Wrapper = wrapperFor(newApiClient())
    render(
      <Wrapper>
        <Log />
      </Wrapper>,
    )
    expect(await screen.findByRole('alert')).toHaveTextContent('TaskKitError http 500 / 0 rows')
    // A 5xx may pass: asked once and retried three times, no more.
    expect(listRequests()).toHaveLength(4)
  })

  it('turns a body that is not JSON into a typed parse error', async () => {
    simulator.setFaults([{ fault: 'malformed-json', probability: 1, routes: ['list'] }])
    const { result } = renderList({ live: false })
    await waitFor(() => expect(result.current.error).not.toBeNull())
    expect(result.current.error).toMatchObject({ name: 'TaskKitError', kind: 'parse' })
    expect(result.current.rows).toEqual([])
  })

  it('turns an answer of the wrong shape into a typed error, asked once', async () => {
    server.use(http.get(`${BASE}/api/task/self`, () => HttpResponse.json({ success: true, data: { items: 'nope' } })))
    const { result } = renderList({ live: false })
    await waitFor(() => expect(result.current.error).not.toBeNull())
    expect(result.current.error).toMatchObject({ kind: 'parse', retryable: false })
    expect(listUrls()).toHaveLength(1)
  })

  it('keeps running rows live through one batched stream, not one request per row', async () => {
    // Tasks made elsewhere (another tab, another device): this client knows them only from the list.
    const ids = await submitRunning(newApiClient(), 3)
    const { result } = renderList({ pageSize: 3 })
    await waitFor(() => expect(result.current.rows).toHaveLength(3))
    expect(new Set(result.current.rows.map((task) => task.id))).toEqual(new Set(ids))
    const order = result.current.rows.map((task) => task.id)

    await waitFor(() => expect(result.current.rows.every((task) => task.state === 'succeeded')).toBe(true), { timeout: 8000 })
    // Rows that ended were updated in place, with what the status answer adds (results) and what the list knew (platform).
    expect(result.current.rows.map((task) => task.id)).toEqual(order)
    for (const task of result.current.rows) {
      expect(task.platform).toBe('kling')
      expect(task.assets.length).toBeGreaterThan(0)
    }
    // One page request; the rows were refreshed by batch requests naming all three, never one by one.
    expect(listRequests()).toHaveLength(1)
    expect(simulator.requests.filter((r) => r.kind === 'status')).toHaveLength(0)
    const batches = simulator.requests.filter((r) => r.path === '/suno/fetch')
    expect(batches.length).toBeGreaterThanOrEqual(1)
    await waitFor(() => expect(batchBodies).toHaveLength(batches.length))
    expect(new Set(batchBodies[0]?.ids)).toEqual(new Set(ids))
  }, 15_000)

  it('asks for the page again when this client creates a task, so the new task is listed', async () => {
    const client = newApiClient()
    const { result, unmount } = renderList({ pageSize: 5 }, client)
    await waitFor(() => expect(result.current.rows).toHaveLength(5))
    expect(listRequests()).toHaveLength(1)
    const task = await client.submit({ model: 'kling-v2-6', prompt: 'a new clip [sim:queue=0,run=20s]' })
    await waitFor(() => expect(result.current.rows.map((row) => row.id)).toContain(task.id))
    expect(listRequests()).toHaveLength(2)
    // Status answers for known tasks do not ask for the page again: the live rows cover those.
    await waitFor(() => expect(simulator.requests.filter((r) => r.path === '/suno/fetch').length).toBeGreaterThanOrEqual(2))
    expect(listRequests()).toHaveLength(2)
    // Stop watching before the next test: its request counts must not see this task's last poll.
    unmount()
    await new Promise((resolve) => setTimeout(resolve, 100))
  })

  it('watches nothing when live is false', async () => {
    await submitRunning(newApiClient(), 2)
    const { result } = renderList({ pageSize: 2, live: false })
    await waitFor(() => expect(result.current.rows).toHaveLength(2))
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(result.current.rows.every((task) => !isTerminalState(task.state))).toBe(true)
    expect(simulator.requests.filter((r) => r.path === '/suno/fetch' || r.kind === 'status')).toHaveLength(0)
  })

  it('reports an adapter without a history as unsupported, without a request', async () => {
    const client = createTaskClient({ adapter: tokenlab({ baseUrl: DEFAULT_BASE_URLS.tokenlab }), storage: null, crossTab: false })
    const { result } = renderHook(() => useTaskList({ source: 'server' }), { wrapper: wrapperFor(client) })
    await waitFor(() => expect(result.current.error?.kind).toBe('unsupported'))
    expect(urls).toHaveLength(0)
  })
})

describe('useTaskList, local source (persisted records)', () => {
  const T0 = Date.now() - 60_000

  function record(account: string, jobId: string, fields: Partial<TaskRecord> = {}): TaskRecord {
    return {
      v: RECORD_VERSION,
      jobId,
      account,
      provider: 'newapi',
      phase: 'created',
      id: `task_${jobId}`,
      submittedAt: T0,
      updatedAt: T0,
      state: 'succeeded',
      rawStatus: 'SUCCESS',
      ...fields,
    }
  }

  it('is the source of an adapter without a history', () => {
    const client = createTaskClient({ adapter: tokenlab({ baseUrl: DEFAULT_BASE_URLS.tokenlab }), storage: null, crossTab: false })
    client.store.put({ ...record('default', 'a'), provider: 'tokenlab' })
    const { result } = renderHook(() => useTaskList(), { wrapper: wrapperFor(client) })
    expect(result.current).toMatchObject({ source: 'local', total: 1, page: 1, pageCount: 1, isLoading: false, error: null })
    expect(result.current.rows.map((task) => task.id)).toEqual(['task_a'])
  })

  it("lists this account's records only, filtered, without a request", () => {
    const storage = memoryStorage()
    const alice = newApiClient({ account: 'alice', storage })
    const bob = newApiClient({ account: 'bob', storage })
    alice.store.put(record('alice', 'a1', { submittedAt: T0, platform: 'kling', state: 'failed', rawStatus: 'FAILURE' }))
    alice.store.put(record('alice', 'a2', { submittedAt: T0 + 1000, platform: 'suno' }))
    alice.store.put(record('alice', 'lost', { phase: 'creating', id: undefined, state: undefined }))
    bob.store.put(record('bob', 'b1', { submittedAt: T0 + 2000, platform: 'kling' }))

    // A fresh client of the same account, as after a reload: it reads the records from storage.
    const { result, rerender } = renderList({ source: 'local', live: false }, newApiClient({ account: 'alice', storage }))
    expect(result.current.source).toBe('local')
    expect(result.current.rows.map((task) => task.id)).toEqual(['task_a2', 'task_a1'])
    rerender({ source: 'local', live: false, platform: 'kling' })
    expect(result.current.rows.map((task) => task.id)).toEqual(['task_a1'])
    expect(urls).toHaveLength(0)
  })

  it('re-renders when a record of its own store changes', () => {
    const client = newApiClient({ account: 'alice' })
    client.store.put(record('alice', 'a', { state: 'running', rawStatus: 'IN_PROGRESS', progress: 10 }))
    client.store.put(record('alice', 'b', { submittedAt: T0 - 1000 }))
    const { result } = renderList({ source: 'local', live: false }, client)
    const [runningRow, doneRow] = result.current.rows
    expect(runningRow).toMatchObject({ state: 'running', progress: 10 })

    act(() => client.store.update('a', (r) => ({ ...r, state: 'succeeded', rawStatus: 'SUCCESS', progress: 100 })))
    expect(result.current.rows[0]).toMatchObject({ id: 'task_a', state: 'succeeded', progress: 100 })
    // The unchanged record gives the same row object: a table re-renders one row.
    expect(result.current.rows[1]).toBe(doneRow)
  })

  it('keeps its running tasks live through one batched stream and updates them in place', async () => {
    const client = newApiClient({ account: 'alice', storage: memoryStorage() })
    const ids = await submitRunning(client, 2)
    const { result } = renderList({ source: 'local' }, client)
    expect(result.current.rows.map((task) => task.id)).toEqual([...ids].reverse())
    await waitFor(() => expect(result.current.rows.every((task) => task.state === 'succeeded')).toBe(true), { timeout: 8000 })
    expect(result.current.rows.map((task) => task.id)).toEqual([...ids].reverse())
    expect(simulator.requests.filter((r) => r.kind === 'status')).toHaveLength(0)
    expect(simulator.requests.filter((r) => r.path === '/suno/fetch').length).toBeGreaterThanOrEqual(1)
    expect(listRequests()).toHaveLength(0)
  }, 15_000)

  it('reads no storage during a server render', () => {
    const storage: StorageLike = { length: 0, key: vi.fn(() => null), getItem: vi.fn(() => null), setItem: vi.fn(), removeItem: vi.fn() }
    const Wrapper = wrapperFor(newApiClient({ storage }))
    function Log() {
      const { rows, source } = useTaskList({ source: 'local' })
      return (
        <p>
          {source} {rows.length}
        </p>
      )
    }
    const html = renderToString(
      <Wrapper>
        <Log />
      </Wrapper>,
    )
    expect(html).toBe('<p>local<!-- --> <!-- -->0</p>')
    expect(storage.key).not.toHaveBeenCalled()
    expect(storage.getItem).not.toHaveBeenCalled()
  })
})
