import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { createAllSimulatorHandlers, createSimulatorHandlers, DEFAULT_BASE_URLS } from './msw'

const clock = createManualClock()
const tokenlab = createSimulatorHandlers({ provider: 'tokenlab', clock })
const mounted = createAllSimulatorHandlers({ clock, baseUrl: 'https://gateway.sim.taskkit.test/' })
const server = setupServer(...tokenlab.handlers, ...mounted.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  tokenlab.simulator.reset()
  for (const simulator of Object.values(mounted.simulators)) simulator.reset()
})
afterAll(() => server.close())

const auth = { Authorization: 'Bearer sk-msw' }

describe('MSW handlers', () => {
  it('serve create, status and media through fetch at the default base URL', async () => {
    const base = DEFAULT_BASE_URLS.tokenlab
    const created = await fetch(`${base}/v1/images/generations`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'flux', prompt: 'a cat [sim:queue=0,run=2s]' }),
    })
    expect(created.status).toBe(200)
    const { poll_url: pollUrl } = (await created.json()) as { poll_url: string }
    clock.advance(2_000)
    const status = (await (await fetch(new URL(pollUrl, base), { headers: auth })).json()) as { status: string; image_url: string }
    expect(status.status).toBe('completed')
    const image = await fetch(status.image_url)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await image.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'))
    expect(tokenlab.simulator.requests.map((request) => request.kind)).toEqual(['create', 'status', 'media'])
  })

  it('turn a dropped connection into a network error', async () => {
    const request = fetch(`${DEFAULT_BASE_URLS.tokenlab}/v1/tasks/ldtask_x`, { headers: { ...auth, 'x-sim-fault': 'drop' } })
    await expect(request).rejects.toThrow(TypeError)
  })

  it('mount every provider under one base URL, like the CLI\u2019s --provider all', async () => {
    const created = await fetch('https://gateway.sim.taskkit.test/qingbo/v1/tasks', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'veo3', prompt: 'x' }),
    })
    const body = (await created.json()) as { urls: { get: string }; poll_url: string }
    expect(body.urls.get).toMatch(/^https:\/\/gateway\.sim\.taskkit\.test\/qingbo\/v1\/tasks\/task_/)
    expect(body.poll_url).toMatch(/^\/v1\/tasks\/task_/)
    expect((await fetch(body.urls.get, { headers: auth })).status).toBe(200)
    expect(mounted.simulators.qingbo.requests.map((request) => request.path)).toEqual(['/v1/tasks', expect.stringMatching(/^\/v1\/tasks\/task_/)])
  })
})
