import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { startSimulatorServer, type SimulatorServer } from './server'

const clock = createManualClock()
let server: SimulatorServer
let single: SimulatorServer

beforeAll(async () => {
  server = await startSimulatorServer({ provider: 'all', port: 0, clock, seedHistory: 30 })
  single = await startSimulatorServer({ provider: 'tripo', port: 0, clock })
})
afterAll(async () => {
  await server.close()
  await single.close()
})

const auth = { Authorization: 'Bearer sk-http' }

describe('HTTP server', () => {
  it('listens on 127.0.0.1 with a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(Object.keys(server.simulators).sort()).toEqual(['newapi', 'qingbo', 'tokenlab', 'tripo'])
  })

  it('creates a task and polls it to the end over real HTTP, following poll_url', async () => {
    const created = await fetch(`${server.url}/tokenlab/v1/videos/generations`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'veo3.1', prompt: 'a cat [sim:queue=3s,run=20s]' }),
    })
    expect(created.status).toBe(200)
    const { poll_url: pollUrl } = (await created.json()) as { poll_url: string }
    // The docs' own form; a client resolves it against its base URL, mount path included.
    expect(pollUrl).toMatch(/^\/v1\/tasks\/ldtask_/)

    const statuses: string[] = []
    for (let i = 0; i < 30; i++) {
      const answer = await fetch(`${server.url}/tokenlab${pollUrl}`, { headers: auth })
      const body = (await answer.json()) as { status: string; video_url?: string }
      if (statuses.at(-1) !== body.status) statuses.push(body.status)
      if (body.status === 'completed') {
        expect(answer.headers.get('x-billing-transaction-id')).toMatch(/^btx_/)
        const video = await fetch(body.video_url ?? '')
        expect(video.headers.get('content-type')).toBe('video/mp4')
        expect(Number(video.headers.get('content-length'))).toBe((await video.arrayBuffer()).byteLength)
        break
      }
      clock.advance(1_000)
    }
    expect(statuses).toEqual(['pending', 'processing', 'completed'])
    const kinds = server.simulators.tokenlab?.requests.map((request) => request.kind) ?? []
    expect(kinds.filter((kind) => kind === 'create')).toHaveLength(1)
    expect(kinds.filter((kind) => kind === 'status').length).toBeGreaterThan(20)
  })

  it('answers CORS preflights and exposes the headers clients read', async () => {
    const preflight = await fetch(`${server.url}/newapi/api/task/self`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:6006', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,x-sim-fault' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:6006')
    const allowed = preflight.headers.get('access-control-allow-headers')?.toLowerCase() ?? ''
    for (const header of ['authorization', 'content-type', 'idempotency-key', 'x-sim-fault']) expect(allowed).toContain(header)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('DELETE')

    const list = await fetch(`${server.url}/newapi/api/task/self?page_size=5`, { headers: { ...auth, Origin: 'http://localhost:6006' } })
    expect(list.headers.get('access-control-allow-origin')).toBe('http://localhost:6006')
    const exposed = list.headers.get('access-control-expose-headers')?.toLowerCase() ?? ''
    for (const header of ['retry-after', 'x-billing-transaction-id', 'x-request-id']) expect(exposed).toContain(header)
    const body = (await list.json()) as { data: { total: number; items: unknown[] } }
    expect(body.data.total).toBe(30)
    expect(body.data.items).toHaveLength(5)
  })

  it('destroys the socket for a dropped connection', async () => {
    await expect(fetch(`${server.url}/qingbo/v1/tasks/task_x`, { headers: { ...auth, 'x-sim-fault': 'drop' } })).rejects.toThrow(TypeError)
    expect(server.simulators.qingbo?.requests.at(-1)).toMatchObject({ status: 0, faults: ['drop'] })
  })

  it('serves one provider at the root, and answers 404 for paths outside any mount', async () => {
    const created = await fetch(`${single.url}/v2/openapi/task`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'text_to_model', prompt: 'x' }),
    })
    expect(((await created.json()) as { code: number }).code).toBe(0)
    expect((await fetch(`${server.url}/nowhere/v1/tasks`)).status).toBe(404)
    const index = (await (await fetch(`${server.url}/`)).json()) as { providers: string[] }
    expect(index.providers).toContain(`${server.url}/tripo`)
  })
})
