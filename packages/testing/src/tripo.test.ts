import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { createSimulator } from './simulator'
import { call, field, KEY_B } from './testSupport/call'

function setup() {
  const clock = createManualClock()
  return { clock, sim: createSimulator({ provider: 'tripo', clock }) }
}

type Sim = ReturnType<typeof setup>['sim']

async function createV2(sim: Sim, body: Record<string, unknown>) {
  const created = await call(sim, 'POST', '/v2/openapi/task', { body })
  expect(field(created.json, 'code')).toBe(0)
  return String(field(created.json, 'data', 'task_id'))
}

async function statusOf(sim: Sim, id: string) {
  return field((await call(sim, 'GET', `/v2/openapi/task/${id}`)).json, 'data') as Record<string, unknown>
}

describe('Tripo personality', () => {
  it('reports queue positions, then running time left, then -1 when finalized', async () => {
    const { sim, clock } = setup()
    const id = await createV2(sim, { type: 'text_to_model', prompt: 'a cat [sim:queue=10s,position=4,run=20s]' })
    const first = await statusOf(sim, id)
    expect(first).toMatchObject({ status: 'queued', progress: 0, queuing_num: 4 })
    clock.advance(8_000)
    expect(await statusOf(sim, id)).toMatchObject({ status: 'queued', queuing_num: 1 })
    clock.advance(7_000)
    const running = await statusOf(sim, id)
    expect(running).toMatchObject({ status: 'running', queuing_num: -1, running_left_time: 15 })
    expect(running.progress).toBeGreaterThan(0)
    clock.advance(15_000)
    expect(await statusOf(sim, id)).toMatchObject({ status: 'success', progress: 100, queuing_num: -1, running_left_time: -1, consumed_credit: expect.any(Number) })
  })

  it('words each ending as Tripo does, with no credit consumed unless it succeeded', async () => {
    const { sim, clock } = setup()
    const endings = { failure: 'failed', blocked: 'banned', expired: 'expired', cancelled: 'cancelled' } as const
    const ids = new Map<string, string>()
    for (const outcome of Object.keys(endings)) ids.set(outcome, await createV2(sim, { type: 'text_to_model', prompt: `x [sim:outcome=${outcome},queue=0,run=5s]` }))
    clock.advance(5_000)
    for (const [outcome, word] of Object.entries(endings)) {
      const data = await statusOf(sim, ids.get(outcome) ?? '')
      expect(data).toMatchObject({ status: word, consumed_credit: 0, running_left_time: -1, output: {} })
    }
    expect(await statusOf(sim, ids.get('failure') ?? '')).toMatchObject({ error_code: 1001 })
  })

  it('answers a multiview task with the four view URLs', async () => {
    const { sim, clock } = setup()
    const id = await createV2(sim, { type: 'generate_multiview_image', file: { type: 'png', url: 'https://example.com/a.png' }, prompt: '[sim:queue=0,run=1s]' })
    clock.advance(1_000)
    const output = (await statusOf(sim, id)).output
    expect(field(output, 'generate_multiview_image')).toEqual({
      front_view_url: expect.stringMatching(/view-front\.png\?auth_key=\d+-[0-9a-f]+$/),
      left_view_url: expect.stringMatching(/view-left\.png\?auth_key=/),
      back_view_url: expect.stringMatching(/view-back\.png\?auth_key=/),
      right_view_url: expect.stringMatching(/view-right\.png\?auth_key=/),
    })
  })

  it('signs fresh URLs on every answer; they expire five minutes later with a 403', async () => {
    const { sim, clock } = setup()
    const id = await createV2(sim, { type: 'text_to_model', prompt: 'x [sim:queue=0,run=1s]' })
    clock.advance(1_000)
    const url = String(field((await statusOf(sim, id)).output, 'model'))
    const path = url.slice(sim.baseUrl.length)
    expect((await call(sim, 'GET', path, { key: null })).status).toBe(200)
    clock.advance(5 * 60 * 1000 - 2_000)
    expect((await call(sim, 'GET', path, { key: null })).status).toBe(200)
    clock.advance(3_000)
    const expired = await call(sim, 'GET', path, { key: null })
    expect(expired.status).toBe(403)
    const fresh = String(field((await statusOf(sim, id)).output, 'model'))
    expect(fresh).not.toBe(url)
    expect((await call(sim, 'GET', fresh.slice(sim.baseUrl.length), { key: null })).status).toBe(200)
    // A tampered or missing signature is refused too.
    expect((await call(sim, 'GET', fresh.slice(sim.baseUrl.length).replace(/-[0-9a-f]+$/, '-0000'), { key: null })).status).toBe(403)
    expect((await call(sim, 'GET', fresh.slice(sim.baseUrl.length).split('?')[0] ?? '', { key: null })).status).toBe(403)
  })

  it('answers "task not found" to another key, on v2 and v3 alike', async () => {
    const { sim } = setup()
    const id = await createV2(sim, { type: 'text_to_model', prompt: 'x' })
    for (const path of [`/v2/openapi/task/${id}`, `/v3/tasks/${id}`]) {
      const answer = await call(sim, 'GET', path, { key: KEY_B })
      expect(answer.status).toBe(404)
      expect(answer.json).toMatchObject({ code: 2001, message: 'Task not found', suggestion: expect.any(String) })
    }
  })

  it('speaks v3: create routes, model_url output, ISO times and the batch list', async () => {
    const { sim, clock } = setup()
    const model = await call(sim, 'POST', '/v3/generation/text-to-model', { body: { prompt: 'x [sim:queue=0,run=2s]', model: 'v3.1-20260211' } })
    const image = await call(sim, 'POST', '/v3/generation/text-to-image', { body: { prompt: 'x [sim:queue=0,run=2s]' } })
    const foreign = await call(sim, 'POST', '/v3/generation/text-to-image', { key: KEY_B, body: { prompt: 'x' } })
    clock.advance(2_000)
    const modelId = String(field(model.json, 'data', 'task_id'))
    const imageId = String(field(image.json, 'data', 'task_id'))
    const task = field((await call(sim, 'GET', `/v3/tasks/${modelId}`)).json, 'data')
    expect(task).toMatchObject({ type: 'text_to_model', status: 'success', output: { model_url: expect.stringMatching(/model\.glb\?auth_key=/) }, created_at: expect.stringMatching(/Z$/) })
    const list = await call(sim, 'POST', '/v3/tasks/list', { body: { task_ids: [modelId, imageId, String(field(foreign.json, 'data', 'task_id'))] } })
    const tasks = field(list.json, 'data', 'tasks') as { task_id: string; output: Record<string, unknown> }[]
    expect(tasks.map((t) => t.task_id)).toEqual([modelId, imageId])
    expect(tasks[1]?.output.generated_image_url).toMatch(/image\.png\?auth_key=/)
    expect((await call(sim, 'POST', '/v3/tasks/list', { body: { task_ids: [] } })).status).toBe(400)
    expect(sim.requests.at(-1)?.kind).toBe('list')
  })

  it('refuses unknown task types and bad keys with Tripo error codes', async () => {
    const { sim } = setup()
    const unsupported = await call(sim, 'POST', '/v2/openapi/task', { body: { type: 'make_coffee' } })
    expect(unsupported.status).toBe(400)
    expect(field(unsupported.json, 'code')).toBe(2002)
    const unauthorized = await call(sim, 'POST', '/v2/openapi/task', { key: 'invalid', body: { type: 'text_to_model' } })
    expect(unauthorized).toMatchObject({ status: 401, json: { code: 1002 } })
    expect(unauthorized.headers['x-tripo-trace-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('serves an SDK-style wait loop: poll until a terminal status, then download the model', async () => {
    const { sim, clock } = setup()
    const created = await call(sim, 'POST', '/v3/generation/image-to-model', { body: { input: 'https://example.com/a.png' } })
    const id = String(field(created.json, 'data', 'task_id'))
    const terminal = ['success', 'failed', 'cancelled', 'banned', 'expired']
    let task: Record<string, unknown> = {}
    for (let i = 0; i < 200; i++) {
      task = field((await call(sim, 'GET', `/v3/tasks/${id}`)).json, 'data') as Record<string, unknown>
      if (terminal.includes(String(task.status))) break
      clock.advance(2_000)
    }
    expect(terminal).toContain(task.status)
  })
})
