import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import { createSimulatorHandlers, DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import { createTaskClient, type TaskClient, type TaskClientOptions, type TaskSnapshot, type WatchOptions } from '../core/client'
import { tokenlab, type TokenLabInput } from '../core/adapters'
import type { TaskKitError } from '../core/errors'

/**
 * The client's poller against the simulator's faults, served by MSW (no network) in real time:
 * the simulator runs task time 60x faster and the adapter polls every few tens of ms.
 */

const BASE_URL = DEFAULT_BASE_URLS.tokenlab
const FAST = { minMs: 20, initialMs: 40, maxMs: 100 }
const { handlers, simulator } = createSimulatorHandlers({ provider: 'tokenlab', timeScale: 60, seed: 7 })
const server = setupServer(...handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  simulator.setFaults([])
  simulator.reset()
})
afterAll(() => server.close())

type Options = Partial<TaskClientOptions<TokenLabInput>>

function makeClient(key = 'sk-owner', options: Options = {}): TaskClient<TokenLabInput> {
  return createTaskClient({
    adapter: tokenlab({ baseUrl: BASE_URL, pollBounds: FAST }),
    storage: null,
    crossTab: false,
    headers: () => ({ Authorization: `Bearer ${key}` }),
    ...options,
  })
}

const image = (tags: string): TokenLabInput => ({
  endpoint: '/v1/images/generations',
  model: 'gpt-image-1',
  prompt: `a lighthouse [sim:${tags}]`,
})

interface Watched {
  final: TaskSnapshot
  errors: TaskKitError[]
  states: string[]
}

/** Watches until the poller stops; collects every error and task state the listener saw. */
function watchUntilStopped(client: TaskClient<TokenLabInput>, id: string, options: WatchOptions = {}, timeoutMs = 5000): Promise<Watched> {
  const errors: TaskKitError[] = []
  const states: string[] = []
  return new Promise((resolve, reject) => {
    let unsubscribe: () => void = () => {}
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`task ${id} still ${client.getSnapshot(id).task?.state} after ${timeoutMs} ms`))
    }, timeoutMs)
    unsubscribe = client.watch(
      id,
      (snapshot) => {
        if (snapshot.error && errors.at(-1) !== snapshot.error) errors.push(snapshot.error)
        const state = snapshot.task?.state
        if (state && states.at(-1) !== state) states.push(state)
        if (snapshot.status !== 'stopped') return
        clearTimeout(timer)
        queueMicrotask(unsubscribe)
        resolve({ final: snapshot, errors, states })
      },
      options,
    )
  })
}

const statusRequests = (id: string) => simulator.requests.filter((r) => r.kind === 'status' && r.taskId === id)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('faults over MSW', () => {
  it('429 with Retry-After: the next status request waits at least that long, then the task completes', async () => {
    simulator.setFaults([{ fault: 'rate-limit', count: 1, routes: ['status'], retryAfterSeconds: 1 }])
    const client = makeClient()
    const task = await client.submit(image('queue=0,run=1s'))
    const { final, errors } = await watchUntilStopped(client, task.id)

    expect(final.task?.state).toBe('succeeded')
    expect(errors.map((e) => e.kind)).toContain('rate-limited')
    const polls = statusRequests(task.id)
    expect(polls[0]).toMatchObject({ status: 429, faults: ['rate-limit'] })
    expect(polls[1]!.status).toBe(200)
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(1000)
  })

  it('5xx: the poller retries and the task completes', async () => {
    const client = makeClient()
    const task = await client.submit(image('queue=0,run=1s,server-error=2'))
    const { final, errors } = await watchUntilStopped(client, task.id)

    expect(final.task?.state).toBe('succeeded')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((e) => e.kind === 'http')).toBe(true)
    const polls = statusRequests(task.id)
    for (const poll of polls.slice(0, 2)) {
      expect(poll.status).toBeGreaterThanOrEqual(500)
      expect(poll.status).toBeLessThan(600)
    }
    expect(polls.at(-1)!.status).toBe(200)
  })

  it('a dropped connection surfaces a network error, polling continues and the task completes', async () => {
    const client = makeClient()
    const task = await client.submit(image('queue=0,run=1s,drop'))
    const { final, errors } = await watchUntilStopped(client, task.id)

    expect(errors.map((e) => e.kind)).toEqual(['network'])
    expect(final.error).toBeUndefined()
    expect(final.task?.state).toBe('succeeded')
    expect(statusRequests(task.id)[0]).toMatchObject({ status: 0 })
    expect(statusRequests(task.id).length).toBeGreaterThan(1)
  })

  it('malformed JSON surfaces a parse error, then the poller recovers', async () => {
    const client = makeClient()
    const task = await client.submit(image('queue=0,run=1s,malformed-json'))
    const { final, errors } = await watchUntilStopped(client, task.id)

    expect(errors.map((e) => e.kind)).toEqual(['parse'])
    expect(final.task?.state).toBe('succeeded')
  })

  it('an undocumented status word is state "unknown" and polling goes on', async () => {
    const client = makeClient()
    const task = await client.submit(image('queue=0,run=1s,unknown-status=3'))
    const { final, states } = await watchUntilStopped(client, task.id)

    expect(states).toContain('unknown')
    expect(states.at(-1)).toBe('succeeded')
    expect(final.task?.state).toBe('succeeded')
    expect(statusRequests(task.id).length).toBeGreaterThanOrEqual(4)
  })

  it('never-finish + deadlineMs: watching stops with "deadline" and no request follows', async () => {
    const client = makeClient()
    const task = await client.submit(image('queue=0,run=1s,never-finish'))
    const { final } = await watchUntilStopped(client, task.id, { deadlineMs: 400 })

    expect(final.stopReason).toBe('deadline')
    expect(final.task?.state).toBe('running')
    const count = statusRequests(task.id).length
    expect(count).toBeGreaterThan(1)
    await sleep(300)
    expect(statusRequests(task.id)).toHaveLength(count)
  })

  it("another key's task is not found, and after the grace period it is lost", async () => {
    const owner = makeClient('sk-owner')
    const task = await owner.submit(image('queue=0,run=5m'))
    const stranger = makeClient('sk-stranger', { notFoundGraceMs: 300 })
    const startedAt = Date.now()
    const { final, errors } = await watchUntilStopped(stranger, task.id)

    expect(errors[0]?.kind).toBe('not-found')
    expect(final.stopReason).toBe('lost')
    expect(final.error?.kind).toBe('lost')
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300)
    const polls = statusRequests(task.id)
    expect(polls.length).toBeGreaterThan(1)
    expect(polls.every((r) => r.status === 404)).toBe(true)
    await sleep(200)
    expect(statusRequests(task.id)).toHaveLength(polls.length)
  })

  it('401 with an invalid key: an auth error stops polling for good', async () => {
    const owner = makeClient('sk-owner')
    const task = await owner.submit(image('queue=0,run=5m'))
    const intruder = makeClient('invalid-key')
    const { final } = await watchUntilStopped(intruder, task.id)

    expect(final.stopReason).toBe('auth')
    expect(final.error?.kind).toBe('auth')
    expect(final.error?.status).toBe(401)
    const polls = statusRequests(task.id)
    expect(polls).toHaveLength(1)
    expect(polls[0]!.status).toBe(401)
    await sleep(300)
    expect(statusRequests(task.id)).toHaveLength(1)
  })
})
