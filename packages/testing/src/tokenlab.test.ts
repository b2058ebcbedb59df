import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { createSimulator } from './simulator'
import { call, field, KEY_B } from './testSupport/call'

function setup(options: { keys?: string[] } = {}) {
  const clock = createManualClock()
  return { clock, sim: createSimulator({ provider: 'tokenlab', clock, ...options }) }
}

async function create(sim: ReturnType<typeof setup>['sim'], model: string, prompt: string, path = '/v1/videos/generations') {
  const created = await call(sim, 'POST', path, { body: { model, prompt } })
  expect(created.status).toBe(200)
  return String(field(created.json, 'id'))
}

describe('TokenLab personality', () => {
  it('moves through pending -> processing -> completed with monotonic progress', async () => {
    const { sim, clock } = setup()
    const id = await create(sim, 'veo3.1', 'a cat [sim:queue=6s,run=30s]')
    const seen: string[] = []
    let last = -1
    for (let t = 0; t < 40; t++) {
      const answer = await call(sim, 'GET', `/v1/tasks/${id}`)
      const status = String(field(answer.json, 'status'))
      if (seen.at(-1) !== status) seen.push(status)
      const progress = Number(field(answer.json, 'progress'))
      expect(progress).toBeGreaterThanOrEqual(last)
      last = progress
      clock.advance(1_000)
    }
    expect(seen).toEqual(['pending', 'processing', 'completed'])
    expect(last).toBe(100)
  })

  it('reports failures as failed with an error and a settled billing id', async () => {
    const { sim, clock } = setup()
    const id = await create(sim, 'veo3.1', 'a cat [sim:outcome=failure,queue=0,run=5s]')
    clock.advance(5_000)
    const failed = await call(sim, 'GET', `/v1/tasks/${id}`)
    expect(field(failed.json, 'status')).toBe('failed')
    expect(field(failed.json, 'error')).toEqual(expect.any(String))
    expect(field(failed.json, 'cancelled')).toBeUndefined()
    expect(failed.headers['x-billing-transaction-id']).toMatch(/^btx_/)
    expect(field(failed.json, 'video_url')).toBeUndefined()
  })

  it('answers media-specific result fields per kind', async () => {
    const { sim, clock } = setup()
    const image = await create(sim, 'flux-pro', 'x [sim:queue=0,run=1s]', '/v1/images/generations')
    const audio = await create(sim, 'suno-v4', 'x [sim:queue=0,run=1s]', '/v1/music/generations')
    const video = await create(sim, 'veo3.1', 'x [sim:queue=0,run=1s]')
    clock.advance(1_000)
    const imageAnswer = (await call(sim, 'GET', `/v1/tasks/${image}`)).json
    expect(field(imageAnswer, 'data', 0, 'url')).toMatch(/^https:\/\/tokenlab\.sim\.taskkit\.test\/media\/.+\/image\.png$/)
    expect(field(imageAnswer, 'image_url')).toBe(field(imageAnswer, 'data', 0, 'url'))
    expect(field((await call(sim, 'GET', `/v1/tasks/${audio}`)).json, 'audio_url')).toMatch(/audio\.m4a$/)
    // The compatibility status route answers the same body.
    const videoAnswer = await call(sim, 'GET', `/v1/videos/generations/${video}`)
    expect(field(videoAnswer.json, 'video_url')).toMatch(/video\.mp4$/)
    expect(field(videoAnswer.json, 'video', 'url')).toBe(field(videoAnswer.json, 'video_url'))
  })

  describe('DELETE /v1/tasks/{id}', () => {
    it('cancels a queued Seedance task: failed + cancelled: true + cancellation_status', async () => {
      const { sim, clock } = setup()
      const id = await create(sim, 'seedance-2.0-fast', 'x [sim:queue=20s]')
      clock.advance(2_000)
      const cancelled = await call(sim, 'DELETE', `/v1/tasks/${id}`)
      expect(cancelled.status).toBe(200)
      expect(cancelled.json).toMatchObject({ id, status: 'failed', cancelled: true, cancellation_status: 'cancelled' })
      clock.advance(600_000)
      expect((await call(sim, 'GET', `/v1/tasks/${id}`)).json).toMatchObject({ status: 'failed', cancelled: true, cancellation_status: 'cancelled' })
      expect(sim.requests.at(-2)).toMatchObject({ kind: 'cancel', taskId: id, status: 200 })
    })

    it('answers 409 task_not_cancellable once a Seedance task runs or ended', async () => {
      const { sim, clock } = setup()
      const id = await create(sim, 'seedance-1.5-pro', 'x [sim:queue=1s,run=10s]')
      clock.advance(2_000)
      const running = await call(sim, 'DELETE', `/v1/tasks/${id}`)
      expect(running.status).toBe(409)
      expect(field(running.json, 'error', 'code')).toBe('task_not_cancellable')
      clock.advance(20_000)
      expect((await call(sim, 'DELETE', `/v1/tasks/${id}`)).status).toBe(409)
    })

    it('answers 400 unsupported_task_cancel for other models, even when queued', async () => {
      const { sim } = setup()
      const id = await create(sim, 'veo3.1', 'x [sim:queue=20s]')
      const refused = await call(sim, 'DELETE', `/v1/tasks/${id}`)
      expect(refused.status).toBe(400)
      expect(refused.json).toMatchObject({ error: { code: 'unsupported_task_cancel', type: 'invalid_request_error' } })
      expect(field((await call(sim, 'GET', `/v1/tasks/${id}`)).json, 'status')).toBe('pending')
    })
  })

  it('hides a task from every other key with 404 async_task_not_found', async () => {
    const { sim } = setup()
    const id = await create(sim, 'seedance-2.0', 'x [sim:queue=20s]')
    for (const [method, path] of [['GET', `/v1/tasks/${id}`], ['DELETE', `/v1/tasks/${id}`], ['GET', '/v1/tasks/ldtask_unknown']] as const) {
      const answer = await call(sim, method, path, { key: path.endsWith('unknown') ? undefined : KEY_B })
      expect(answer.status).toBe(404)
      expect(answer.json).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', code: 'async_task_not_found', param: null } })
    }
  })

  it('answers 401 to a missing or invalid key, and only accepts listed keys when given', async () => {
    const { sim } = setup()
    for (const key of [null, 'invalid-key']) {
      const answer = await call(sim, 'POST', '/v1/videos/generations', { key, body: { model: 'veo3.1' } })
      expect(answer.status).toBe(401)
      expect(field(answer.json, 'error', 'code')).toBe('invalid_api_key')
    }
    const strict = setup({ keys: ['sk-only'] }).sim
    expect((await call(strict, 'POST', '/v1/videos/generations', { body: { model: 'veo3.1' } })).status).toBe(401)
    expect((await call(strict, 'POST', '/v1/videos/generations', { key: 'sk-only', body: { model: 'veo3.1' } })).status).toBe(200)
  })

  it('refuses a create without an explicit model', async () => {
    const { sim } = setup()
    const answer = await call(sim, 'POST', '/v1/images/generations', { body: { prompt: 'x' } })
    expect(answer.status).toBe(400)
    expect(field(answer.json, 'error', 'param')).toBe('model')
    expect(sim.tasks()).toHaveLength(0)
  })
})
