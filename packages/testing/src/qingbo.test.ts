import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { createSimulator } from './simulator'
import { call, field, KEY_B } from './testSupport/call'

function setup() {
  const clock = createManualClock()
  return { clock, sim: createSimulator({ provider: 'qingbo', clock }) }
}

type Sim = ReturnType<typeof setup>['sim']

async function create(sim: Sim, model: string, prompt: string) {
  const created = await call(sim, 'POST', '/v1/tasks', { body: { model, action: 'generate', prompt } })
  expect(created.status).toBe(200)
  return String(field(created.json, 'task_id'))
}

const get = async (sim: Sim, id: string, key?: string) => call(sim, 'GET', `/v1/tasks/${id}`, key ? { key } : {})

describe('Qingbo personality', () => {
  it('cancels a queued task: refund answer, then status cancelled with progress 0', async () => {
    const { sim, clock } = setup()
    const id = await create(sim, 'wan2.7', 'x [sim:queue=20s]')
    clock.advance(3_000)
    const cancelled = await call(sim, 'POST', `/v1/tasks/${id}/cancel`)
    expect(cancelled.status).toBe(200)
    expect(cancelled.json).toEqual({ task_id: id, status: 'cancelled', refunded: true, refunded_quota: expect.any(Number) })
    const after = await get(sim, id)
    expect(after.json).toMatchObject({ status: 'cancelled', progress: 0, completed_at: expect.any(Number) })
    expect(field(after.json, 'result')).toBeUndefined()
  })

  it('refuses to cancel a processing or finished task with 400 task_not_cancellable', async () => {
    const { sim, clock } = setup()
    const id = await create(sim, 'veo3', 'x [sim:queue=0,run=10s]')
    const processing = await call(sim, 'POST', `/v1/tasks/${id}/cancel`)
    expect(processing.status).toBe(400)
    expect(processing.json).toEqual({ error: { message: expect.stringContaining('processing'), code: 'task_not_cancellable' } })
    clock.advance(10_000)
    expect((await call(sim, 'POST', `/v1/tasks/${id}/cancel`)).status).toBe(400)
    expect(field((await get(sim, id)).json, 'status')).toBe('completed')
  })

  it('reports a failure with error { message, code: task_failed } and progress 0', async () => {
    const { sim, clock } = setup()
    const id = await create(sim, 'gpt-4o-image', 'x [sim:outcome=blocked,queue=0,run=2s]')
    clock.advance(2_000)
    const failed = (await get(sim, id)).json
    expect(failed).toMatchObject({ status: 'failed', progress: 0, error: { message: expect.any(String), code: 'task_failed' } })
  })

  it('answers 404 task_not_found to other keys and unknown ids, 401 to a bad key', async () => {
    const { sim } = setup()
    const id = await create(sim, 'veo3', 'x')
    for (const answer of [await get(sim, id, KEY_B), await get(sim, 'task_nope'), await call(sim, 'POST', `/v1/tasks/${id}/cancel`, { key: KEY_B })]) {
      expect(answer.status).toBe(404)
      expect(field(answer.json, 'error', 'code')).toBe('task_not_found')
    }
    const unauthorized = await call(sim, 'GET', `/v1/tasks/${id}`, { key: 'invalid-key' })
    expect(unauthorized.status).toBe(401)
    expect(field(unauthorized.json, 'error', 'message')).toEqual(expect.any(String))
  })

  it('files results under images / videos / audios by the model', async () => {
    const { sim, clock } = setup()
    const image = await create(sim, 'gpt-4o-image', 'x [sim:queue=0,run=1s]')
    const audio = await create(sim, 'suno-v4.5', 'x [sim:queue=0,run=1s]')
    clock.advance(1_000)
    expect(field((await get(sim, image)).json, 'result', 'images', 0, 'url')).toMatch(/image\.png$/)
    const audioResult = field((await get(sim, audio)).json, 'result') as Record<string, unknown>
    expect(field(audioResult, 'audios', 0, 'url')).toMatch(/audio\.m4a$/)
    // expires_at: three days after completion, in seconds.
    expect(field(audioResult, 'audios', 0, 'expires_at')).toBe(Number(field((await get(sim, audio)).json, 'completed_at')) + 3 * 24 * 3600)
  })

  it('switches to the documented forms on request: url as string[], times in ms', async () => {
    const { sim, clock } = setup()
    const id = await create(sim, 'veo3', 'x [sim:queue=0,run=1s,url-array,ms-timestamps]')
    clock.advance(1_000)
    const answer = (await get(sim, id)).json
    expect(field(answer, 'result', 'videos', 0, 'url')).toEqual([expect.stringMatching(/video\.mp4$/)])
    expect(Number(field(answer, 'created_at'))).toBe(clock.now() - 1_000)
    expect(Number(field(answer, 'completed_at'))).toBeGreaterThan(1e12)
  })

  it('gives absolute urls.get / urls.cancel that route back to it', async () => {
    const { sim } = setup()
    const id = await create(sim, 'veo3', 'x [sim:queue=30s]')
    const urls = field((await get(sim, id)).json, 'urls') as { get: string; cancel: string }
    expect(urls.get).toBe(`${sim.baseUrl}/v1/tasks/${id}`)
    expect((await call(sim, 'POST', urls.cancel.slice(sim.baseUrl.length))).status).toBe(200)
  })
})
