import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeAdapter, scriptedFetch } from '../test-utils/fakeProvider'
import { createTaskClient, type TaskSnapshot } from './client'
import { createTestEnvironment } from './environment'
import { localCrossTab } from './crossTab'
import type { StorageLike } from './taskStore'

class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>()
  get length() {
    return this.data.size
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null
  }
  getItem(k: string) {
    return this.data.get(k) ?? null
  }
  setItem(k: string, v: string) {
    this.data.set(k, v)
  }
  removeItem(k: string) {
    this.data.delete(k)
  }
}

const SECRET = 'sk-very-secret-key'

function setup(adapterOverrides: Parameters<typeof fakeAdapter>[0] = {}, storage = new MemoryStorage()) {
  const http = scriptedFetch()
  const headers = vi.fn(() => ({ Authorization: `Bearer ${SECRET}` }))
  const environment = createTestEnvironment()
  const client = createTaskClient({
    adapter: fakeAdapter(adapterOverrides),
    headers,
    account: 'alice',
    storage,
    fetch: http.fetch,
    environment,
    crossTab: localCrossTab(),
    warn: () => {},
  })
  return { client, http, headers, storage, environment }
}

const input = { model: 'img-1', prompt: 'a private prompt about my cat' }

describe('submit', () => {
  it('writes the record before the create request goes out, then completes it with the id', async () => {
    const storage = new MemoryStorage()
    const http = scriptedFetch()
    let storedAtRequest: string[] = []
    const fetch = (async (...args: Parameters<typeof http.fetch>) => {
      storedAtRequest = [...storage.data.values()]
      return http.fetch(...args)
    }) as typeof globalThis.fetch
    const client = createTaskClient({ adapter: fakeAdapter(), account: 'alice', storage, fetch, crossTab: localCrossTab() })
    http.json({ id: 't1', status: 'queued' })
    const task = await client.submit(input, { jobId: 'job-1' })
    expect(task.id).toBe('t1')
    expect(storedAtRequest).toHaveLength(1)
    expect(JSON.parse(storedAtRequest[0]!)).toMatchObject({ jobId: 'job-1', phase: 'creating', model: 'img-1', endpoint: '/tasks' })
    expect(client.store.get('job-1')).toMatchObject({ phase: 'created', id: 't1', state: 'queued' })
  })

  it('never persists the API key or the prompt', async () => {
    const { client, http, storage, headers } = setup()
    http.json({ id: 't1', status: 'queued' })
    await client.submit(input, { jobId: 'job-1' })
    expect(headers).toHaveBeenCalled()
    expect(http.calls[0]!.headers.Authorization).toBe(`Bearer ${SECRET}`)
    const persisted = [...storage.data.values()].join('\n')
    expect(persisted).not.toContain(SECRET)
    expect(persisted).not.toContain('private prompt')
  })

  it('returns the stored task for a second submit with the same jobId, without a second create', async () => {
    const { client, http } = setup()
    http.json({ id: 't1', status: 'queued' })
    const first = await client.submit(input, { jobId: 'job-1' })
    const second = await client.submit(input, { jobId: 'job-1' })
    expect(second.id).toBe(first.id)
    expect(http.calls.filter((c) => c.method === 'POST')).toHaveLength(1)
  })

  it('shares one create between two concurrent submits of the same jobId (double click, StrictMode)', async () => {
    const { client, http } = setup()
    http.json({ id: 't1', status: 'queued' })
    const [a, b] = await Promise.all([client.submit(input, { jobId: 'j' }), client.submit(input, { jobId: 'j' })])
    expect(a.id).toBe('t1')
    expect(b.id).toBe('t1')
    expect(http.calls).toHaveLength(1)
  })

  it('reports outcome-unknown when the create answer is lost, and never re-sends it, even after a reload', async () => {
    const storage = new MemoryStorage()
    const { client, http } = setup({}, storage)
    http.fail()
    await expect(client.submit(input, { jobId: 'job-1' })).rejects.toMatchObject({ kind: 'outcome-unknown' })
    expect(client.store.get('job-1')?.phase).toBe('creating')
    await expect(client.submit(input, { jobId: 'job-1' })).rejects.toMatchObject({ kind: 'outcome-unknown' })

    const reloaded = setup({}, storage)
    await expect(reloaded.client.submit(input, { jobId: 'job-1' })).rejects.toMatchObject({ kind: 'outcome-unknown' })
    expect(reloaded.client.pendingRecords().map((r) => [r.jobId, r.phase])).toEqual([['job-1', 'creating']])
    expect(http.calls).toHaveLength(1)
    expect(reloaded.http.calls).toHaveLength(0)
  })

  it('treats a 5xx or an unreadable create answer as outcome-unknown too (the task may exist)', async () => {
    const { client, http } = setup()
    http.json({ error: 'gateway timeout' }, 504)
    await expect(client.submit(input, { jobId: 'a' })).rejects.toMatchObject({ kind: 'outcome-unknown' })
    http.raw('<html>oops</html>', 200)
    await expect(client.submit(input, { jobId: 'b' })).rejects.toMatchObject({ kind: 'outcome-unknown' })
  })

  it('marks a refused create (4xx) as create-failed: nothing was made, the same job may be sent again', async () => {
    const { client, http } = setup()
    http.json({ error: 'bad model' }, 400)
    await expect(client.submit(input, { jobId: 'job-1' })).rejects.toMatchObject({ kind: 'invalid-input', status: 400 })
    expect(client.store.get('job-1')).toMatchObject({ phase: 'create-failed', error: { message: 'HTTP 400' } })
    expect(client.pendingRecords()).toEqual([])
    http.json({ id: 't2', status: 'queued' })
    await expect(client.submit(input, { jobId: 'job-1' })).resolves.toMatchObject({ id: 't2' })
  })

  it('sends the job id as an idempotency key where the adapter declares one', async () => {
    const { client, http } = setup({ idempotencyHeader: 'Idempotency-Key' })
    http.json({ id: 't1', status: 'queued' })
    await client.submit(input, { jobId: 'job-42' })
    expect(http.calls[0]!.headers['Idempotency-Key']).toBe('job-42')
  })
})

describe('watch', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('polls until terminal, then never again; many watchers share one stream of requests', async () => {
    const { client, http } = setup()
    http.json({ id: 't1', status: 'queued' })
    await client.submit(input, { jobId: 'j' })
    http.json({ id: 't1', status: 'running', progress: 40 })
    http.json({ id: 't1', status: 'succeeded', progress: 100, url: 'https://cdn.test/a.png' })
    const seenA: TaskSnapshot[] = []
    const seenB: TaskSnapshot[] = []
    const stopA = client.watch('t1', (s) => seenA.push(s))
    const stopB = client.watch('t1', (s) => seenB.push(s))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(http.calls.filter((c) => c.method === 'GET')).toHaveLength(2)
    expect(seenA.at(-1)?.task?.state).toBe('succeeded')
    expect(seenB.at(-1)?.task?.state).toBe('succeeded')
    expect(client.store.get('j')).toMatchObject({ state: 'succeeded', progress: 100 })
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(http.calls.filter((c) => c.method === 'GET')).toHaveLength(2)
    stopA()
    stopB()
  })

  it('resumes a persisted task in a new client (a reload) and shows the stored state at once', async () => {
    const storage = new MemoryStorage()
    const first = setup({}, storage)
    first.http.json({ id: 't1', status: 'running', progress: 30 })
    await first.client.submit(input, { jobId: 'j' })

    const { client, http } = setup({}, storage)
    expect(client.peek('t1')).toMatchObject({ id: 't1', state: 'running', progress: 30 })
    http.json({ id: 't1', status: 'succeeded', progress: 100, url: 'https://cdn.test/a.png' })
    const seen: TaskSnapshot[] = []
    const stop = client.watch('t1', (s) => seen.push(s))
    await vi.advanceTimersByTimeAsync(30_000)
    expect(seen.at(-1)?.task?.state).toBe('succeeded')
    expect(http.calls.filter((c) => c.method === 'POST')).toHaveLength(0)
    stop()
  })

  it('does not poll a task the record already knows is terminal', async () => {
    const storage = new MemoryStorage()
    const first = setup({}, storage)
    first.http.json({ id: 't1', status: 'failed' })
    await first.client.submit(input, { jobId: 'j' })
    const { client, http } = setup({}, storage)
    const stop = client.watch('t1', () => {})
    await vi.advanceTimersByTimeAsync(60_000)
    expect(http.calls).toHaveLength(0)
    expect(client.getSnapshot('t1')).toMatchObject({ status: 'stopped', stopReason: 'terminal' })
    stop()
  })

  it('keeps one poller through a StrictMode-style unsubscribe and resubscribe', async () => {
    const { client, http } = setup()
    http.json({ id: 't1', status: 'queued' })
    await client.submit(input, { jobId: 'j' })
    http.json({ id: 't1', status: 'running' })
    const stop1 = client.watch('t1', () => {})
    stop1()
    const stop2 = client.watch('t1', () => {})
    await vi.advanceTimersByTimeAsync(0)
    expect(http.calls.filter((c) => c.method === 'GET').length).toBeLessThanOrEqual(1)
    stop2()
  })
})

describe('cancel', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  async function submitted(overrides: Parameters<typeof fakeAdapter>[0] = {}) {
    const ctx = setup(overrides)
    ctx.http.json({ id: 't1', status: 'queued' })
    await ctx.client.submit(input, { jobId: 'j' })
    return ctx
  }

  it('is unsupported without sending a request when the provider has no cancel', async () => {
    const { client, http } = await submitted({ cancel: undefined })
    await expect(client.cancel('t1')).resolves.toBe('unsupported')
    expect(http.calls).toHaveLength(1)
  })

  it('reports not-cancellable when the provider refuses', async () => {
    const { client, http } = await submitted()
    http.json({ error: 'task_not_cancellable' }, 409)
    await expect(client.cancel('t1')).resolves.toBe('not-cancellable')
    expect(http.calls.at(-1)?.method).toBe('DELETE')
  })

  it('goes requested -> cancelled when the task ends cancelled', async () => {
    const { client, http } = await submitted()
    http.json({}, 200)
    http.json({ id: 't1', status: 'cancelled' })
    const stop = client.watch('t1', () => {})
    await expect(client.cancel('t1')).resolves.toBe('requested')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(client.getSnapshot('t1').cancelState).toBe('cancelled')
    stop()
  })

  it('goes requested -> completed-anyway when the task finishes before the provider could stop it', async () => {
    const { client, http } = await submitted()
    http.json({}, 200)
    http.json({ id: 't1', status: 'succeeded', url: 'https://cdn.test/a.png' })
    const stop = client.watch('t1', () => {})
    await client.cancel('t1')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(client.getSnapshot('t1').cancelState).toBe('completed-anyway')
    stop()
  })

  it('reports error (and allows a retry) when the cancel request fails', async () => {
    const { client, http } = await submitted()
    http.fail()
    await expect(client.cancel('t1')).resolves.toBe('error')
    expect(client.getSnapshot('t1').cancelError?.kind).toBe('network')
  })
})
