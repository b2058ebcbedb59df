import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { createSimulator } from './simulator'
import { call, field, KEY_A, KEY_B } from './testSupport/call'

interface Item {
  id: number
  task_id: string
  platform: string
  action: string
  status: string
  submit_time: number
  progress: string
  fail_reason: string
  result_url?: string
}

function setup(seedHistory = 0, seed = 1) {
  const clock = createManualClock()
  return { clock, sim: createSimulator({ provider: 'newapi', clock, seedHistory, seed }) }
}

type Sim = ReturnType<typeof setup>['sim']

async function list(sim: Sim, query: string, key = KEY_A) {
  const answer = await call(sim, 'GET', `/api/task/self?${query}`, { key })
  expect(answer.status).toBe(200)
  expect(field(answer.json, 'success')).toBe(true)
  return field(answer.json, 'data') as { page: number; page_size: number; total: number; items: Item[] }
}

describe('new-api personality', () => {
  it('creates video and Suno tasks and fetches them to their end', async () => {
    const { sim, clock } = setup()
    const video = await call(sim, 'POST', '/v1/video/generations', { body: { model: 'kling-v2-6', prompt: 'x [sim:outcome=failure,queue=0,run=10s]' } })
    expect(video.json).toMatchObject({ object: 'video', status: 'in_progress', model: 'kling-v2-6' })
    const id = String(field(video.json, 'id'))
    clock.advance(10_000)
    const failed = field((await call(sim, 'GET', `/v1/video/generations/${id}`)).json, 'data')
    expect(failed).toMatchObject({ status: 'FAILURE', progress: '100%', fail_reason: expect.stringMatching(/.+/), finish_time: expect.any(Number) })

    const suno = await call(sim, 'POST', '/suno/submit/music', { body: { prompt: 'lofi [sim:queue=0,run=5s]' } })
    const sunoId = String(field(suno.json, 'data'))
    clock.advance(5_000)
    const done = field((await call(sim, 'GET', `/suno/fetch/${sunoId}`)).json, 'data')
    expect(done).toMatchObject({ status: 'SUCCESS', action: 'MUSIC', data: [{ status: 'complete', audio_url: expect.stringMatching(/audio\.m4a$/) }] })
    const batch = await call(sim, 'POST', '/suno/fetch', { body: { ids: [sunoId, 'task_missing'] } })
    expect(field(batch.json, 'data')).toHaveLength(1)
  })

  it('walks SUBMITTED -> QUEUED -> IN_PROGRESS -> SUCCESS with "n%" progress', async () => {
    const { sim, clock } = setup()
    const created = await call(sim, 'POST', '/v1/video/generations', { body: { model: 'kling-v2-6', prompt: 'x [sim:queue=9s,run=10s]' } })
    const id = String(field(created.json, 'task_id'))
    const seen: string[] = []
    for (let t = 0; t < 25; t++) {
      const status = String(field((await call(sim, 'GET', `/v1/video/generations/${id}`)).json, 'data', 'status'))
      if (seen.at(-1) !== status) seen.push(status)
      clock.advance(1_000)
    }
    expect(seen).toEqual(['SUBMITTED', 'QUEUED', 'IN_PROGRESS', 'SUCCESS'])
  })

  it('answers another key\u2019s task like a missing one: 400 task_not_exist', async () => {
    const { sim } = setup()
    const created = await call(sim, 'POST', '/v1/video/generations', { body: { model: 'kling-v2-6', prompt: 'x' } })
    const answer = await call(sim, 'GET', `/v1/video/generations/${String(field(created.json, 'id'))}`, { key: KEY_B })
    expect(answer.status).toBe(400)
    expect(answer.json).toEqual({ code: 'task_not_exist', message: 'task_not_exist', data: null })
    expect((await list(sim, '', KEY_B)).total).toBe(0)
  })

  it('answers bad keys the new-api way: relay 401, console 401 without a token and HTTP 200 success:false with a bad one', async () => {
    const { sim } = setup()
    const relay = await call(sim, 'POST', '/v1/video/generations', { key: 'invalid-token', body: { model: 'kling-v2-6' } })
    expect(relay.status).toBe(401)
    expect(field(relay.json, 'error', 'type')).toBe('new_api_error')
    const missing = await call(sim, 'GET', '/api/task/self', { key: null })
    expect(missing).toMatchObject({ status: 401, json: { success: false, message: expect.any(String) } })
    const invalid = await call(sim, 'GET', '/api/task/self', { key: 'invalid-token' })
    expect(invalid).toMatchObject({ status: 200, json: { success: false, message: expect.any(String) } })
  })

  it('pages newest first with new-api defaults (p < 1 -> 1, page_size 0 -> 10)', async () => {
    const { sim } = setup(25)
    const first = await list(sim, 'p=0&page_size=0')
    expect(first).toMatchObject({ page: 1, page_size: 10, total: 25 })
    expect(first.items.map((item) => item.id)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16])
    const last = await list(sim, 'p=3&page_size=10')
    expect(last.items.map((item) => item.id)).toEqual([5, 4, 3, 2, 1])
    expect((await list(sim, 'p=4&page_size=10')).items).toEqual([])
  })

  it('seeds thousands of varied historical tasks, the same for the same seed', async () => {
    const { sim, clock } = setup(3_000, 7)
    const all = await list(sim, 'page_size=5000')
    expect(all.total).toBe(3_000)
    const distinct = (key: keyof Item) => new Set(all.items.map((item) => item[key]))
    expect(distinct('platform').size).toBeGreaterThanOrEqual(5)
    expect(distinct('action').size).toBeGreaterThanOrEqual(5)
    for (const status of ['SUCCESS', 'FAILURE', 'UNKNOWN', 'NOT_START']) expect(distinct('status')).toContain(status)
    const thirtyDays = 30 * 24 * 3600
    expect(all.items.every((item) => item.submit_time <= clock.now() / 1000 && item.submit_time >= clock.now() / 1000 - thirtyDays)).toBe(true)
    // Successes carry a result_url, except the few seeded as "completed without output".
    const successes = all.items.filter((item) => item.status === 'SUCCESS')
    const withUrl = successes.filter((item) => item.result_url?.startsWith('https://'))
    expect(withUrl.length).toBeGreaterThan(successes.length * 0.95)
    expect(withUrl.length).toBeLessThan(successes.length)

    const again = await list(setup(3_000, 7).sim, 'page_size=5000')
    expect(again.items.map((item) => item.task_id)).toEqual(all.items.map((item) => item.task_id))
    const other = await list(setup(3_000, 8).sim, 'page_size=5000')
    expect(other.items.map((item) => item.task_id)).not.toEqual(all.items.map((item) => item.task_id))
  })

  it('filters by task_id, platform, status, action and submit-time range, counting total before paging', async () => {
    const { sim } = setup(800)
    const all = (await list(sim, 'page_size=1000')).items

    const target = all[123]
    expect((await list(sim, `task_id=${target?.task_id ?? ''}`)).items).toEqual([target])

    const suno = await list(sim, 'platform=suno&page_size=3')
    expect(suno.total).toBe(all.filter((item) => item.platform === 'suno').length)
    expect(suno.items).toHaveLength(3)
    expect(suno.items.every((item) => item.platform === 'suno')).toBe(true)

    const failures = await list(sim, 'status=FAILURE&page_size=1000')
    expect(failures.total).toBe(all.filter((item) => item.status === 'FAILURE').length)
    expect(failures.items.every((item) => item.fail_reason !== '' && item.progress === '100%')).toBe(true)

    const music = await list(sim, 'action=MUSIC&platform=suno&page_size=1000')
    expect(music.total).toBe(all.filter((item) => item.action === 'MUSIC' && item.platform === 'suno').length)

    const times = all.map((item) => item.submit_time).sort((a, b) => a - b)
    const from = times[100] ?? 0
    const to = times[299] ?? 0
    const ranged = await list(sim, `start_timestamp=${from}&end_timestamp=${to}&page_size=1000`)
    expect(ranged.total).toBe(all.filter((item) => item.submit_time >= from && item.submit_time <= to).length)
    expect(ranged.total).toBeGreaterThanOrEqual(200)
  })

  it('lists a key\u2019s own new tasks on top of its history, and never another key\u2019s', async () => {
    const { sim } = setup(50)
    await call(sim, 'POST', '/suno/submit/music', { body: { prompt: 'mine' } })
    await call(sim, 'POST', '/suno/submit/music', { key: KEY_B, body: { prompt: 'theirs' } })
    const mine = await list(sim, 'page_size=1')
    expect(mine.total).toBe(51)
    expect(field(mine.items[0], 'properties', 'input')).toBe('mine')
    const theirs = await list(sim, 'page_size=1', KEY_B)
    expect(theirs.total).toBe(51)
    expect(field(theirs.items[0], 'properties', 'input')).toBe('theirs')
  })
})
