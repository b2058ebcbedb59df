import { describe, expect, it } from 'vitest'
import type { AdapterResponse } from '../../adapter'
import { fal, kling, luma, meshy, midjourneyProxy, openaiVideo, replicate, runway, stability } from './index'
import { thrown } from '../../../test-utils/thrown'

const res = (body: unknown, status = 200, headers: Record<string, string> = {}): AdapterResponse => ({ status, headers, body })
describe('replicate', () => {
  const adapter = replicate()

  it('creates on the model route or with a version', () => {
    expect(adapter.createRequest({ model: 'black-forest-labs/flux-schnell', input: { prompt: 'p' } }, { jobId: 'j' })).toMatchObject({
      url: 'https://api.replicate.com/v1/models/black-forest-labs/flux-schnell/predictions',
      body: { input: { prompt: 'p' } },
    })
    expect(adapter.createRequest({ version: 'abc', input: { prompt: 'p' } }, { jobId: 'j' })).toMatchObject({
      url: 'https://api.replicate.com/v1/predictions',
      body: { version: 'abc', input: { prompt: 'p' } },
    })
  })

  it('reads canceled / aborted and file outputs', () => {
    const read = (body: Record<string, unknown>) => adapter.parseStatus(res({ id: 'p1', ...body }), { id: 'p1' })
    expect(read({ status: 'canceled' }).state).toBe('cancelled')
    expect(read({ status: 'aborted' }).state).toBe('expired')
    expect(read({ status: 'succeeded', output: ['https://replicate.delivery/a.webp', 'https://replicate.delivery/b.webp'] }).assets).toHaveLength(2)
    expect(read({ status: 'failed', error: 'CUDA out of memory' }).error).toEqual({ message: 'CUDA out of memory' })
  })

  it('reads the 429 hint "resets in ~30s" as retryAfterMs', () => {
    const error = thrown(() => adapter.parseStatus(res({ detail: 'Request was throttled. Your rate limit resets in ~30s.' }, 429), { id: 'p' }))
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 30_000 })
  })

  it('cancels with POST .../cancel and reads a canceled prediction', () => {
    const task = adapter.parseStatus(res({ id: 'p1', status: 'processing' }), { id: 'p1' })
    expect(adapter.cancel?.request(task)).toMatchObject({ method: 'POST', url: 'https://api.replicate.com/v1/predictions/p1/cancel' })
    expect(adapter.cancel?.parse(res({ id: 'p1', status: 'canceled' }), task)).toBe('cancelled')
    expect(adapter.cancel?.parse(res({ id: 'p1', status: 'processing' }), task)).toBe('requested')
  })
})

describe('fal', () => {
  const adapter = fal({ app: 'fal-ai/flux/dev' })
  const base = 'https://queue.fal.run/fal-ai/flux/requests/r1'

  it('creates on the app route and polls its status URL', () => {
    expect(adapter.createRequest({ input: { prompt: 'p' } }, { jobId: 'j' })).toMatchObject({ method: 'POST', url: 'https://queue.fal.run/fal-ai/flux/dev', body: { prompt: 'p' } })
    const task = adapter.parseCreate(res({ request_id: 'r1', status_url: `${base}/status`, response_url: base }), { input: {} })
    expect(task).toMatchObject({ id: 'r1', state: 'queued', pollUrl: `${base}/status` })
    // Without a stored URL: the owner/name root, as fal's docs say for apps with sub-paths.
    expect(adapter.statusRequest({ id: 'r1' }).url).toBe(`${base}/status`)
    expect(thrown(() => fal().statusRequest({ id: 'r1' })).kind).toBe('invalid-input')
  })

  it('reads COMPLETED as not yet decided, then the result from response_url', () => {
    const completed = adapter.parseStatus(res({ status: 'COMPLETED', request_id: 'r1', response_url: base, status_url: `${base}/status` }), {
      id: 'r1',
      pollUrl: `${base}/status`,
    })
    expect(completed).toMatchObject({ state: 'running', rawStatus: 'COMPLETED', pollUrl: base })
    expect(adapter.statusRequest(completed).url).toBe(base)
    const result = adapter.parseStatus(res({ images: [{ url: 'https://v3.fal.media/files/x.jpeg', content_type: 'image/jpeg' }], seed: 1 }), {
      id: 'r1',
      pollUrl: base,
    })
    expect(result).toMatchObject({ id: 'r1', state: 'succeeded', assets: [{ kind: 'image', url: 'https://v3.fal.media/files/x.jpeg' }] })
  })

  it('reads a failed result (422) as a failed task, but retries a 5xx', () => {
    const failed = adapter.parseStatus(res({ detail: 'prompt is required' }, 422), { id: 'r1', pollUrl: base })
    expect(failed).toMatchObject({ state: 'failed', error: { message: 'prompt is required' } })
    expect(thrown(() => adapter.parseStatus(res({}, 503), { id: 'r1', pollUrl: base })).kind).toBe('http')
    expect(thrown(() => adapter.parseStatus(res({ detail: 'bad' }, 422), { id: 'r1', pollUrl: `${base}/status` })).kind).toBe('http')
  })

  it('reads a COMPLETED with an error as failed, and queue_position as 1-based', () => {
    expect(adapter.parseStatus(res({ status: 'COMPLETED', request_id: 'r1', error: 'OOM' }), { id: 'r1' })).toMatchObject({ state: 'failed', error: { message: 'OOM' } })
    expect(adapter.parseStatus(res({ status: 'IN_QUEUE', request_id: 'r1', queue_position: 2 }), { id: 'r1' }).queuePosition).toBe(3)
  })

  it('cancels with PUT .../cancel', () => {
    const task = adapter.parseCreate(res({ request_id: 'r1', status_url: `${base}/status` }), { input: {} })
    expect(adapter.cancel?.request(task)).toMatchObject({ method: 'PUT', url: `${base}/cancel` })
    expect(adapter.cancel?.parse(res({ status: 'CANCELLATION_REQUESTED' }, 202), task)).toBe('requested')
    expect(adapter.cancel?.parse(res({ status: 'ALREADY_COMPLETED' }, 400), task)).toBe('not-cancellable')
  })
})

describe('runway', () => {
  const adapter = runway()

  it('sends X-Runway-Version and polls no faster than 5 s', () => {
    expect(adapter.createRequest({ endpoint: '/v1/image_to_video', model: 'gen4_turbo', promptImage: 'https://x/i.png' }, { jobId: 'j' })).toMatchObject({
      url: 'https://api.dev.runwayml.com/v1/image_to_video',
      headers: { 'x-runway-version': '2024-11-06' },
      body: { model: 'gen4_turbo', promptImage: 'https://x/i.png' },
    })
    expect(adapter.statusRequest({ id: 't' }).headers).toEqual({ 'x-runway-version': '2024-11-06' })
    expect(adapter.pollBounds.minMs).toBe(5000)
  })

  it('reads a 0..1 progress, THROTTLED as queued and SAFETY.* failures as blocked', () => {
    const read = (body: Record<string, unknown>) => adapter.parseStatus(res({ id: 't', ...body }), { id: 't' })
    expect(read({ status: 'RUNNING', progress: 0.42 }).progress).toBe(42)
    expect(read({ status: 'THROTTLED' }).state).toBe('queued')
    expect(read({ status: 'FAILED', failure: 'moderated', failureCode: 'SAFETY.INPUT.IMAGE' })).toMatchObject({
      state: 'blocked',
      error: { code: 'SAFETY.INPUT.IMAGE', message: 'moderated' },
    })
    expect(read({ status: 'FAILED', failure: 'internal', failureCode: 'INTERNAL.BAD_OUTPUT' }).state).toBe('failed')
  })
})

describe('luma', () => {
  it('reads the assets object', () => {
    const task = luma().parseStatus(
      res({ id: 'g', state: 'completed', assets: { video: 'https://cdn.luma/x.mp4', image: 'https://cdn.luma/x.jpg' } }),
      { id: 'g' },
    )
    expect(task.assets.map((asset) => asset.kind)).toEqual(['video', 'image'])
    expect(luma().parseStatus(res({ id: 'g', state: 'failed', failure_reason: 'nsfw' }), { id: 'g' }).error).toEqual({ message: 'nsfw' })
  })
})

describe('openaiVideo', () => {
  it('points a completed video at /content, expiring with the video', () => {
    const task = openaiVideo().parseStatus(res({ id: 'video_1', status: 'completed', expires_at: 1759027990 }), { id: 'video_1' })
    expect(task.assets).toEqual([{ kind: 'video', url: 'https://api.openai.com/v1/videos/video_1/content', role: 'content', expiresAt: 1759027990000 }])
  })
})

describe('kling', () => {
  const adapter = kling()

  it('reads a task back on its create route', () => {
    const task = adapter.parseCreate(
      res({ code: 0, message: 'SUCCEED', request_id: 'rq', data: { task_id: '84', task_status: 'submitted' } }),
      { endpoint: '/v1/videos/image2video' },
    )
    expect(task).toMatchObject({ id: '84', state: 'queued', requestId: 'rq', pollUrl: 'https://api-singapore.klingai.com/v1/videos/image2video/84' })
    expect(adapter.statusRequest(task).url).toBe('https://api-singapore.klingai.com/v1/videos/image2video/84')
    expect(thrown(() => adapter.statusRequest({ id: '84' })).kind).toBe('invalid-input')
  })

  it('reads a non-zero code with HTTP 200 as a provider error', () => {
    expect(thrown(() => adapter.parseStatus(res({ code: 1201, message: 'Invalid parameter', request_id: 'rq' }), { id: '84' }))).toMatchObject({
      kind: 'provider',
      code: '1201',
      message: 'Invalid parameter',
      requestId: 'rq',
    })
  })

  it('reads task_status_msg as the error', () => {
    const task = adapter.parseStatus(res({ code: 0, data: { task_id: '84', task_status: 'failed', task_status_msg: 'risk control' } }), { id: '84' })
    expect(task.error).toEqual({ message: 'risk control' })
  })
})

describe('meshy', () => {
  it('reads a task back on its create route, with the queue while pending', () => {
    const adapter = meshy()
    const task = adapter.parseCreate(res({ result: '018a' }), { endpoint: '/openapi/v2/text-to-3d' })
    expect(task).toMatchObject({ id: '018a', state: 'queued', pollUrl: 'https://api.meshy.ai/openapi/v2/text-to-3d/018a' })
    expect(adapter.parseStatus(res({ id: '018a', status: 'PENDING', preceding_tasks: 0 }), { id: '018a' }).queuePosition).toBe(1)
    expect(adapter.parseStatus(res({ id: '018a', status: 'IN_PROGRESS', preceding_tasks: 5 }), { id: '018a' }).queuePosition).toBeUndefined()
  })
})

describe('stability', () => {
  const adapter = stability()

  it('passes the multipart form through and asks for JSON results', () => {
    const form = new FormData()
    form.set('seed', '0')
    expect(adapter.createRequest({ endpoint: '/v2beta/image-to-video', form }, { jobId: 'j' })).toMatchObject({
      url: 'https://api.stability.ai/v2beta/image-to-video',
      body: form,
    })
    expect(adapter.statusRequest({ id: 'g1' })).toMatchObject({ url: 'https://api.stability.ai/v2beta/results/g1', headers: { accept: 'application/json' } })
  })

  it('reads the state from the HTTP status, and CONTENT_FILTERED as blocked', () => {
    expect(adapter.parseStatus(res({ id: 'g1', status: 'in-progress' }, 202), { id: 'g1' }).state).toBe('running')
    expect(adapter.parseStatus(res({ video: 'AAAA', finish_reason: 'SUCCESS', seed: 1 }), { id: 'g1' })).toMatchObject({ id: 'g1', state: 'succeeded' })
    expect(adapter.parseStatus(res({ image: 'AAAA', finish_reason: 'CONTENT_FILTERED' }), { id: 'g1' }).state).toBe('blocked')
    expect(thrown(() => adapter.parseStatus(res({ finish_reason: 'SUCCESS' }), { id: 'g1' })).kind).toBe('parse')
  })
})

describe('midjourneyProxy', () => {
  const adapter = midjourneyProxy({ baseUrl: 'http://localhost:8080' })

  it('reads submit codes 1, 21, 22 as accepted and others as provider errors', () => {
    expect(adapter.parseCreate(res({ code: 1, description: '提交成功', result: '123' }), {})).toMatchObject({ id: '123', state: 'queued' })
    expect(thrown(() => adapter.parseCreate(res({ code: 4, description: '参数错误' }), {}))).toMatchObject({ kind: 'provider', message: '参数错误' })
    expect(thrown(() => midjourneyProxy({ baseUrl: '' })).kind).toBe('invalid-input')
  })

  it('fetches one task, or many with list-by-condition', () => {
    expect(adapter.statusRequest({ id: '123' }).url).toBe('http://localhost:8080/mj/task/123/fetch')
    expect(adapter.batch?.request(['1', '2'])).toMatchObject({ method: 'POST', url: 'http://localhost:8080/mj/task/list-by-condition', body: { ids: ['1', '2'] } })
    const tasks = adapter.batch!.parse(res([{ id: '1', status: 'SUCCESS', imageUrl: 'https://cdn.discordapp.com/a.png' }, { id: '2', status: 'FAILURE', failReason: 'banned prompt' }]))
    expect(tasks.map((task) => [task.id, task.state, task.error?.message])).toEqual([
      ['1', 'succeeded', undefined],
      ['2', 'failed', 'banned prompt'],
    ])
  })
})
