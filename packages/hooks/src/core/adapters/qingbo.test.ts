import { describe, expect, it } from 'vitest'
import type { AdapterResponse } from '../adapter'
import { qingbo } from './qingbo'
import { thrown } from '../../test-utils/thrown'

const res = (body: unknown, status = 200, headers: Record<string, string> = {}): AdapterResponse => ({ status, headers, body })
const adapter = qingbo()
const read = (body: Record<string, unknown>, status = 200) => adapter.parseStatus(res({ task_id: 'task_1', ...body }, status), { id: 'task_1' })
describe('qingbo', () => {
  it('creates with POST /v1/tasks and reads the task id and links', () => {
    expect(adapter.createRequest({ model: 'wan2.7', action: 'generate', prompt: 'p' }, { jobId: 'j' })).toMatchObject({
      method: 'POST',
      url: 'https://www.qingbo.dev/v1/tasks',
      body: { model: 'wan2.7', action: 'generate', prompt: 'p' },
    })
    const task = adapter.parseCreate(
      res({ task_id: 'task-1', status: 'queued', urls: { get: 'https://www.qingbo.dev/v1/tasks/task-1', cancel: 'https://www.qingbo.dev/v1/tasks/task-1/cancel' } }),
      { model: 'wan2.7', action: 'generate' },
    )
    expect(task).toMatchObject({ id: 'task-1', state: 'queued', model: 'wan2.7', type: 'generate', pollUrl: 'https://www.qingbo.dev/v1/tasks/task-1' })
    expect(task.assets).toEqual([])
  })

  it('polls urls.get or poll_url (resolved), else /v1/tasks/{id}; never another origin', () => {
    expect(read({ status: 'processing', poll_url: '/v1/tasks/task_1' }).pollUrl).toBe('https://www.qingbo.dev/v1/tasks/task_1')
    expect(read({ status: 'processing', urls: { get: 'https://evil.example/v1/tasks/task_1' } }).pollUrl).toBeUndefined()
    expect(adapter.statusRequest({ id: 'task_1' }).url).toBe('https://www.qingbo.dev/v1/tasks/task_1')
    expect(adapter.statusRequest({ id: 'task_1', pollUrl: 'https://www.qingbo.dev/v1/tasks/task_1?x=1' }).url).toBe(
      'https://www.qingbo.dev/v1/tasks/task_1?x=1',
    )
  })

  it('maps the five statuses; anything else is unknown', () => {
    expect(['queued', 'processing', 'failed', 'cancelled'].map((status) => read({ status }).state)).toEqual([
      'queued',
      'running',
      'failed',
      'cancelled',
    ])
    expect(read({ status: 'completed', result: { images: [{ url: 'https://cdn.example.com/a.png' }] } }).state).toBe('succeeded')
    expect(read({ status: 'waiting' })).toMatchObject({ state: 'unknown', rawStatus: 'waiting' })
  })

  it('reads created_at / start_time / completed_at in seconds (examples) or ms (docs)', () => {
    const seconds = read({ status: 'processing', created_at: 1720000000, start_time: 1720000002, completed_at: 1720000030 })
    const millis = read({ status: 'processing', created_at: 1720000000000, start_time: 1720000002000, completed_at: 1720000030000 })
    expect(seconds).toMatchObject({ createdAt: 1720000000000, startedAt: 1720000002000, finishedAt: 1720000030000 })
    expect(millis).toMatchObject({ createdAt: 1720000000000, startedAt: 1720000002000, finishedAt: 1720000030000 })
  })

  it('reads `url` as a string (examples) or a string[] (docs), each with its item expiry in ms', () => {
    const task = read({
      status: 'completed',
      result: {
        images: [{ url: ['https://cdn.example.com/1.png', 'https://cdn.example.com/2.png'], expires_at: 1720086400 }],
        videos: [{ url: 'https://cdn.example.com/v', expires_at: 1720086400000 }],
        audios: ['https://cdn.example.com/a.mp3'],
      },
    })
    expect(task.assets).toEqual([
      { kind: 'image', url: 'https://cdn.example.com/1.png', expiresAt: 1720086400000 },
      { kind: 'image', url: 'https://cdn.example.com/2.png', expiresAt: 1720086400000 },
      { kind: 'video', url: 'https://cdn.example.com/v', expiresAt: 1720086400000 },
      { kind: 'audio', url: 'https://cdn.example.com/a.mp3' },
    ])
  })

  it('drops javascript: URLs and fails a completed task left without one', () => {
    const task = read({ status: 'completed', result: { videos: [{ url: ['javascript:alert(1)', 'https://cdn.example.com/ok.mp4'] }] } })
    expect(task.assets.map((asset) => asset.url)).toEqual(['https://cdn.example.com/ok.mp4'])
    expect(read({ status: 'completed', result: { videos: [{ url: 'javascript:alert(1)' }] } })).toMatchObject({
      state: 'failed',
      error: { code: 'missing_output', message: 'Final media URL missing' },
    })
    expect(read({ status: 'completed' }).state).toBe('failed')
  })

  it('keeps the error of a failed task', () => {
    expect(read({ status: 'failed', error: { message: 'Content rejected', code: 'task_failed' } }).error).toEqual({
      code: 'task_failed',
      message: 'Content rejected',
    })
    expect(read({ status: 'failed' }).error).toEqual({ message: 'Task failed' })
  })

  it('maps 404 task_not_found and 401', () => {
    expect(thrown(() => read({ error: { code: 'task_not_found', message: 'task_id does not exist' } }, 404))).toMatchObject({
      kind: 'not-found',
      code: 'task_not_found',
    })
    expect(thrown(() => read({ error: 'task_not_found' }, 400)).kind).toBe('not-found')
    expect(thrown(() => read({ message: 'Authentication failed' }, 401))).toMatchObject({ kind: 'auth', message: 'Authentication failed' })
  })

  it('reads malformed bodies as parse errors', () => {
    for (const body of [null, 'x', [], {}, { status: 'queued' }]) {
      expect(thrown(() => adapter.parseStatus(res(body), { id: 'task_1' })).kind).toBe('parse')
    }
  })

  describe('cancel (queued only)', () => {
    const cancel = adapter.cancel!
    const task = read({ status: 'queued' })

    it('sends POST /v1/tasks/{id}/cancel', () => {
      expect(cancel.request(task)).toMatchObject({ method: 'POST', url: 'https://www.qingbo.dev/v1/tasks/task_1/cancel' })
    })

    it('reads success and the refusal of a task that is no longer queued', () => {
      expect(cancel.parse(res({ task_id: 'task_1', status: 'cancelled' }), task)).toBe('cancelled')
      expect(cancel.parse(res({ ok: true }), task)).toBe('requested')
      expect(cancel.parse(res({ error: { message: 'Only queued tasks can be cancelled' } }, 400), task)).toBe('not-cancellable')
      expect(cancel.parse(res({}, 409), task)).toBe('not-cancellable')
    })

    it('throws what is not a refusal', () => {
      expect(thrown(() => cancel.parse(res({ error: 'task_not_found' }, 404), task)).kind).toBe('not-found')
      expect(thrown(() => cancel.parse(res({}, 401), task)).kind).toBe('auth')
      expect(thrown(() => cancel.parse(res({}, 503), task)).kind).toBe('http')
    })
  })

  it('polls every 2-5 s', () => {
    expect(adapter.pollBounds).toEqual({ minMs: 2000, initialMs: 2000, maxMs: 5000 })
  })
})
