import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { parseFaultList } from './faults'
import { PROVIDERS, type ProviderName } from './providers'
import { createSimulator, type SimulatorOptions } from './simulator'
import { parsePromptTags } from './tags'
import { call, field, KEY_A } from './testSupport/call'

function setup(options: Partial<SimulatorOptions> = {}) {
  const clock = createManualClock()
  return { clock, sim: createSimulator({ provider: 'tokenlab', clock, ...options }) }
}

type Sim = ReturnType<typeof setup>['sim']

async function create(sim: Sim, prompt = 'x [sim:queue=0,run=10s]', headers: Record<string, string> = {}) {
  const created = await call(sim, 'POST', '/v1/videos/generations', { body: { model: 'veo3.1', prompt }, headers })
  return { created, id: String(field(created.json, 'id')) }
}

/** A create and a status path per provider, to check each one's fault answers. */
const ROUTES: Record<ProviderName, { create: string; body: Record<string, unknown>; status: (id: string) => string; id: (json: unknown) => string }> = {
  tokenlab: { create: '/v1/videos/generations', body: { model: 'veo3.1' }, status: (id) => `/v1/tasks/${id}`, id: (json) => String(field(json, 'id')) },
  tripo: { create: '/v2/openapi/task', body: { type: 'text_to_model' }, status: (id) => `/v2/openapi/task/${id}`, id: (json) => String(field(json, 'data', 'task_id')) },
  qingbo: { create: '/v1/tasks', body: { model: 'veo3' }, status: (id) => `/v1/tasks/${id}`, id: (json) => String(field(json, 'task_id')) },
  newapi: { create: '/v1/video/generations', body: { model: 'kling-v2-6' }, status: (id) => `/v1/video/generations/${id}`, id: (json) => String(field(json, 'id')) },
}

describe('fault grammar', () => {
  it('parses the header list, ignoring unknown names', () => {
    expect(parseFaultList('rate-limit=5, latency=2s,server-error=503,drop,bogus')).toEqual([
      { fault: 'rate-limit', retryAfterSeconds: 5 },
      { fault: 'latency', latencyMs: 2_000 },
      { fault: 'server-error', status: 503 },
      { fault: 'drop' },
    ])
  })

  it('parses prompt tags into plan overrides, task faults and quirks', () => {
    const tags = parsePromptTags('a cat [sim:kind=video,outcome=failure] and [sim:queue=1.5s, run=2m, position=3] [sim:rate-limit=2,drop=*,latency=300ms,url-array] [sim:what]')
    expect(tags.kind).toBe('video')
    expect(tags.plan).toEqual({ outcome: 'failure', queueMs: 1_500, runMs: 120_000, initialQueuePosition: 3 })
    expect(tags.taskFaults).toEqual([
      { fault: 'rate-limit', remaining: 2 },
      { fault: 'drop', remaining: Number.POSITIVE_INFINITY },
      { fault: 'latency', remaining: Number.POSITIVE_INFINITY, latencyMs: 300 },
    ])
    expect(tags.quirks.urlArray).toBe(true)
    expect(tags.ignored).toEqual(['what'])
    expect(parsePromptTags('[sim:never-finish]').plan.outcome).toBe('never')
  })
})

describe('faults', () => {
  it.each(PROVIDERS)('%s answers a rate limit with 429, Retry-After and its own envelope', async (provider) => {
    const sim = createSimulator({ provider, clock: createManualClock() })
    const route = ROUTES[provider]
    const created = await call(sim, 'POST', route.create, { body: route.body })
    const limited = await call(sim, 'GET', route.status(route.id(created.json)), { headers: { 'x-sim-fault': 'rate-limit=7' } })
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toBe('7')
    expect(limited.json).toEqual(expect.any(Object))
    expect(sim.requests.at(-1)).toMatchObject({ kind: 'status', status: 429, faults: ['rate-limit'] })
  })

  it('fires a counted simulator fault on the next N matching requests only', async () => {
    const { sim } = setup({ faults: [{ fault: 'rate-limit', count: 2, routes: ['status'], retryAfterSeconds: 3 }] })
    const { id } = await create(sim)
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await call(sim, 'GET', `/v1/tasks/${id}`)).status)
    expect(statuses).toEqual([429, 429, 200, 200])
  })

  it('answers server errors with the configured 5xx', async () => {
    const { sim } = setup({ faults: [{ fault: 'server-error', count: 1, status: 503 }] })
    expect((await create(sim)).created.status).toBe(503)
    // A rejected create creates nothing.
    expect(sim.tasks()).toHaveLength(0)
    const { id } = await create(sim)
    const failing = await call(sim, 'GET', `/v1/tasks/${id}`, { headers: { 'x-sim-fault': 'server-error' } })
    expect(failing.status).toBe(500)
    expect(field(failing.json, 'error', 'code')).toBe('internal_error')
  })

  it('asks the transport to wait for latency faults', async () => {
    const { sim } = setup({ faults: [{ fault: 'latency', latencyMs: 120 }] })
    const { id } = await create(sim)
    const slow = await call(sim, 'GET', `/v1/tasks/${id}`, { headers: { 'x-sim-fault': 'latency=80' } })
    expect(slow.status).toBe(200)
    expect(slow.raw.delayMs).toBe(200)
  })

  it('drops status requests, and lets a dropped create land without its answer', async () => {
    const { sim } = setup()
    const dropped = await create(sim, 'x', { 'x-sim-fault': 'drop' })
    expect(dropped.created.raw.drop).toBe(true)
    expect(sim.tasks()).toHaveLength(1)
    expect(sim.requests.at(-1)).toMatchObject({ kind: 'create', status: 0, taskId: sim.tasks()[0]?.id })
    const id = sim.tasks()[0]?.id ?? ''
    expect((await call(sim, 'GET', `/v1/tasks/${id}?sim_fault=drop`)).raw.drop).toBe(true)
    expect((await call(sim, 'GET', `/v1/tasks/${id}`)).status).toBe(200)
  })

  it('cuts JSON short for malformed-json', async () => {
    const { sim } = setup()
    const { id } = await create(sim)
    const broken = await call(sim, 'GET', `/v1/tasks/${id}`, { headers: { 'x-sim-fault': 'malformed-json' } })
    expect(broken.status).toBe(200)
    expect(broken.headers['content-type']).toMatch(/json/)
    expect(() => JSON.parse(broken.text)).toThrow()
  })

  it.each(PROVIDERS)('%s answers an undocumented status word for unknown-status', async (provider) => {
    const documented: Record<ProviderName, string[]> = {
      tokenlab: ['pending', 'processing', 'completed', 'failed'],
      tripo: ['queued', 'running', 'success', 'failed', 'banned', 'expired', 'cancelled', 'unknown'],
      qingbo: ['queued', 'processing', 'completed', 'failed', 'cancelled'],
      newapi: ['NOT_START', 'SUBMITTED', 'QUEUED', 'IN_PROGRESS', 'SUCCESS', 'FAILURE', 'UNKNOWN', ''],
    }
    const sim = createSimulator({ provider, clock: createManualClock(), faults: [{ fault: 'unknown-status', count: 1 }] })
    const route = ROUTES[provider]
    const created = await call(sim, 'POST', route.create, { body: { ...route.body, prompt: '[sim:queue=10s]' } })
    const answer = (await call(sim, 'GET', route.status(route.id(created.json)))).json
    const status = field(answer, 'status') ?? field(answer, 'data', 'status')
    expect(status).toEqual(expect.any(String))
    expect(documented[provider]).not.toContain(status)
  })

  it('keeps a never-finish task running, whether asked by option, tag or header', async () => {
    const { sim, clock } = setup({ faults: [{ fault: 'never-finish', count: 1 }] })
    const byOption = await create(sim)
    const byTag = await create(sim, 'x [sim:never-finish]')
    const byHeader = await create(sim, 'x', { 'x-sim-fault': 'never-finish' })
    const normal = await create(sim, 'x [sim:queue=0,run=5s]')
    clock.advance(24 * 60 * 60 * 1000)
    for (const { id } of [byOption, byTag, byHeader]) expect(field((await call(sim, 'GET', `/v1/tasks/${id}`)).json, 'status')).toBe('processing')
    expect(field((await call(sim, 'GET', `/v1/tasks/${normal.id}`)).json, 'status')).toBe('completed')
  })

  it('completes no-output tasks without any media field', async () => {
    const { sim, clock } = setup({ faults: ['no-output'], seed: 1 })
    const { id } = await create(sim, 'x [sim:no-output,queue=0,run=1s]')
    clock.advance(1_000)
    const answer = (await call(sim, 'GET', `/v1/tasks/${id}`)).json as Record<string, unknown>
    expect(answer.status).toBe('completed')
    expect(Object.keys(answer).filter((key) => (key.endsWith('_url') && key !== 'poll_url') || key === 'video' || key === 'data')).toEqual([])
    expect((await call(sim, 'GET', `/media/${id}/video.mp4`, { key: null })).status).toBe(404)
  })

  it('draws probabilistic faults from the seed: same seed, same requests hit', async () => {
    const run = async (seed: number) => {
      const { sim } = setup({ seed, faults: [{ fault: 'server-error', probability: 0.3, routes: ['status'] }] })
      const { id } = await create(sim)
      const hits: number[] = []
      for (let i = 0; i < 200; i++) if ((await call(sim, 'GET', `/v1/tasks/${id}`)).status === 500) hits.push(i)
      return hits
    }
    const first = await run(5)
    expect(first.length).toBeGreaterThan(30)
    expect(first.length).toBeLessThan(90)
    expect(await run(5)).toEqual(first)
    expect(await run(6)).not.toEqual(first)
  })

  it('lets a prompt tag fault its own status requests and no one else\u2019s', async () => {
    const { sim } = setup()
    const tagged = await create(sim, 'x [sim:rate-limit=2]')
    const other = await create(sim)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await call(sim, 'GET', `/v1/tasks/${tagged.id}`)).status)
    expect(statuses).toEqual([429, 429, 200])
    expect((await call(sim, 'GET', `/v1/tasks/${other.id}`)).status).toBe(200)
  })

  it('restricts faults to their routes and replaces them with setFaults', async () => {
    const { sim } = setup({ faults: [{ fault: 'server-error', routes: ['create'], probability: 1 }] })
    expect((await create(sim)).created.status).toBe(500)
    sim.setFaults([])
    const { id } = await create(sim)
    expect((await call(sim, 'GET', `/v1/tasks/${id}`)).status).toBe(200)
    sim.setFaults([{ fault: 'drop', routes: ['status'], count: 1 }])
    expect((await call(sim, 'GET', `/v1/tasks/${id}`)).raw.drop).toBe(true)
  })

  it('refuses an unknown fault name or a bad probability up front', () => {
    expect(() => setup({ faults: ['nope' as never] })).toThrow(/Unknown fault/)
    expect(() => setup({ faults: [{ fault: 'drop', probability: 2 }] })).toThrow(/probability/)
  })
})

describe('request log', () => {
  it('records kind, task id, status and a key fingerprint, never the key', async () => {
    const { sim } = setup()
    const { id } = await create(sim, 'x [sim:queue=0,run=1s]')
    await call(sim, 'GET', `/v1/tasks/${id}`)
    await call(sim, 'DELETE', `/v1/tasks/${id}`)
    await call(sim, 'GET', '/v1/nowhere')
    await call(sim, 'GET', `/v1/tasks/${id}`, { key: null })
    expect(sim.requests.map(({ kind, status }) => [kind, status])).toEqual([
      ['create', 200],
      ['status', 200],
      ['cancel', 400],
      ['other', 404],
      ['status', 401],
    ])
    expect(sim.requests[1]).toMatchObject({ method: 'GET', path: `/v1/tasks/${id}`, provider: 'tokenlab', taskId: id, keyFingerprint: expect.stringMatching(/^key_[0-9a-f]{16}$/) })
    expect(sim.requests[4]?.keyFingerprint).toBeUndefined()
    expect(JSON.stringify(sim.requests)).not.toContain(KEY_A)
    expect(JSON.stringify(sim.tasks())).not.toContain(KEY_A)
  })

  it('forgets everything on reset and replays the same workload', async () => {
    const { sim } = setup()
    const first = (await create(sim, 'x')).id
    sim.reset()
    expect(sim.requests).toHaveLength(0)
    expect(sim.tasks()).toHaveLength(0)
    expect((await create(sim, 'x')).id).toBe(first)
  })
})
