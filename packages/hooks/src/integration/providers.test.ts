import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulatorServer, type SimulatorServer } from '@taskkit/testing/server'
import type { ProviderName, Simulator } from '@taskkit/testing'
import { createTaskClient, type TaskClient, type TaskSnapshot } from '../core/client'
import { newApi, qingbo, tokenlab, tripo } from '../core/adapters'
import type { TaskAdapter } from '../core/adapter'

/**
 * Every main-entry adapter against the simulator's real HTTP server: create, poll to the end,
 * then download a result the server really serves.
 */

const KEY = 'sk-integration-key'
/** Fast polling: the simulator runs task time 60x faster, so a 1 s task lasts ~17 ms. */
const FAST = { minMs: 20, initialMs: 40, maxMs: 100 }

interface Case {
  provider: ProviderName
  adapter: (baseUrl: string) => TaskAdapter<Record<string, unknown>>
  input: (prompt: string) => Record<string, unknown>
  contentType: RegExp
}

const CASES: Case[] = [
  {
    provider: 'tokenlab',
    adapter: (baseUrl) => tokenlab({ baseUrl, pollBounds: FAST }) as TaskAdapter<Record<string, unknown>>,
    input: (prompt) => ({ endpoint: '/v1/images/generations', model: 'gpt-image-1', prompt }),
    contentType: /^image\/png/,
  },
  {
    provider: 'tripo',
    adapter: (baseUrl) => tripo({ baseUrl, pollBounds: FAST }) as TaskAdapter<Record<string, unknown>>,
    input: (prompt) => ({ type: 'text_to_model', prompt }),
    contentType: /^(model\/gltf-binary|image\/png)/,
  },
  {
    provider: 'qingbo',
    adapter: (baseUrl) => qingbo({ baseUrl, pollBounds: FAST }) as TaskAdapter<Record<string, unknown>>,
    input: (prompt) => ({ model: 'flux-pro', action: 'generate', prompt }),
    contentType: /^image\/png/,
  },
  {
    provider: 'newapi',
    adapter: (baseUrl) => newApi({ baseUrl, pollBounds: FAST }) as TaskAdapter<Record<string, unknown>>,
    input: (prompt) => ({ endpoint: '/v1/video/generations', model: 'kling-v1', prompt }),
    contentType: /^video\/mp4/,
  },
]

/** Watches until the poller stops (terminal, auth, lost ...) and resolves with that snapshot. */
function watchUntilStopped(client: TaskClient<Record<string, unknown>>, id: string, timeoutMs = 5000): Promise<TaskSnapshot> {
  return new Promise((resolve, reject) => {
    let unsubscribe: () => void = () => {}
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`task ${id} still ${client.getSnapshot(id).task?.state} after ${timeoutMs} ms`))
    }, timeoutMs)
    unsubscribe = client.watch(id, (snapshot) => {
      if (snapshot.status !== 'stopped') return
      clearTimeout(timer)
      queueMicrotask(unsubscribe)
      resolve(snapshot)
    })
    // Already settled at subscription time (the listener only hears changes).
    const now = client.getSnapshot(id)
    if (now.status === 'stopped') {
      clearTimeout(timer)
      queueMicrotask(unsubscribe)
      resolve(now)
    }
  })
}

describe.each(CASES)('$provider over real HTTP', ({ provider, adapter, input, contentType }) => {
  let server: SimulatorServer
  let simulator: Simulator
  let client: TaskClient<Record<string, unknown>>

  beforeAll(async () => {
    server = await startSimulatorServer({ provider, port: 0, timeScale: 60 })
    simulator = server.simulators[provider]!
    client = createTaskClient({
      adapter: adapter(server.url),
      storage: null,
      crossTab: false,
      headers: () => ({ Authorization: `Bearer ${KEY}` }),
    })
  })
  afterAll(async () => {
    await server.close()
  })

  const creates = (id: string) => simulator.requests.filter((r) => r.kind === 'create' && (r.taskId === undefined || r.taskId === id))

  it('creates a task, polls it to success and serves its media', async () => {
    const before = simulator.requests.filter((r) => r.kind === 'create').length
    const created = await client.submit(input('a red fox [sim:outcome=success,queue=0,run=2s]'))
    expect(created.provider).toBe(provider)
    expect(created.id).toBeTruthy()

    const final = await watchUntilStopped(client, created.id)
    expect(final.stopReason).toBe('terminal')
    expect(final.error).toBeUndefined()
    expect(final.task?.state).toBe('succeeded')
    const assets = final.task!.assets
    expect(assets.length).toBeGreaterThan(0)
    for (const asset of assets) expect(asset.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)

    const media = await fetch(assets[0]!.url)
    expect(media.status).toBe(200)
    expect(media.headers.get('content-type')).toMatch(contentType)
    expect((await media.arrayBuffer()).byteLength).toBeGreaterThan(0)

    expect(simulator.requests.filter((r) => r.kind === 'create')).toHaveLength(before + 1)
    expect(creates(created.id)).toHaveLength(1)
    expect(simulator.requests.some((r) => r.kind === 'status' && r.taskId === created.id && r.status === 200)).toBe(true)
  })

  it('reports a failure outcome as failed with a message', async () => {
    const created = await client.submit(input('a blue whale [sim:outcome=failure,queue=0,run=1s]'))
    const final = await watchUntilStopped(client, created.id)
    expect(final.stopReason).toBe('terminal')
    expect(final.task?.state).toBe('failed')
    expect(final.task?.error?.message).toEqual(expect.any(String))
    expect(final.task?.error?.message.length).toBeGreaterThan(0)
    expect(final.task?.assets).toEqual([])
  })

  it('reports a completed task without media as failed "Final media URL missing"', async () => {
    const created = await client.submit(input('an empty frame [sim:no-output,queue=0,run=1s]'))
    const final = await watchUntilStopped(client, created.id)
    expect(final.stopReason).toBe('terminal')
    expect(final.task?.state).toBe('failed')
    expect(final.task?.error).toMatchObject({ code: 'missing_output', message: 'Final media URL missing' })
  })
})

describe('providers mounted under a path (provider: "all")', () => {
  let server: SimulatorServer

  beforeAll(async () => {
    server = await startSimulatorServer({ provider: 'all', port: 0, timeScale: 60 })
  })
  afterAll(async () => {
    await server.close()
  })

  const clientFor = ({ provider, adapter }: Case) =>
    createTaskClient({
      adapter: adapter(`${server.url}/${provider}`),
      storage: null,
      crossTab: false,
      notFoundGraceMs: 300,
      headers: () => ({ Authorization: `Bearer ${KEY}` }),
    })

  it.each(CASES.filter((c) => c.provider !== 'tokenlab'))('$provider completes under /$provider', async (testCase) => {
    const client = clientFor(testCase)
    const created = await client.submit(testCase.input('a tree [sim:outcome=success,queue=0,run=1s]'))
    const final = await watchUntilStopped(client, created.id)
    expect(final.task?.state).toBe('succeeded')
    const requests = server.simulators[testCase.provider]!.requests
    expect(requests.filter((r) => r.kind === 'status' && r.taskId === created.id).length).toBeGreaterThan(0)
  })

  // The simulator mounted under /tokenlab answers poll_url as the docs do (`/v1/tasks/{id}`); the
  // adapter resolves it against its base URL, path prefix included, as it would behind a proxy.
  it('tokenlab completes under /tokenlab (poll_url resolved against the mounted base)', async () => {
    const testCase = CASES.find((c) => c.provider === 'tokenlab')!
    const client = clientFor(testCase)
    const created = await client.submit(testCase.input('a tree [sim:outcome=success,queue=0,run=1s]'))
    const final = await watchUntilStopped(client, created.id)
    expect(final.task?.state).toBe('succeeded')
  })
})
