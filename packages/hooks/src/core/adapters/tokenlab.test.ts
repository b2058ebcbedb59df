import { describe, expect, it } from 'vitest'
import type { AdapterResponse } from '../adapter'
import type { Task } from '../model'
import { tokenlab } from './tokenlab'
import { thrown } from '../../test-utils/thrown'

const res = (body: unknown, status = 200, headers: Record<string, string> = {}): AdapterResponse => ({ status, headers, body })
const ID = 'ldtask_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const adapter = tokenlab()
const read = (body: unknown, status = 200, headers: Record<string, string> = {}): Task =>
  adapter.parseStatus(res(body, status, headers), { id: ID })
describe('tokenlab', () => {
  it('creates through the endpoint the input names, without sending `endpoint`', () => {
    const request = adapter.createRequest({ endpoint: '/v1/videos/generations', model: 'veo3.1', prompt: 'a cat' }, { jobId: 'j1' })
    expect(request).toEqual({
      method: 'POST',
      url: 'https://api.tokenlab.sh/v1/videos/generations',
      headers: { 'content-type': 'application/json' },
      body: { model: 'veo3.1', prompt: 'a cat' },
    })
    expect(adapter.idempotencyHeader).toBeUndefined()
  })

  it('refuses an endpoint that could send the key to another host', () => {
    for (const endpoint of ['https://evil.example/v1/x', '//evil.example/v1/x', 'v1/x', '', undefined]) {
      const error = thrown(() => adapter.createRequest({ endpoint, model: 'm' } as never, { jobId: 'j' }))
      expect(error.kind).toBe('invalid-input')
    }
  })

  it('reads a create answer: id, poll_url resolved, model, request id', () => {
    const task = adapter.parseCreate(
      res({ id: ID, task_id: ID, status: 'pending', poll_url: `/v1/tasks/${ID}`, model: 'veo3.1', request_id: 'req_1' }),
      { endpoint: '/v1/videos/generations', model: 'veo3.1' },
    )
    expect(task).toMatchObject({ id: ID, state: 'queued', rawStatus: 'pending', model: 'veo3.1', requestId: 'req_1' })
    expect(task.pollUrl).toBe(`https://api.tokenlab.sh/v1/tasks/${ID}`)
  })

  it('takes `task_id` when `id` is absent, the request id from the header, and a missing status as queued on create', () => {
    const task = adapter.parseCreate(res({ task_id: ID }, 200, { 'x-request-id': 'req_h' }), { endpoint: '/v1/x', model: 'm' })
    expect(task).toMatchObject({ id: ID, state: 'queued', model: 'm', requestId: 'req_h' })
  })

  it('resolves a relative poll_url against a base URL with a path prefix', () => {
    const gateway = tokenlab({ baseUrl: 'https://gw.example.com/tokenlab/' })
    const task = gateway.parseStatus(res({ id: ID, status: 'processing', poll_url: `/v1/tasks/${ID}` }), { id: ID })
    expect(task.pollUrl).toBe(`https://gw.example.com/tokenlab/v1/tasks/${ID}`)
    expect(gateway.statusRequest({ id: ID }).url).toBe(`https://gw.example.com/tokenlab/v1/tasks/${ID}`)
  })

  it('polls poll_url first, else /v1/tasks/{id}, and never a poll_url on another origin', () => {
    expect(adapter.statusRequest({ id: ID, pollUrl: 'https://api.tokenlab.sh/v1/videos/x' }).url).toBe(
      'https://api.tokenlab.sh/v1/videos/x',
    )
    expect(adapter.statusRequest({ id: 'a/b?c' }).url).toBe('https://api.tokenlab.sh/v1/tasks/a%2Fb%3Fc')
    expect(adapter.statusRequest({ id: ID, pollUrl: 'https://evil.example/steal' }).url).toBe(
      `https://api.tokenlab.sh/v1/tasks/${ID}`,
    )
    expect(read({ id: ID, status: 'processing', poll_url: 'https://evil.example/steal' }).pollUrl).toBeUndefined()
  })

  it('keeps the pollUrl it was polled with when the answer has none', () => {
    const task = adapter.parseStatus(res({ id: ID, status: 'processing' }), { id: ID, pollUrl: 'https://api.tokenlab.sh/v1/x' })
    expect(task.pollUrl).toBe('https://api.tokenlab.sh/v1/x')
  })

  it('maps the four public statuses and progress', () => {
    expect(read({ id: ID, status: 'pending' }).state).toBe('queued')
    expect(read({ id: ID, status: 'processing', progress: 45 })).toMatchObject({ state: 'running', progress: 45 })
    expect(read({ id: ID, status: 'failed' }).state).toBe('failed')
    expect(read({ id: ID, status: 'completed', video_url: 'https://cdn.example.com/v.mp4' }).state).toBe('succeeded')
  })

  it('reads failed + cancelled: true as cancelled ("so older status handling keeps working")', () => {
    const task = read({ id: ID, status: 'failed', cancelled: true, cancellation_status: 'cancelled' })
    expect(task).toMatchObject({ state: 'cancelled', rawStatus: 'failed', cancelled: true })
    expect(task.error).toBeUndefined()
    expect(read({ id: ID, status: 'failed', cancellation_status: 'cancelled' }).state).toBe('cancelled')
  })

  it('keeps the public error of a failed task, with a message even when none is given', () => {
    expect(read({ id: ID, status: 'failed', error: { code: 'upstream_failed', message: 'Upstream error' } }).error).toEqual({
      code: 'upstream_failed',
      message: 'Upstream error',
    })
    expect(read({ id: ID, status: 'failed', error: 'Prompt rejected' }).error).toEqual({ message: 'Prompt rejected' })
    expect(read({ id: ID, status: 'failed' }).error).toEqual({ message: 'Task failed' })
  })

  it('reads billing_transaction_id from the body or the X-Billing-Transaction-ID header', () => {
    expect(read({ id: ID, status: 'processing', billing_transaction_id: 'btx_body' }).billing).toEqual({ transactionId: 'btx_body' })
    expect(read({ id: ID, status: 'processing' }, 200, { 'x-billing-transaction-id': 'btx_header' }).billing).toEqual({
      transactionId: 'btx_header',
    })
    expect(read({ id: ID, status: 'processing' }).billing).toBeUndefined()
  })

  it('reads the 3D result fields, one asset per distinct URL', () => {
    const task = read({
      id: ID,
      status: 'completed',
      model_url: 'https://cdn.example.com/3d/abc.glb',
      glb_url: 'https://cdn.example.com/3d/abc.glb',
      fbx_url: 'https://cdn.example.com/3d/abc.fbx',
    })
    expect(task.assets).toEqual([
      { kind: 'model3d', url: 'https://cdn.example.com/3d/abc.glb', role: 'model' },
      { kind: 'model3d', url: 'https://cdn.example.com/3d/abc.fbx', role: 'fbx' },
    ])
  })

  it('is liberal with media fields and gives each a kind by name and extension', () => {
    const task = read({
      id: ID,
      status: 'completed',
      images: ['https://cdn.example.com/a.png', { url: 'https://cdn.example.com/b' }],
      video_url: 'https://cdn.example.com/stream',
      audio_url: 'https://cdn.example.com/song.mp3',
      output: { url: '/files/out.webm' },
      input: { image_url: 'https://user.example.com/reference.png' },
    })
    expect(task.assets.map((asset) => [asset.kind, asset.url])).toEqual([
      ['image', 'https://cdn.example.com/a.png'],
      ['image', 'https://cdn.example.com/b'],
      ['video', 'https://cdn.example.com/stream'],
      ['audio', 'https://cdn.example.com/song.mp3'],
      ['video', 'https://api.tokenlab.sh/files/out.webm'],
    ])
  })

  it('fails a completed task without a usable URL: "Final media URL missing"', () => {
    for (const body of [
      { id: ID, status: 'completed' },
      { id: ID, status: 'completed', video_url: 'javascript:alert(1)' },
      { id: ID, status: 'completed', image_url: 'data:text/html,<script>alert(1)</script>' },
    ]) {
      const task = read(body)
      expect(task).toMatchObject({ state: 'failed', rawStatus: 'completed', assets: [] })
      expect(task.error).toEqual({ code: 'missing_output', message: 'Final media URL missing' })
    }
  })

  it('drops javascript: URLs but keeps the safe ones', () => {
    const task = read({ id: ID, status: 'completed', image_url: 'javascript:alert(1)', images: ['https://cdn.example.com/ok.png'] })
    expect(task.assets.map((asset) => asset.url)).toEqual(['https://cdn.example.com/ok.png'])
    expect(task.state).toBe('succeeded')
  })

  it('keeps an undocumented status as unknown, with the word', () => {
    expect(read({ id: ID, status: 'paused' })).toMatchObject({ state: 'unknown', rawStatus: 'paused' })
    expect(read({ id: ID, status: 'constructor' }).state).toBe('unknown')
  })

  it('reads malformed bodies as parse errors', () => {
    for (const body of [undefined, null, 'oops', [], 7, {}, { status: 'pending' }, { id: '   ' }]) {
      expect(thrown(() => read(body)).kind).toBe('parse')
    }
  })

  it('maps error answers to kinds', () => {
    const notFound = thrown(() => read({ error: { code: 'async_task_not_found', message: 'Task not found' } }, 404))
    expect(notFound).toMatchObject({ kind: 'not-found', code: 'async_task_not_found', message: 'Task not found', status: 404 })
    expect(thrown(() => read({ error: 'async_task_not_found' }, 400)).kind).toBe('not-found')
    expect(thrown(() => read({ error: { message: 'bad key' } }, 401)).kind).toBe('auth')
    expect(thrown(() => read({}, 403)).kind).toBe('auth')
    const limited = thrown(() => read({ error: { message: 'slow down' } }, 429, { 'retry-after': '7' }))
    expect(limited).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000, retryable: true })
    const down = thrown(() => read('<html>Bad gateway</html>', 502, { 'x-request-id': 'req_9' }))
    expect(down).toMatchObject({ kind: 'http', retryable: true, status: 502, requestId: 'req_9', message: '<html>Bad gateway</html>' })
    expect(thrown(() => read({ error: { message: 'bad input' } }, 400))).toMatchObject({ kind: 'http', retryable: false })
  })

  it('reads an HTTP-date Retry-After', () => {
    const limited = thrown(() => read({}, 503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }))
    expect(limited.kind).toBe('http')
    expect(limited.retryAfterMs).toBeGreaterThan(55_000)
    expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  describe('cancel', () => {
    const cancel = adapter.cancel!
    const task = read({ id: ID, status: 'pending', poll_url: '/v1/videos/x' })

    it('sends DELETE /v1/tasks/{id}', () => {
      expect(cancel.request(task)).toEqual({ method: 'DELETE', url: `https://api.tokenlab.sh/v1/tasks/${ID}` })
    })

    it('reads 2xx as requested, or cancelled when the body says so', () => {
      expect(cancel.parse(res(undefined, 204), task)).toBe('requested')
      expect(cancel.parse(res({ id: ID, status: 'pending' }), task)).toBe('requested')
      expect(cancel.parse(res({ id: ID, status: 'failed', cancelled: true }), task)).toBe('cancelled')
      expect(cancel.parse(res({ cancellation_status: 'cancelled' }), task)).toBe('cancelled')
    })

    it('reads 400 unsupported_task_cancel and 409 task_not_cancellable', () => {
      expect(cancel.parse(res({ error: { code: 'unsupported_task_cancel', message: 'no' } }, 400), task)).toBe('unsupported')
      expect(cancel.parse(res({ error: { code: 'task_not_cancellable', message: 'running' } }, 409), task)).toBe('not-cancellable')
      expect(cancel.parse(res({}, 409), task)).toBe('not-cancellable')
    })

    it('throws other failures', () => {
      expect(thrown(() => cancel.parse(res({ error: 'async_task_not_found' }, 404), task)).kind).toBe('not-found')
      expect(thrown(() => cancel.parse(res({}, 500), task)).kind).toBe('http')
    })
  })

  it('polls every 5-10 s, as the doc advises, unless told otherwise', () => {
    expect(adapter.pollBounds).toEqual({ minMs: 5000, initialMs: 5000, maxMs: 10_000 })
    expect(tokenlab({ pollBounds: { maxMs: 20_000 } }).pollBounds).toEqual({ minMs: 5000, initialMs: 5000, maxMs: 20_000 })
    expect(tokenlab({ pollBounds: { minMs: 8000, maxMs: 6000 } }).pollBounds).toEqual({ minMs: 8000, initialMs: 8000, maxMs: 8000 })
  })
})
