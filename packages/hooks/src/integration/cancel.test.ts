import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulatorServer, type SimulatorServer } from '@taskkit/testing/server'
import type { ProviderName, Simulator } from '@taskkit/testing'
import { createTaskClient, type TaskClient } from '../core/client'
import { newApi, qingbo, tokenlab, tripo } from '../core/adapters'
import type { TaskAdapter } from '../core/adapter'
import type { CancelState } from '../core/cancel'

/**
 * Cancellation against the simulator's real HTTP server, in real time: queued tasks wait minutes,
 * so they are still queued (or running) when the cancel arrives. Tripo, Qingbo and new-api share
 * one server (mounted under `/tripo`, `/qingbo`, `/newapi`); TokenLab gets its own server at the
 * root, because under `/tokenlab` its poll_url is resolved twice (see providers.test.ts).
 */

const FAST = { minMs: 20, initialMs: 40, maxMs: 100 }
const QUEUED = '[sim:queue=10m,run=5m]'
const RUNNING = '[sim:queue=0,run=10m]'

let server: SimulatorServer
let tokenlabServer: SimulatorServer

beforeAll(async () => {
  ;[server, tokenlabServer] = await Promise.all([
    startSimulatorServer({ provider: 'all', port: 0, timeScale: 1 }),
    startSimulatorServer({ provider: 'tokenlab', port: 0, timeScale: 1 }),
  ])
})
afterAll(async () => {
  await Promise.all([server.close(), tokenlabServer.close()])
})

const simulatorOf = (provider: ProviderName): Simulator =>
  (provider === 'tokenlab' ? tokenlabServer : server).simulators[provider]!
const cancelRequests = (provider: ProviderName, id: string) =>
  simulatorOf(provider).requests.filter((r) => r.kind === 'cancel' && r.taskId === id)

function makeClient<TInput>(adapter: (baseUrl: string) => TaskAdapter<TInput>, provider: ProviderName): TaskClient<TInput> {
  return createTaskClient({
    adapter: adapter(provider === 'tokenlab' ? tokenlabServer.url : `${server.url}/${provider}`),
    storage: null,
    crossTab: false,
    headers: () => ({ Authorization: 'Bearer sk-cancel-tests' }),
  })
}

/** Records every cancel state the client reports for a task. */
function cancelStates<TInput>(client: TaskClient<TInput>, id: string) {
  const seen: CancelState[] = []
  const unsubscribe = client.watch(id, (snapshot) => {
    if (seen.at(-1) !== snapshot.cancelState) seen.push(snapshot.cancelState)
  })
  return { seen, unsubscribe }
}

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('TokenLab', () => {
  const client = () => makeClient((baseUrl) => tokenlab({ baseUrl, pollBounds: FAST }), 'tokenlab')
  const video = (model: string, tags: string) => ({ endpoint: '/v1/videos/generations', model, prompt: `a dancing robot ${tags}` })

  it('cancels a queued Seedance task: requested by DELETE, confirmed by the next poll', async () => {
    const c = client()
    const task = await c.submit(video('seedance-2.0', QUEUED))
    expect(task.state).toBe('queued')

    const result = await c.cancel(task.id)
    // TokenLab answers the DELETE with the task already `cancelled: true`: the adapter reads that as done.
    expect(['requested', 'cancelled']).toContain(result)
    expect(cancelRequests('tokenlab', task.id)).toEqual([expect.objectContaining({ method: 'DELETE', status: 200 })])

    // The cancel triggers a refresh: the task's own answer settles the state.
    await waitFor(() => c.getSnapshot(task.id).task?.state === 'cancelled')
    const snapshot = c.getSnapshot(task.id)
    expect(snapshot.cancelState).toBe('cancelled')
    expect(snapshot.task?.cancelled).toBe(true)
    expect(simulatorOf('tokenlab').requests.some((r) => r.kind === 'status' && r.taskId === task.id)).toBe(true)
  })

  it('passes through requesting before the answer', async () => {
    const c = client()
    const task = await c.submit(video('seedance-2.0-fast', QUEUED))
    const { seen, unsubscribe } = cancelStates(c, task.id)
    await c.cancel(task.id)
    await waitFor(() => c.getSnapshot(task.id).task?.state === 'cancelled')
    unsubscribe()
    // Watching reports `idle` first; then the cancel goes requesting -> cancelled, never back.
    expect(seen.filter((state) => state !== 'idle')).toEqual(['requesting', 'cancelled'])
  })

  it('a queued non-Seedance task is "unsupported" (400 unsupported_task_cancel)', async () => {
    const c = client()
    const task = await c.submit(video('kling-v2', QUEUED))
    expect(await c.cancel(task.id)).toBe('unsupported')
    expect(cancelRequests('tokenlab', task.id)).toEqual([expect.objectContaining({ status: 400 })])
    expect(c.getSnapshot(task.id).cancelError).toBeUndefined()
  })

  it('a running Seedance task is "not-cancellable" (409)', async () => {
    const c = client()
    const task = await c.submit(video('seedance-2.0', RUNNING))
    expect(await c.cancel(task.id)).toBe('not-cancellable')
    expect(cancelRequests('tokenlab', task.id)).toEqual([expect.objectContaining({ status: 409 })])
  })
})

describe('Qingbo', () => {
  const client = () => makeClient((baseUrl) => qingbo({ baseUrl, pollBounds: FAST }), 'qingbo')

  it('cancels a queued task, confirmed by the next poll', async () => {
    const c = client()
    const task = await c.submit({ model: 'veo3', action: 'generate', prompt: `a waterfall ${QUEUED}` })
    expect(task.state).toBe('queued')
    expect(['requested', 'cancelled']).toContain(await c.cancel(task.id))
    expect(cancelRequests('qingbo', task.id)).toEqual([expect.objectContaining({ method: 'POST', status: 200 })])
    await waitFor(() => c.getSnapshot(task.id).task?.state === 'cancelled')
    expect(c.getSnapshot(task.id).cancelState).toBe('cancelled')
  })

  it('a running task is "not-cancellable"', async () => {
    const c = client()
    const task = await c.submit({ model: 'veo3', action: 'generate', prompt: `a waterfall ${RUNNING}` })
    expect(await c.cancel(task.id)).toBe('not-cancellable')
    expect(cancelRequests('qingbo', task.id)).toEqual([expect.objectContaining({ status: 400 })])
  })
})

describe('providers without a cancel route', () => {
  it('Tripo: "unsupported" without sending anything', async () => {
    const c = makeClient((baseUrl) => tripo({ baseUrl, pollBounds: FAST }), 'tripo')
    const task = await c.submit({ type: 'text_to_model', prompt: `a chair ${QUEUED}` })
    const before = simulatorOf('tripo').requests.length
    expect(await c.cancel(task.id)).toBe('unsupported')
    expect(c.getSnapshot(task.id).cancelState).toBe('unsupported')
    expect(simulatorOf('tripo').requests).toHaveLength(before)
    expect(simulatorOf('tripo').requests.some((r) => r.kind === 'cancel')).toBe(false)
  })

  it('new-api: "unsupported" without sending anything', async () => {
    const c = makeClient((baseUrl) => newApi({ baseUrl, pollBounds: FAST }), 'newapi')
    const task = await c.submit({ endpoint: '/v1/video/generations', model: 'kling-v1', prompt: `a kite ${QUEUED}` })
    const before = simulatorOf('newapi').requests.length
    expect(await c.cancel(task.id)).toBe('unsupported')
    expect(simulatorOf('newapi').requests).toHaveLength(before)
    expect(simulatorOf('newapi').requests.some((r) => r.kind === 'cancel')).toBe(false)
  })
})
