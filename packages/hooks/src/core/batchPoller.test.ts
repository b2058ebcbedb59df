import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeAdapter, scriptedFetch } from '../test-utils/fakeProvider'
import { createTaskClient, type TaskSnapshot } from './client'
import { localCrossTab } from './crossTab'
import { createTestEnvironment } from './environment'
import type { TaskAdapter } from './adapter'
import type { Task } from './model'
import { TaskKitError } from './errors'

type FakeInput = Parameters<ReturnType<typeof fakeAdapter>["createRequest"]>[0]

// The fake provider's list route: GET /tasks?ids=a,b answers `{ items: [...] }`.
const batch: NonNullable<TaskAdapter<FakeInput>['batch']> = {
  maxIds: 2,
  request: (ids) => ({ method: 'GET', url: `/tasks?ids=${ids.join(',')}` }),
  parse: (response) => {
    if (response.status === 401) throw new TaskKitError('auth', 'bad key', { status: 401 })
    if (response.status >= 400) throw new TaskKitError('http', `HTTP ${response.status}`, { status: response.status })
    return (response.body as { items: { id: string; status: Task['state']; progress?: number }[] }).items.map((item) => ({
      id: item.id,
      provider: 'fake',
      state: item.status,
      rawStatus: item.status,
      progress: item.progress,
      assets: [],
      raw: item,
    }))
  },
}

function setup(withBatch = true) {
  const http = scriptedFetch()
  const environment = createTestEnvironment()
  const client = createTaskClient({
    adapter: fakeAdapter(withBatch ? { batch } : {}),
    storage: null,
    fetch: http.fetch,
    environment,
    crossTab: localCrossTab(),
  })
  return { client, http, environment }
}

const list = (...items: { id: string; status: string; progress?: number }[]) => ({ items })

describe('watchMany', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('polls many tasks with one stream of list requests until all are terminal', async () => {
    const { client, http } = setup()
    http.json(list({ id: 'a', status: 'running' }, { id: 'b', status: 'queued' }))
    http.json(list({ id: 'c', status: 'running' }))
    http.json(list({ id: 'a', status: 'succeeded' }, { id: 'b', status: 'running' }))
    http.json(list({ id: 'c', status: 'failed' }))
    http.json(list({ id: 'b', status: 'succeeded' }))
    const seen = new Map<string, TaskSnapshot>()
    const stop = client.watchMany(['a', 'b', 'c'], (id, snapshot) => seen.set(id, snapshot))
    await vi.advanceTimersByTimeAsync(120_000)
    // Chunks of maxIds = 2; terminal tasks are not asked for again; nothing after the last one.
    expect(http.calls.map((c) => c.url)).toEqual([
      'https://fake.test/tasks?ids=a,b',
      'https://fake.test/tasks?ids=c',
      'https://fake.test/tasks?ids=a,b',
      'https://fake.test/tasks?ids=c',
      'https://fake.test/tasks?ids=b',
    ])
    expect([...seen.entries()].map(([id, s]) => [id, s.task?.state, s.status]).sort()).toEqual([
      ['a', 'succeeded', 'stopped'],
      ['b', 'succeeded', 'stopped'],
      ['c', 'failed', 'stopped'],
    ])
    stop()
  })

  it('does not batch a task another watcher already polls, and one watcher of it sees batch answers', async () => {
    const { client, http } = setup()
    http.json({ id: 'a', status: 'running' })
    const single: TaskSnapshot[] = []
    const stopSingle = client.watch('a', (s) => single.push(s))
    await vi.advanceTimersByTimeAsync(0)
    http.json(list({ id: 'b', status: 'succeeded' }, { id: 'c', status: 'succeeded' }))
    const stop = client.watchMany(['a', 'b', 'c'], () => {})
    await vi.advanceTimersByTimeAsync(0)
    expect(http.calls.map((c) => c.url)).toEqual(['https://fake.test/tasks/a', 'https://fake.test/tasks?ids=b,c'])
    stop()
    stopSingle()
  })

  it('stops a single watcher\'s poller it took over, once its own watchers leave', async () => {
    const { client, http } = setup()
    for (let i = 0; i < 40; i++) http.json({ id: 'a', status: 'running' })
    http.json(list({ id: 'b', status: 'running' }))
    // One live row, then two: the single watch of `a` is handed over to a watchMany in the same tick.
    const stopSingle = client.watch('a', () => {})
    await vi.advanceTimersByTimeAsync(0)
    stopSingle()
    const stop = client.watchMany(['a', 'b'], () => {})
    await vi.advanceTimersByTimeAsync(0)
    stop()
    await vi.advanceTimersByTimeAsync(0)
    const requests = http.calls.length
    await vi.advanceTimersByTimeAsync(120_000)
    expect(http.calls.length).toBe(requests)
    expect(client.getSnapshot('a').status).toBe('idle')
  })

  it('falls back to one poller per task when the adapter cannot list', async () => {
    const { client, http } = setup(false)
    http.json({ id: 'a', status: 'succeeded' })
    http.json({ id: 'b', status: 'succeeded' })
    const stop = client.watchMany(['a', 'b'], () => {})
    await vi.advanceTimersByTimeAsync(60_000)
    expect(http.calls.map((c) => c.url).sort()).toEqual(['https://fake.test/tasks/a', 'https://fake.test/tasks/b'])
    stop()
  })

  it('backs off on a failed list request and stops for good on an auth error', async () => {
    const { client, http } = setup()
    http.json({ error: 'busy' }, 503)
    http.json({ error: 'bad key' }, 401)
    const seen = new Map<string, TaskSnapshot>()
    const stop = client.watchMany(['a', 'b'], (id, s) => seen.set(id, s))
    await vi.advanceTimersByTimeAsync(0)
    expect(http.calls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(http.calls).toHaveLength(2)
    expect(seen.get('a')).toMatchObject({ status: 'stopped', stopReason: 'auth' })
    stop()
  })

  it('pauses while offline and polls at once when back online', async () => {
    const { client, http, environment } = setup()
    environment.setOnline(false)
    http.json(list({ id: 'a', status: 'succeeded' }, { id: 'b', status: 'succeeded' }))
    const stop = client.watchMany(['a', 'b'], () => {})
    await vi.advanceTimersByTimeAsync(60_000)
    expect(http.calls).toHaveLength(0)
    environment.setOnline(true)
    await vi.advanceTimersByTimeAsync(0)
    expect(http.calls).toHaveLength(1)
    stop()
  })
})

