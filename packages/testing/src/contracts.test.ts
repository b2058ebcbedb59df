import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { createSimulator, type Simulator } from './simulator'
import { call, field } from './testSupport/call'
import { diffShapes, readContract } from './testSupport/shape'

/**
 * Every personality answers with the keys, value types, envelopes and status words of the real
 * responses in /work/shared/contracts. Known, documented differences are listed per test.
 */

function expectShape(actual: unknown, contractName: string, ignore: { missing?: readonly string[]; extra?: readonly string[] } = {}) {
  expect(diffShapes(actual, readContract(contractName), ignore)).toEqual({ missing: [], extra: [], typeMismatches: [] })
}

function simulator(provider: Simulator['provider'], seedHistory = 0) {
  const clock = createManualClock()
  return { clock, sim: createSimulator({ provider, clock, seedHistory }) }
}

/** Fields the TokenLab docs list beyond the status examples (request_id, model, timestamps, billing). */
const TOKENLAB_STATUS_EXTRAS = ['progress', 'model', 'created', 'updated', 'request_id', 'billing_transaction_id'] as const

describe('TokenLab contracts', () => {
  it('answers a create like tokenlab-pending.json (plus request_id)', async () => {
    const { sim } = simulator('tokenlab')
    const created = await call(sim, 'POST', '/v1/videos/generations', { body: { model: 'veo3.1', prompt: 'a cat [sim:queue=10s]' } })
    expect(created.status).toBe(200)
    expectShape(created.json, 'tokenlab-pending.json', { extra: ['request_id'] })
    expect(field(created.json, 'status')).toBe('pending')
    expect(field(created.json, 'poll_url')).toBe(`/v1/tasks/${String(field(created.json, 'id'))}`)
    expect(field(created.json, 'task_id')).toBe(field(created.json, 'id'))
    expect(created.headers['x-request-id']).toBe(field(created.json, 'request_id'))
  })

  it('answers pending, processing and completed status like the contract files', async () => {
    const { sim, clock } = simulator('tokenlab')
    const created = await call(sim, 'POST', '/v1/3d/generations', { body: { model: 'tripo-v2.5', prompt: 'a chair [sim:queue=5s,run=20s]' } })
    const id = String(field(created.json, 'id'))

    const pending = await call(sim, 'GET', `/v1/tasks/${id}`)
    expectShape(pending.json, 'tokenlab-pending.json', { extra: TOKENLAB_STATUS_EXTRAS })

    clock.advance(10_000)
    const processing = await call(sim, 'GET', `/v1/tasks/${id}`)
    expect(field(processing.json, 'status')).toBe('processing')
    expectShape(processing.json, 'tokenlab-processing.json', { extra: TOKENLAB_STATUS_EXTRAS })

    clock.advance(20_000)
    const completed = await call(sim, 'GET', `/v1/tasks/${id}`)
    expect(field(completed.json, 'status')).toBe('completed')
    expectShape(completed.json, 'tokenlab-completed.json', { extra: TOKENLAB_STATUS_EXTRAS })
    expect(completed.headers['x-billing-transaction-id']).toBe(field(completed.json, 'billing_transaction_id'))
  })
})

describe('Tripo contracts', () => {
  it('answers v2 create with { code: 0, data: { task_id } }', async () => {
    const { sim } = simulator('tripo')
    const created = await call(sim, 'POST', '/v2/openapi/task', { body: { type: 'text_to_model', prompt: 'a cute cat' } })
    expect(created.status).toBe(200)
    expect(created.json).toEqual({ code: 0, data: { task_id: expect.stringMatching(/^[0-9a-f-]{36}$/) } })
  })

  it('answers v2 running and success like tripo-v2-running.json / tripo-v2-success.json', async () => {
    const { sim, clock } = simulator('tripo')
    const created = await call(sim, 'POST', '/v2/openapi/task', { body: { type: 'text_to_model', prompt: 'a cute cat [sim:queue=0,run=30s]' } })
    const id = String(field(created.json, 'data', 'task_id'))
    clock.advance(10_000)
    const running = await call(sim, 'GET', `/v2/openapi/task/${id}`)
    // The captured answer also carries name/prompt/is_owner and early partial outputs
    // (pbr_model, rendered_sequence) at the top level; the simulator keeps outputs in `output`.
    expectShape(running.json, 'tripo-v2-running.json', {
      missing: ['data.name', 'data.prompt', 'data.is_owner', 'data.pbr_model', 'data.rendered_sequence'],
      extra: ['data.output', 'data.consumed_credit'],
    })
    clock.advance(30_000)
    const success = await call(sim, 'GET', `/v2/openapi/task/${id}`)
    expectShape(success.json, 'tripo-v2-success.json')
    expect(field(success.json, 'data', 'status')).toBe('success')
    expect(field(success.json, 'data', 'running_left_time')).toBe(-1)
    expect(field(success.json, 'data', 'queuing_num')).toBe(-1)
  })

  it('answers v3 running and success like tripo-v3-running.json / tripo-v3-success.json', async () => {
    const { sim, clock } = simulator('tripo')
    const created = await call(sim, 'POST', '/v3/generation/text-to-model', { body: { prompt: 'a cat [sim:queue=0,run=30s]' } })
    const id = String(field(created.json, 'data', 'task_id'))
    clock.advance(10_000)
    const v3Extras = ['data.input', 'data.output', 'data.credits_consumed', 'data.created_at', 'data.queuing_num', 'data.running_left_time']
    expectShape((await call(sim, 'GET', `/v3/tasks/${id}`)).json, 'tripo-v3-running.json', { extra: v3Extras })
    clock.advance(30_000)
    const success = await call(sim, 'GET', `/v3/tasks/${id}`)
    // The v3 success contract shows the two outputs of its SDK type; the simulator adds the base
    // and PBR model URLs the v2 answer has, plus the SDK's queuing_num/running_left_time.
    expectShape(success.json, 'tripo-v3-success.json', {
      extra: ['data.input', 'data.output.base_model_url', 'data.output.pbr_model_url', 'data.queuing_num', 'data.running_left_time'],
    })
    expect(Date.parse(String(field(success.json, 'data', 'completed_at')))).toBeGreaterThan(Date.parse(String(field(success.json, 'data', 'created_at'))))
  })

  it('answers errors with the { code, message, suggestion } envelope of tripo-api-error.json', async () => {
    const { sim } = simulator('tripo')
    const missing = await call(sim, 'GET', '/v2/openapi/task/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expectShape(missing.json, 'tripo-api-error.json')
    expect(field(missing.json, 'message')).toMatch(/task not found/i)
    const unauthorized = await call(sim, 'GET', '/v3/tasks/x', { key: null })
    expect(unauthorized.status).toBe(401)
    expectShape(unauthorized.json, 'tripo-api-error.json')
  })
})

describe('Qingbo contracts', () => {
  it('answers queued, processing and completed like the contract files', async () => {
    const { sim, clock } = simulator('qingbo')
    const created = await call(sim, 'POST', '/v1/tasks', { body: { model: 'veo3', prompt: 'a cat [sim:queue=5s,run=20s]' } })
    expect(created.status).toBe(200)
    const id = String(field(created.json, 'task_id'))
    expect(field(created.json, 'status')).toBe('queued')

    // poll_url appears in Qingbo's sync answer (qingbo-processing.json); the simulator sends it always.
    expectShape((await call(sim, 'GET', `/v1/tasks/${id}`)).json, 'qingbo-queued.json', { extra: ['poll_url'] })
    clock.advance(10_000)
    expectShape((await call(sim, 'GET', `/v1/tasks/${id}`)).json, 'qingbo-processing.json', {
      extra: ['action', 'model', 'created_at', 'start_time', 'urls'],
    })
    clock.advance(20_000)
    const completed = await call(sim, 'GET', `/v1/tasks/${id}`)
    expectShape(completed.json, 'qingbo-completed.json', { extra: ['poll_url', 'urls'] })
    expect(field(completed.json, 'progress')).toBe(100)
  })
})

describe('new-api contracts', () => {
  it('answers fetch running and completed like newapi-task-fetch-*.json', async () => {
    const { sim, clock } = simulator('newapi')
    const created = await call(sim, 'POST', '/v1/video/generations', { body: { model: 'kling-v2-6', prompt: 'a cat [sim:queue=0,run=60s]', image: 'https://example.com/cat.png' } })
    const id = String(field(created.json, 'task_id'))
    clock.advance(20_000)
    const running = await call(sim, 'GET', `/v1/video/generations/${id}`)
    expectShape(running.json, 'newapi-task-fetch-running.json')
    expect(field(running.json, 'data', 'status')).toBe('IN_PROGRESS')
    expect(field(running.json, 'data', 'progress')).toMatch(/^\d{1,3}%$/)
    clock.advance(60_000)
    const completed = await call(sim, 'GET', `/v1/video/generations/${id}`)
    expectShape(completed.json, 'newapi-task-fetch-completed.json')
    expect(field(completed.json, 'data', 'status')).toBe('SUCCESS')
  })

  it('answers a running Suno fetch like newapi-suno-fetch-running.json', async () => {
    const { sim, clock } = simulator('newapi')
    const created = await call(sim, 'POST', '/suno/submit/music', { body: { prompt: 'lofi beat [sim:queue=0,run=60s]', mv: 'chirp-v3-5' } })
    expect(created.json).toEqual({ code: 'success', message: '', data: expect.stringMatching(/^task_/) })
    clock.advance(10_000)
    const running = await call(sim, 'GET', `/suno/fetch/${String(field(created.json, 'data'))}`)
    expectShape(running.json, 'newapi-suno-fetch-running.json')
    expect(field(running.json, 'data', 'action')).toBe('MUSIC')
  })

  it('answers the OpenAI-style video route like newapi-openai-video-queued.json', async () => {
    const { sim } = simulator('newapi')
    const created = await call(sim, 'POST', '/v1/videos', { body: { model: 'sora-2', prompt: 'a cat [sim:queue=10s]' } })
    const queued = await call(sim, 'GET', `/v1/videos/${String(field(created.json, 'id'))}`)
    // task_id is new-api's compatibility alias; size is part of dto.OpenAIVideo.
    expectShape(queued.json, 'newapi-openai-video-queued.json', { extra: ['task_id', 'size'] })
  })

  it('answers /api/task/self like newapi-task-self-list.json', async () => {
    const { sim, clock } = simulator('newapi')
    await call(sim, 'POST', '/suno/submit/music', { body: { prompt: 'lofi beat [sim:queue=0,run=60s]' } })
    await call(sim, 'POST', '/v1/video/generations', { body: { model: 'kling-v2-6', prompt: 'a cat [sim:queue=0,run=30s]' } })
    clock.advance(40_000)
    const list = await call(sim, 'GET', '/api/task/self?p=1&page_size=10')
    expect(list.status).toBe(200)
    expectShape(list.json, 'newapi-task-self-list.json')
    expect(field(list.json, 'data', 'items', 0, 'status')).toBe('SUCCESS')
    expect(field(list.json, 'data', 'items', 1, 'status')).toBe('IN_PROGRESS')
  })
})
